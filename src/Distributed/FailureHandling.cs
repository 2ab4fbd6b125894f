namespace StaticNet.Distributed;

/// <summary>
/// What a rank does when it fails: an exception that escapes any thread prints the rank and the exception and aborts
/// the job (the other ranks, waiting in a collective for this one, would otherwise wait until their timeout), and a
/// process that exits with a failure code aborts the job too; a clean exit finalises MPI.
/// </summary>
internal static class FailureHandling
{
    private static int s_installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 1) return;
        AppDomain.CurrentDomain.UnhandledException += static (_, e) =>
            Dist.Abort($"failed with an unhandled exception; aborting the job.{Environment.NewLine}{e.ExceptionObject}");
        AppDomain.CurrentDomain.ProcessExit += static (_, _) =>
        {
            if (!Dist.IsInitialized) return;
            if (Environment.ExitCode != 0) Dist.Abort($"exited with code {Environment.ExitCode}; aborting the job.", Environment.ExitCode, exit: false);
            else Dist.DestroyProcessGroup();
        };
    }
}
