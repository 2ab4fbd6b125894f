using System.Globalization;

namespace StaticNet.Distributed;

/// <summary>
/// What an MPI launcher tells a process it starts, through the environment: Open MPI's <c>mpirun</c> sets
/// <c>OMPI_COMM_WORLD_RANK</c>/<c>OMPI_COMM_WORLD_SIZE</c>, PMIx launchers (<c>srun --mpi=pmix</c>, prterun) set
/// <c>PMIX_RANK</c>, and PMI-1/2 launchers (Hydra's <c>mpiexec</c>, <c>srun --mpi=pmi2</c>) set <c>PMI_RANK</c>/<c>PMI_SIZE</c>.
/// Read before MPI is initialised, so that a process started without a launcher gets a clear error instead of
/// becoming a silent world of one.
/// </summary>
internal static class LaunchEnvironment
{
    /// <summary>The rank the launcher gave this process, or null when no launcher started it.</summary>
    public static int? Rank => Read("OMPI_COMM_WORLD_RANK") ?? Read("PMIX_RANK") ?? Read("PMI_RANK");

    /// <summary>The number of processes the launcher started, when it says so (PMIx alone does not).</summary>
    public static int? Size => Read("OMPI_COMM_WORLD_SIZE") ?? Read("PMI_SIZE");

    private static int? Read(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
}
