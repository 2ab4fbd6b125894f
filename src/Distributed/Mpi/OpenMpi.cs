using System.Runtime.InteropServices;

namespace StaticNet.Distributed.Mpi;

/// <summary>
/// The few calls of Open MPI's C API that data-parallel training needs, bound at run time: the library is opened with
/// <see cref="NativeLibrary"/> and each function is called through an unmanaged function pointer taken from its export,
/// so nothing is marshalled (every argument is blittable), nothing is generated at run time (trim/NativeAOT clean), and
/// a machine without MPI gets a clear error when a process group is created rather than a DllNotFoundException deep
/// inside the first collective.
/// </summary>
/// <remarks>
/// Open MPI's handles (<c>MPI_Comm</c>, <c>MPI_Datatype</c>, <c>MPI_Op</c>, <c>MPI_Errhandler</c>) are pointers to
/// predefined global objects: <c>#define MPI_COMM_WORLD ((MPI_Comm) &amp;ompi_mpi_comm_world)</c> in its mpi.h. The handle
/// is therefore the address of the exported symbol, which <see cref="NativeLibrary.GetExport"/> returns. MPICH and its
/// derivatives use integer handles (<c>MPI_COMM_WORLD == 0x44000000</c>), a different ABI: this binding names Open MPI's
/// symbols and reports an MPICH library as not supported. Open MPI keeps the soname libmpi.so.40 from 3.0 to 5.x.
/// </remarks>
internal sealed unsafe class OpenMpi
{
    public const int Success = 0;
    public const int ThreadSerialized = 2; // MPI_THREAD_SERIALIZED: any thread may call, one at a time (Dist holds a lock)
    public const int MaxErrorString = 256;  // MPI_MAX_ERROR_STRING (OPAL_MAX_ERROR_STRING)
    public static readonly void* InPlace = (void*)1; // MPI_IN_PLACE

    /// <summary>The environment variable that names the MPI library to open instead of the default sonames.</summary>
    public const string LibraryVariable = "STATICNET_MPI_LIBRARY";

    private static readonly string[] s_defaultNames = OperatingSystem.IsMacOS()
        ? ["libmpi.40.dylib", "libmpi.dylib"]
        : ["libmpi.so.40", "libmpi.so"];

    public readonly string LibraryName;
    public readonly nint CommWorld, Float, Double, Int32, Int64, Byte, OpSum, OpProd, OpMin, OpMax, ErrorsReturn;

    public readonly delegate* unmanaged<int*, byte***, int, int*, int> InitThread;
    public readonly delegate* unmanaged<int*, int> Initialized;
    public readonly delegate* unmanaged<int*, int> Finalized;
    public readonly delegate* unmanaged<int> Finalize;
    public readonly delegate* unmanaged<nint, int, int> Abort;
    public readonly delegate* unmanaged<nint, int*, int> CommRank;
    public readonly delegate* unmanaged<nint, int*, int> CommSize;
    public readonly delegate* unmanaged<nint, nint, int> CommSetErrhandler;
    public readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, nint*, int> Iallreduce;
    public readonly delegate* unmanaged<void*, int, nint, int, nint, nint*, int> Ibcast;
    public readonly delegate* unmanaged<nint, nint*, int> Ibarrier;
    public readonly delegate* unmanaged<nint*, int*, void*, int> Test;
    public readonly delegate* unmanaged<int, byte*, int*, int> ErrorString;
    public readonly delegate* unmanaged<byte*, int*, int> GetLibraryVersion;

