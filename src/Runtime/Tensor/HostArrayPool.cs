using System.Runtime;
using System.Runtime.CompilerServices;

namespace StaticNet;

/// <summary>
/// Reuses the large arrays behind CPU storages: an array that no one references any more goes back to a free list
/// and backs the next storage of the same length, instead of the GC handing out fresh large-object-heap memory.
/// </summary>
/// <remarks>
/// <para><b>Why.</b> Arrays of 85,000 bytes or more live on the large object heap, which the GC returns to the
/// operating system (or resets) after the collections that free them; the next allocation touches fresh pages
/// and pays a page fault for every 4 KiB. On the development VMs a fault costs about 10 µs, so a [256, 256] matmul
/// result (64 pages) spent 0.65 ms faulting against 0.15 ms of arithmetic, and a [1024, 1024] one 5 ms against 11.
/// PyTorch does not pay this because its allocator (glibc malloc) keeps freed blocks and hands them out again;
/// a training loop allocates the same shapes every step, so exact-length free lists recover all of it. Arrays from
/// <see cref="MinPooledBytes"/> (32 KiB) up to the large object heap's threshold are pooled too: gen 0 hands out fresh
/// memory as well until its first collection.</para>
/// <para><b>When an array is free.</b> Only when the array itself is unreachable: a <see cref="DependentHandle"/>
/// keeps a small <see cref="Recycler"/> alive exactly as long as its array is, and the recycler's finalizer runs
/// after the GC found the array unreachable from everything — tensors, storages, spans, <c>fixed</c> pointers and
/// <see cref="Storage{T}.Array"/> references included. So a storage that dies while a kernel still writes through
/// a pointer into its (pinned) array cannot lose the array to another tensor. Arrays shared by
/// <see cref="Torch.FromArray"/> are the user's and never enter the pool.</para>
/// <para><b>When arrays come back.</b> Large arrays die only in gen-2 collections, which the GC starts on its own
/// schedule; a loop that drops one large result per call would otherwise run out of free arrays long before the
/// next one. So once the collection budget of pooled arrays has been handed out since the last gen-2 collection
/// and a request finds its free list empty, the pool starts a gen-2 collection itself and waits briefly
/// (<see cref="FinalizerWaitMilliseconds"/>) for the finalizer thread to return what it freed. A gen-2
/// collection of a tensor program costs well under a millisecond (large float arrays hold no references to
/// trace); faulting in the memory it recovers would cost a page fault per 4 KiB.</para>
/// <para><b>The budget</b> is what the pooled arrays in use added up to at their lowest during the last cycle
/// between two collections (once the finalizers had returned what the collection freed), between
/// <see cref="MinCollectionBudgetBytes"/> and <see cref="CollectionBudgetBytes"/>: the dead arrays waiting for a
/// collection then never outweigh the live ones by much, the way a tracing GC lets its heap grow by a fraction of
/// what survived. A fixed 32 MiB budget made a small model's process twice its size (the kit's W2 MLP, whose
/// parameters, gradients and AdamW state are ~9 MiB, peaked at ~90 MB resident, ~32 MB of it dead gradients and
/// activations awaiting a collection); a large model's budget stays at the cap, where a collection per 32 MiB
/// costs little next to the work that allocated it. A request never collects before
/// <see cref="HandOutsPerCollection"/> hand-outs of its own size, so large results are not collected call by call.</para>
/// <para><b>What it keeps.</b> At most <see cref="MaxFreeBytes"/> of free arrays; an array returned beyond that,
/// or one that has waited through <see cref="MaxIdleCollections"/> gen-2 collections unused, is let go to the GC.</para>
/// </remarks>
internal static class HostArrayPool
{
    /// <summary>Arrays smaller than this come from the GC directly: they live in gen 0, whose memory stays mapped.</summary>
    /// <remarks>
    /// 8 pages. Gen 0's memory is fresh too until the first gen-0 collection (its budget is several MiB), so a loop
    /// dropping one [128, 128] matmul result (64 KiB) per call faulted 16 pages on every call of the kit's W1 window:
    /// 0.066–0.128 ms median against 0.027–0.033 ms once these arrays are pooled and recycled inside the window (W1 1T,
    /// alternating builds, loaded 2-vCPU AMD EPYC Zen 5; OpenBLAS takes 0.026 ms there). Pooling costs a finalizable
    /// recycler and a dependent handle per array, about a microsecond, small next to faulting in 8 pages (16–80 µs).
    /// </remarks>
    public const int MinPooledBytes = 32 << 10;

    /// <summary>The most pooled bytes handed out between two gen-2 collections before an empty free list starts one.</summary>
    public const long CollectionBudgetBytes = 32L << 20;

