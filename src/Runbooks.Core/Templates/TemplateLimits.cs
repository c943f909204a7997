namespace Runbooks.Core.Templates;

/// <summary>
/// Bounds on one render, so that a hostile or careless template cannot hang or exhaust the process.
/// Each is a hard error naming the limit when exceeded.
/// </summary>
public sealed record TemplateLimits
{
    /// <summary>Iterations of all loops in one render. Default 10,000.</summary>
    public int LoopLimit { get; init; } = 10_000;

    /// <summary>Nesting of function calls. Default 50.</summary>
    public int RecursionLimit { get; init; } = 50;

    /// <summary>Characters a render may produce (and any one string it may build). Default 1,000,000.</summary>
    public int MaxOutputChars { get; init; } = 1_000_000;

    /// <summary>Bytes one render may allocate, checked at every loop step. Default 64 MiB.</summary>
    public long MaxAllocatedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Wall time for one render. Default 2s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Characters of template source accepted. Default 100,000.</summary>
    public int MaxSourceChars { get; init; } = 100_000;
}
