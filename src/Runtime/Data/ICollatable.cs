using System.Runtime.CompilerServices;

namespace StaticNet.Data;

/// <summary>
/// Lets the default collate read a sample type of your own, such as a record, field by field — without reflection,
/// so it works under NativeAOT and trimming. Return the fields as a value tuple:
/// <code>
/// record Sample(Tensor Image, long Label) : ICollatable
/// {
///     public ITuple CollateFields() => (Image, Label);
/// }
/// </code>
/// The batch then holds one collated field per tuple element, in that order (<c>var (images, labels) = batch</c>).
/// A type that implements <see cref="ITuple"/> itself needs no more than that.
/// </summary>
public interface ICollatable
{
    /// <summary>The sample's fields, in the order the batch should hold them.</summary>
    ITuple CollateFields();
}
