using System;

namespace StaticNet.Analyzers.Weights;

/// <summary>A weights file whose header cannot be read; the message says what is wrong, for SN0204.</summary>
internal sealed class WeightsFormatException(string message) : Exception(message);
