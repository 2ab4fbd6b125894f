using System.Runtime.CompilerServices;

namespace StaticNet.Tests.Tensors;

/// <summary>
/// The recycling of large storage arrays (<see cref="HostArrayPool"/>): an array comes back only once nothing
/// references it, a zeroed request gets zeros, small and user-shared arrays stay outside.
/// </summary>
/// <remarks>Runs alone: it collects the heap and counts on nothing else returning arrays of its odd lengths.</remarks>
[Collection("HostArrayPool")]
public class HostArrayPoolTests
{
    // Odd lengths (over the pooling threshold) no other test allocates, so their free lists are this test's own.
    private const int Length = 123_457;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference DropOne(int length, float fill)
    {
        var array = HostArrayPool<float>.Rent(length, zeroed: false);
        array.AsSpan().Fill(fill);
        return new WeakReference(array, trackResurrection: true);
    }

    // Earlier tests can leave the pool holding its cap (MaxFreeBytes) of free arrays (a ResNet-18 step at 224×224 frees
    // far more than 256 MiB), and a full pool lets a returned array go to the GC, which these tests would read as a
    // failure. Age those out: after MaxIdleCollections gen-2 collections, the next return of an element type releases
    // that type's idle arrays, so return one array of each type the tests' neighbours use.
    public HostArrayPoolTests()
    {
        for (int i = 0; i <= HostArrayPool.MaxIdleCollections; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
        }
        DropAny<float>();
        DropAny<double>();
        DropAny<long>();
        DropAny<int>();
        DropAny<byte>();
        CollectTwice();
    }

    // One pooled array of T, dropped at once (a length of its own, over the threshold for every element size).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropAny<T>() where T : unmanaged => HostArrayPool<T>.Rent(99_991, zeroed: true);

    private static void CollectTwice()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
        }
    }

    [Fact]
    public void UnreachableArrayIsHandedOutAgain()
    {
        var dropped = DropOne(Length, 7f);
        CollectTwice();
        var next = HostArrayPool<float>.Rent(Length, zeroed: false);
        // The same array, still holding what the last user wrote (an uninitialized request, like GC.AllocateUninitializedArray).
        Assert.Same(dropped.Target, next);
        Assert.Equal(7f, next[Length - 1]);
    }

    [Fact]
    public void ZeroedRequestOfARecycledArrayIsZero()
    {
        DropOne(Length + 1, 3f);
        CollectTwice();
        var next = HostArrayPool<float>.Rent(Length + 1, zeroed: true);
        Assert.All(next, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ReachableArrayIsNeverHandedOut()
    {
        // Only the array is held (no storage, no tensor): a kernel's pinned pointer or a span keeps it the same way.
        var held = HostArrayPool<float>.Rent(Length + 2, zeroed: false);
        CollectTwice();
        var other = HostArrayPool<float>.Rent(Length + 2, zeroed: false);
        Assert.NotSame(held, other);
        GC.KeepAlive(held);
    }

    [Fact]
    public void TensorsDroppedInALoopReuseTheirMemory()
    {
        // W1's pattern: one large result per call, dropped at once. After warm-up the pool serves (almost) every call.
        var a = Torch.Randn(64, 600);
        var b = Torch.Randn(600, 577);   // 64 x 577 floats = 147,712 bytes per result
        // Marks held weakly (a strong set would keep every result alive and defeat the pool it measures).
        var seen = new ConditionalWeakTable<float[], object>();
        int fresh = 0;
        for (int i = 0; i < 400; i++)
        {
            var array = (float[])((Storage<float>)Torch.Matmul(a, b).Storage).Array;
            if (!seen.TryGetValue(array, out _))
            {
                fresh++;
                seen.Add(array, array);
            }
        }
        // The budget handed out between gen-2 collections (at most 32 MiB: 227 of these) bounds the fresh arrays;
        // after the collection it starts, the loop runs on recycled ones. A few more for what the GC's own timing adds.
        long perCycle = HostArrayPool.CollectionBudgetBytes / (64 * 577 * sizeof(float));
        Assert.InRange(fresh, 1, perCycle + 20);
    }

    // A collection, then the hand-out that notices it; the budget it sets is the trough of the cycle it closes.
    private static void CollectAndRent()
    {
        CollectTwice();
        HostArrayPool<float>.Rent(Length + 5, zeroed: false);
    }

    [Fact]
    public void CollectionBudgetFollowsThePooledBytesInUse()
    {
        // 16 MiB held through a whole cycle between collections: the budget covers them (dead arrays may reach what
        // is live), up to the cap.
        var held = new List<float[]>();
        for (int i = 0; i < 16; i++) held.Add(HostArrayPool<float>.Rent((1 << 18) + 11, zeroed: false));
        CollectAndRent();
        CollectAndRent();
        long withHeld = HostArrayPool.BudgetBytes;
        Assert.InRange(withHeld, 16L << 20, HostArrayPool.CollectionBudgetBytes);

        // Dropped and collected: the next budget shrinks by what they were, down to the floor.
        held.Clear();
        CollectAndRent();
        CollectAndRent();
        long without = HostArrayPool.BudgetBytes;
        Assert.InRange(without, HostArrayPool.MinCollectionBudgetBytes,
            Math.Max(HostArrayPool.MinCollectionBudgetBytes, withHeld - (15L << 20)));
    }

    [Fact]
    public void SmallAndSharedArraysStayOutside()
    {
        var small = HostArrayPool<float>.Rent(1000, zeroed: true);
        Assert.Equal(1000, small.Length);
        var user = new float[Length + 3];
        var shared = Torch.FromArray(user);
        Assert.Same(user, ((Storage<float>)shared.Storage).Array);
        GC.KeepAlive(shared);
    }
}

[CollectionDefinition("HostArrayPool", DisableParallelization = true)]
public sealed class HostArrayPoolCollection;
