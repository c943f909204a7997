namespace Runbooks.Actions.Disk;

/// <summary>One line of GNU df output: a mounted filesystem and its usage.</summary>
internal sealed record DiskMount(
    string Device, string FsType, long SizeBytes, long UsedBytes, long AvailableBytes, long UsedPercent, long? InodesUsedPercent, string Mount)
{
    /// <summary>The map a runbook reads as <c>mounts[i]</c>.</summary>
    public Dictionary<string, object?> ToOutput() => new(StringComparer.Ordinal)
    {
        ["mount"] = Mount,
        ["device"] = Device,
        ["fsType"] = FsType,
        ["sizeBytes"] = SizeBytes,
        ["usedBytes"] = UsedBytes,
        ["availableBytes"] = AvailableBytes,
        ["usedPercent"] = UsedPercent,
        ["inodesUsedPercent"] = InodesUsedPercent,
    };
}
