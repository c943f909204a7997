namespace Runbooks.Cli;

/// <summary>The exit codes of <c>runbooks</c>, as documented in the README and docs/cli.md.</summary>
internal static class ExitCodes
{
    /// <summary>Everything went as asked: the runbook succeeded, the files are valid.</summary>
    public const int Ok = 0;

    /// <summary>The runbook failed, or a file is invalid, or parameters do not fit.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong (unknown command or option, missing argument, bad -p syntax).</summary>
    public const int Usage = 2;

    /// <summary>
    /// <c>runbooks report</c>: the run is not compliant — a check failed or could not be judged, a target recorded no
    /// findings, or the run recorded none at all.
    /// </summary>
    public const int NotCompliant = 5;

    /// <summary>The run was cancelled (Ctrl+C or SIGTERM); it was recorded and its finally steps ran.</summary>
    public const int Cancelled = 130;

    /// <summary>The run is in doubt: a person checks the host and resumes it (runbooks runs resume).</summary>
    public const int InDoubt = 3;

    /// <summary>The run is suspended at an approval gate or a long wait; it continues when decided or when the time comes.</summary>
    public const int Suspended = 4;

    /// <summary>The exit code for how a run stands.</summary>
    public static int For(Runbooks.Core.Journal.RunStatus status) => status switch
    {
        Runbooks.Core.Journal.RunStatus.Succeeded => Ok,
        Runbooks.Core.Journal.RunStatus.Cancelled => Cancelled,
        Runbooks.Core.Journal.RunStatus.InDoubt => InDoubt,
        Runbooks.Core.Journal.RunStatus.Suspended or Runbooks.Core.Journal.RunStatus.Queued => Suspended,
        _ => Failed,
    };
}
