namespace Runbooks.Actions.Processes;

/// <summary>One process as ps reported it.</summary>
internal sealed record ProcessInfo(long Pid, long Ppid, string User, double CpuPercent, double MemPercent, long RssBytes, long ElapsedSeconds, string Name, string Command)
{
    /// <summary>The map a runbook reads as <c>processes[i]</c>.</summary>
    public Dictionary<string, object?> ToOutput() => new(StringComparer.Ordinal)
    {
        ["pid"] = Pid,
        ["ppid"] = Ppid,
        ["user"] = User,
        ["name"] = Name,
        ["cpuPercent"] = CpuPercent,
        ["memPercent"] = MemPercent,
        ["rssBytes"] = RssBytes,
        ["elapsedSeconds"] = ElapsedSeconds,
        ["command"] = Command,
    };
}
