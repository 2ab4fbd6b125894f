namespace StaticNet.Kernels.Cpu.Pooling;

/// <summary>The work of a <see cref="PlaneLoop"/>: a range of planes.</summary>
internal interface IPlaneBody
{
    /// <summary>Processes planes [start, end).</summary>
    void Run(int start, int end);
}

/// <summary>Runs a body over ranges of independent planes, split over worker threads when the work is large enough.</summary>
internal static class PlaneLoop
{
    /// <summary>Below this many element visits in all a call stays on the calling thread.</summary>
    private const long ParallelThreshold = 1L << 15;

    /// <param name="planes">How many planes.</param>
    /// <param name="workPerPlane">Element visits per plane (for the threshold).</param>
    /// <param name="body">Called with [first, end) plane ranges, each plane in exactly one range (a struct: no closure per call).</param>
    public static void For<TBody>(int planes, long workPerPlane, ref TBody body) where TBody : struct, IPlaneBody
    {
        long total = planes * Math.Max(1, workPerPlane);
        int workers = (int)Math.Min(Math.Min(CpuParallelism.MaxThreads, planes), Math.Max(1, total / ParallelThreshold));
        if (workers <= 1)
        {
            body.Run(0, planes);
            return;
        }
        var ranges = new PlaneRanges<TBody>(body, planes, workers);
        CpuWorkers.For(workers, ref ranges, workers);
    }

    /// <summary>Worker w of <see cref="For"/>: the planes [planes·w/workers, planes·(w+1)/workers).</summary>
    private readonly struct PlaneRanges<TBody>(TBody body, int planes, int workers) : IParallelBody where TBody : struct, IPlaneBody
    {
        public void Invoke(int w) => body.Run((int)((long)planes * w / workers), (int)((long)planes * (w + 1) / workers));
    }
}