    private OpenMpi(string name, nint lib)
    {
        LibraryName = name;
        nint Get(string symbol) => NativeLibrary.TryGetExport(lib, symbol, out var address)
            ? address
            : throw new DistributedException(
                $"{name} has no symbol '{symbol}': StaticNet.Distributed binds Open MPI's ABI (Open MPI 3.0 or later, libmpi.so.40). " +
                "MPICH, Intel MPI and MVAPICH use another ABI; install Open MPI (Debian: apt-get install openmpi-bin libopenmpi-dev) " +
                $"or point {LibraryVariable} at Open MPI's libmpi.");
        CommWorld = Get("ompi_mpi_comm_world");
        Float = Get("ompi_mpi_float");
        Double = Get("ompi_mpi_double");
        Int32 = Get("ompi_mpi_int");
        Int64 = Get("ompi_mpi_int64_t");
        Byte = Get("ompi_mpi_byte");
        OpSum = Get("ompi_mpi_op_sum");
        OpProd = Get("ompi_mpi_op_prod");
        OpMin = Get("ompi_mpi_op_min");
        OpMax = Get("ompi_mpi_op_max");
        ErrorsReturn = Get("ompi_mpi_errors_return");
        InitThread = (delegate* unmanaged<int*, byte***, int, int*, int>)Get("MPI_Init_thread");
        Initialized = (delegate* unmanaged<int*, int>)Get("MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)Get("MPI_Finalized");
        Finalize = (delegate* unmanaged<int>)Get("MPI_Finalize");
        Abort = (delegate* unmanaged<nint, int, int>)Get("MPI_Abort");
        CommRank = (delegate* unmanaged<nint, int*, int>)Get("MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)Get("MPI_Comm_size");
        CommSetErrhandler = (delegate* unmanaged<nint, nint, int>)Get("MPI_Comm_set_errhandler");
        Iallreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, nint*, int>)Get("MPI_Iallreduce");
        Ibcast = (delegate* unmanaged<void*, int, nint, int, nint, nint*, int>)Get("MPI_Ibcast");
        Ibarrier = (delegate* unmanaged<nint, nint*, int>)Get("MPI_Ibarrier");
        Test = (delegate* unmanaged<nint*, int*, void*, int>)Get("MPI_Test");
        ErrorString = (delegate* unmanaged<int, byte*, int*, int>)Get("MPI_Error_string");
        GetLibraryVersion = (delegate* unmanaged<byte*, int*, int>)Get("MPI_Get_library_version");
    }

    /// <summary>Opens the MPI library (<see cref="LibraryVariable"/>, else Open MPI's sonames) and binds its functions.</summary>
    /// <exception cref="DistributedException">No MPI library could be opened, or it is not Open MPI.</exception>
    public static OpenMpi Load()
    {
        string? chosen = Environment.GetEnvironmentVariable(LibraryVariable);
        string[] names = string.IsNullOrEmpty(chosen) ? s_defaultNames : [chosen];
        foreach (var name in names)
            if (NativeLibrary.TryLoad(name, out var lib)) return new OpenMpi(name, lib);
        throw new DistributedException(
            $"Could not open the MPI library (tried {string.Join(", ", names)}). StaticNet.Distributed runs on Open MPI: " +
            $"install it (Debian/Ubuntu: apt-get install openmpi-bin libopenmpi-dev) or set {LibraryVariable} to the path of its libmpi.");
    }

    /// <summary>Throws a <see cref="DistributedException"/> naming <paramref name="call"/> and MPI's own error text unless rc is MPI_SUCCESS.</summary>
    public void Check(int rc, string call)
    {
        if (rc != Success) throw new DistributedException($"{call} failed: {ErrorText(rc)} (MPI error {rc}).");
    }

    /// <summary>MPI's text for an error code.</summary>
    public string ErrorText(int rc)
    {
        var text = stackalloc byte[MaxErrorString];
        int length = 0;
        return ErrorString(rc, text, &length) == Success ? Marshal.PtrToStringUTF8((nint)text, length) : "unknown error";
    }

    /// <summary>The library's own version line (<c>Open MPI v4.1.4, ...</c>).</summary>
    public string Version()
    {
        var text = stackalloc byte[256 + 1]; // MPI_MAX_LIBRARY_VERSION_STRING
        int length = 0;
        return GetLibraryVersion(text, &length) == Success ? Marshal.PtrToStringUTF8((nint)text, length).TrimEnd('\0').Trim() : "unknown"; // Open MPI counts the terminating NUL
    }
}
