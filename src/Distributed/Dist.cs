using StaticNet.Distributed.Mpi;

namespace StaticNet.Distributed;

/// <summary>
/// The default process group (PyTorch's <c>torch.distributed</c>): the processes an MPI launcher started, each with its
/// <see cref="Rank"/> in 0..<see cref="WorldSize"/>-1, and the collectives they run together. The engine is MPI (Open MPI),
/// so processes may be on one machine or several: <c>mpirun -np 2 dotnet train.dll</c>, or
/// <c>mpirun -np 8 --hostfile hosts dotnet train.dll</c>.
/// </summary>
/// <remarks>
/// Every rank must call the same collectives in the same order, as with any MPI program. A collective that does not
/// complete within the group's timeout, and an exception that escapes any thread of a rank, abort the whole job
/// (<c>MPI_Abort</c>) after printing the rank and the reason, so a failed rank never leaves the others waiting forever.
/// </remarks>
public static partial class Dist
{
    /// <summary>PyTorch's default process-group timeout (<c>default_pg_timeout</c>): 30 minutes.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    private static readonly object s_lock = new(); // MPI runs at MPI_THREAD_SERIALIZED: one call at a time
    private static OpenMpi? s_mpi;
    private static bool s_destroyed;
    private static int s_rank, s_size;

    /// <summary>True when an MPI launcher (mpirun, mpiexec, srun) started this process, so <see cref="InitProcessGroup"/> can join its job.</summary>
    public static bool IsLaunched => LaunchEnvironment.Rank is not null;

    /// <summary>True between <see cref="InitProcessGroup"/> and <see cref="DestroyProcessGroup"/> (<c>is_initialized()</c>).</summary>
    public static bool IsInitialized => s_mpi is not null;

    /// <summary>This process's rank in the group, 0..<see cref="WorldSize"/>-1 (<c>get_rank()</c>).</summary>
    public static int Rank => Mpi is not null ? s_rank : 0;

    /// <summary>The number of processes in the group (<c>get_world_size()</c>).</summary>
    public static int WorldSize => Mpi is not null ? s_size : 0;

    /// <summary>How long a collective may wait for the other ranks before the job is aborted.</summary>
    public static TimeSpan Timeout { get; private set; } = DefaultTimeout;

    /// <summary>The MPI library the group runs on, as it names itself (<c>Open MPI v4.1.4, ...</c>).</summary>
    public static string Backend => Mpi.Version();

    /// <summary>
    /// Joins the job an MPI launcher started (<c>init_process_group("mpi")</c>): initialises MPI, reads this process's rank
    /// and the world size, and arranges that a failure of this rank aborts the job instead of hanging the others.
    /// </summary>
    /// <param name="timeout">How long any collective may wait; <see cref="DefaultTimeout"/> (30 minutes) when null.</param>
    /// <exception cref="DistributedException">This process was not started by an MPI launcher, the MPI library is missing
    /// or is not Open MPI, or the group was already initialised.</exception>
    public static unsafe void InitProcessGroup(TimeSpan? timeout = null)
    {
        if (timeout is { } t && t <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), $"the collective timeout must be positive, got {t}.");
        lock (s_lock)
        {
            if (s_mpi is not null) throw new DistributedException("trying to initialize the default process group twice!");
            if (s_destroyed)
                throw new DistributedException("the process group was destroyed: MPI cannot be initialised twice in one process.");
            if (!IsLaunched)
                throw new DistributedException(
                    "Dist.InitProcessGroup: this process was not started by an MPI launcher (none of OMPI_COMM_WORLD_RANK, PMIX_RANK, " +
                    "PMI_RANK is set). Start every rank with mpirun, for example: mpirun -np 2 dotnet MyTraining.dll " +
                    "(as root add --allow-run-as-root; with more ranks than cores add --oversubscribe). " +
                    "Check Dist.IsLaunched to run as a single process otherwise.");
            var mpi = OpenMpi.Load();
            int provided;
            mpi.Check(mpi.InitThread(null, null, OpenMpi.ThreadSerialized, &provided), "MPI_Init_thread");
            if (provided < OpenMpi.ThreadSerialized)
                throw new DistributedException($"{mpi.LibraryName} provides thread level {provided}; StaticNet.Distributed needs MPI_THREAD_SERIALIZED (2).");
            // Errors come back as return codes (turned into exceptions) rather than killing the job with MPI's own text.
            mpi.Check(mpi.CommSetErrhandler(mpi.CommWorld, mpi.ErrorsReturn), "MPI_Comm_set_errhandler");
            int rank, size;
            mpi.Check(mpi.CommRank(mpi.CommWorld, &rank), "MPI_Comm_rank");
            mpi.Check(mpi.CommSize(mpi.CommWorld, &size), "MPI_Comm_size");
            s_rank = rank;
            s_size = size;
            Timeout = timeout ?? DefaultTimeout;
            s_mpi = mpi;
            FailureHandling.Install();
        }
    }

    /// <summary>Leaves the group and finalises MPI (<c>destroy_process_group()</c>); MPI cannot be initialised again afterwards.</summary>
    public static unsafe void DestroyProcessGroup()
    {
        lock (s_lock)
        {
            if (s_mpi is not { } mpi) return;
            s_mpi = null;
            s_destroyed = true;
            mpi.Check(mpi.Finalize(), "MPI_Finalize");
        }
    }

    /// <summary>Ends the whole job now (<c>MPI_Abort</c>), after printing <paramref name="reason"/> with this rank to stderr.</summary>
    /// <param name="reason">Why; printed as <c>[rank R/N] reason</c>.</param>
    /// <param name="exitCode">The code the launcher reports.</param>
    public static void Abort(string reason, int exitCode = 1) => Abort(reason, exitCode, exit: true);

    // exit: false from the ProcessExit handler, where Environment.Exit must not be called again.
    internal static unsafe void Abort(string reason, int exitCode, bool exit)
    {
        Console.Out.Flush();
        Console.Error.WriteLine($"[rank {s_rank}/{s_size}] {reason}");
        Console.Error.Flush();
        // No lock: the rank may be stuck inside another MPI call, which is exactly when it must abort.
        if (s_mpi is { } mpi) mpi.Abort(mpi.CommWorld, exitCode);
        if (exit) Environment.Exit(exitCode);
    }

    private static OpenMpi Mpi => s_mpi ?? throw new DistributedException(
        "Default process group has not been initialized, please make sure to call Dist.InitProcessGroup().");
}