    /// <summary>
    /// The least budget: a program whose pooled arrays in use are smaller still collects no more often than once
    /// per 512 KiB handed out (and per <see cref="HandOutsPerCollection"/> hand-outs of the size that asks).
    /// </summary>
    /// <remarks>
    /// Every byte of budget is a byte of fresh memory when a loop starts (nothing is free before the first collection),
    /// so the floor is where a collection costs about what the faults of that many fresh bytes cost: the pool's gen-2
    /// collection took 0.2–0.5 ms in the peer kit's W1 process and a fresh page 2–10 µs to fault in (AMD EPYC Zen 5
    /// VMs), the faults of 0.25–1 MiB; 512 KiB lets the 64 KiB results of a [128, 128] matmul come back after 8 calls.
    /// With the earlier 8 MiB floor a loop dropping one [256, 256] result per call ran
    /// its first 32 calls on fresh memory, the kit's whole W1 window (27 calls): 0.69 ms median against 0.12 ms on
    /// recycled memory.
    /// </remarks>
    public const long MinCollectionBudgetBytes = 512L << 10;

    /// <summary>
    /// A collection comes at most once per this many hand-outs of the size that asks for it, up to
    /// <see cref="HandOutBudgetCapBytes"/>: with few pooled bytes in use, a loop dropping one 1 MiB result per call (a
    /// [512, 512] matmul) would otherwise collect every other call and spend 10–20 % of its time in collections.
    /// </summary>
    /// <remarks>W1 1T n = 256, alternating builds (loaded 2-vCPU AMD EPYC Zen 5): median 0.26–0.32 ms with the earlier
    /// fixed 8 MiB floor, 0.16–0.23 ms with a 1 MiB floor and this rule; n ≥ 512 unchanged within the noise
    /// (bench/results/amd-epyc-zen5-2c_issue23p_2026-12-07_w1_pool.txt).</remarks>
    public const int HandOutsPerCollection = 8;

    /// <summary>
    /// The most the hand-out rule raises the budget to (the earlier fixed floor): beyond a few MiB per result a
    /// collection costs little next to the work that made it, and more fresh arrays would only add faults and memory.
    /// </summary>
    public const long HandOutBudgetCapBytes = 8L << 20;

    /// <summary>The most bytes the free lists hold.</summary>
    public const long MaxFreeBytes = 256L << 20;

    /// <summary>Free arrays unused through this many gen-2 collections are released.</summary>
    public const int MaxIdleCollections = 4;

    /// <summary>How long a request that started a collection waits for the finalizer thread to return arrays.</summary>
    public const int FinalizerWaitMilliseconds = 2;

    private static long s_rentedSinceCollection;
    private static long s_outstandingBytes;   // handed out and not yet back through a recycler's finalizer
    private static long s_troughBytes;        // the least s_outstandingBytes since the last collection was noticed
    private static long s_budgetBytes = MinCollectionBudgetBytes;
    private static int s_lastGen2 = GC.CollectionCount(2);
    private static long s_freeBytes;
    private static readonly SemaphoreSlim s_returned = new(0);

    /// <summary>Bytes the free lists hold now (tests and diagnostics).</summary>
    public static long FreeBytes => Interlocked.Read(ref s_freeBytes);

    /// <summary>Bytes handed out between two gen-2 collections before an empty free list starts one (see remarks).</summary>
    public static long BudgetBytes => Interlocked.Read(ref s_budgetBytes);

    /// <summary>Counts a hand-out; true when an empty free list should start a collection first.</summary>
    internal static bool NoteRent(long bytes)
    {
        int gen2 = GC.CollectionCount(2);
        if (gen2 != Volatile.Read(ref s_lastGen2))
        {
            Volatile.Write(ref s_lastGen2, gen2);
            Interlocked.Exchange(ref s_rentedSinceCollection, 0);
            // The trough of the cycle that just ended: the live arrays, after the finalizers of the collection that
            // began it returned the dead ones (right now this collection's dead arrays are still counted).
            long trough = Interlocked.Exchange(ref s_troughBytes, Interlocked.Read(ref s_outstandingBytes));
            Interlocked.Exchange(ref s_budgetBytes, Math.Clamp(trough, MinCollectionBudgetBytes, CollectionBudgetBytes));
        }
        Interlocked.Add(ref s_outstandingBytes, bytes);
        long budget = Math.Max(Interlocked.Read(ref s_budgetBytes), Math.Min(HandOutsPerCollection * bytes, HandOutBudgetCapBytes));
        return Interlocked.Add(ref s_rentedSinceCollection, bytes) > budget;
    }

