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
    public const int NotCompliant = 3;

    /// <summary>The run was cancelled (Ctrl+C or SIGTERM); it was recorded and its finally steps ran.</summary>
    public const int Cancelled = 130;
}