    /// <summary>Called by a recycler's finalizer: a handed-out array is unreachable.</summary>
    internal static void NoteRecycled(long bytes)
    {
        long now = Interlocked.Add(ref s_outstandingBytes, -bytes);
        long trough = Interlocked.Read(ref s_troughBytes);
        while (now < trough)
        {
            long seen = Interlocked.CompareExchange(ref s_troughBytes, now, trough);
            if (seen == trough) break;
            trough = seen;
        }
    }

    /// <summary>Starts a blocking gen-2 collection and waits a little for the arrays it frees to come back.</summary>
    internal static void CollectAndWait()
    {
        while (s_returned.Wait(0)) { }   // forget returns signalled before this collection
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        Interlocked.Exchange(ref s_rentedSinceCollection, 0);
        s_returned.Wait(FinalizerWaitMilliseconds);
    }

    internal static bool TryReserveFree(long bytes)
    {
        if (Interlocked.Add(ref s_freeBytes, bytes) <= MaxFreeBytes) return true;
        Interlocked.Add(ref s_freeBytes, -bytes);
        return false;
    }

    internal static void ReleaseFree(long bytes) => Interlocked.Add(ref s_freeBytes, -bytes);

    internal static void SignalReturned() => s_returned.Release();
}

/// <summary>The free lists of one element type (see <see cref="HostArrayPool"/>).</summary>
internal static class HostArrayPool<T> where T : unmanaged
{
    private readonly record struct FreeArray(T[] Array, int Gen2AtReturn);

    // Per length, oldest first: taken from the end (the most recently returned is the likeliest still in cache).
    private static readonly Dictionary<int, List<FreeArray>> s_free = [];
    private static readonly Lock s_lock = new();

    /// <summary>An array of exactly <paramref name="length"/> elements, zeroed when asked.</summary>
    public static unsafe T[] Rent(int length, bool zeroed)
    {
        long bytes = (long)length * sizeof(T);
        if (bytes < HostArrayPool.MinPooledBytes) return zeroed ? new T[length] : GC.AllocateUninitializedArray<T>(length);
        bool overBudget = HostArrayPool.NoteRent(bytes);
        if (!TryTake(length, out var array) && overBudget)
        {
            HostArrayPool.CollectAndWait();
            TryTake(length, out array);
        }
        if (array is not null)
        {
            if (zeroed) array.AsSpan().Clear();
        }
        else
        {
            array = zeroed ? new T[length] : GC.AllocateUninitializedArray<T>(length);
        }
        Recycler.Watch(array);
        return array;
    }

    private static bool TryTake(int length, out T[]? array)
    {
        lock (s_lock)
        {
            if (s_free.TryGetValue(length, out var list) && list.Count > 0)
            {
                array = list[^1].Array;
                list.RemoveAt(list.Count - 1);
                HostArrayPool.ReleaseFree(Bytes(array));
                return true;
            }
        }
        array = null;
        return false;
    }

    /// <summary>Called by a recycler's finalizer: <paramref name="array"/> is unreachable from everything else.</summary>
    private static void Return(T[] array)
    {
        HostArrayPool.NoteRecycled(Bytes(array));
        int gen2 = GC.CollectionCount(2);
        lock (s_lock)
        {
            ReleaseIdle(gen2);
            if (!HostArrayPool.TryReserveFree(Bytes(array))) return;   // over the cap: the GC takes it
            if (!s_free.TryGetValue(array.Length, out var list)) s_free[array.Length] = list = [];
            list.Add(new FreeArray(array, gen2));
        }
        HostArrayPool.SignalReturned();
    }

    /// <summary>Drops free arrays that stayed unused through <see cref="HostArrayPool.MaxIdleCollections"/> collections.</summary>
    private static void ReleaseIdle(int gen2)
    {
        foreach (var list in s_free.Values)
        {
            int stale = 0;
            while (stale < list.Count && gen2 - list[stale].Gen2AtReturn > HostArrayPool.MaxIdleCollections)
                HostArrayPool.ReleaseFree(Bytes(list[stale++].Array));
            if (stale > 0) list.RemoveRange(0, stale);
        }
    }

    private static unsafe long Bytes(T[] array) => (long)array.Length * sizeof(T);

    /// <summary>
    /// Lives exactly as long as its array (through a dependent handle from the array to it); its finalizer therefore
    /// runs once the array is unreachable, and hands the array back.
    /// </summary>
    private sealed class Recycler
    {
        private readonly T[] _array;
        private DependentHandle _handle;

        private Recycler(T[] array) => _array = array;

        public static void Watch(T[] array)
        {
            var recycler = new Recycler(array);
            recycler._handle = new DependentHandle(array, recycler);
        }

        ~Recycler()
        {
            // Only this finalizer ever touches the handle, so disposing it here is not concurrent with any other use.
            _handle.Dispose();
            Return(_array);
        }
    }
}
