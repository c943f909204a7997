namespace Runbooks.Core.Execution;

/// <summary>How a command ended.</summary>
public sealed record CommandResult
{
    /// <summary>The exit code.</summary>
    public required int ExitCode { get; init; }

    /// <summary>Standard output, bounded, with a truncation marker when cut.</summary>
    public string Stdout { get; init; } = "";

    /// <summary>Standard error, bounded likewise.</summary>
    public string Stderr { get; init; } = "";

    /// <summary>How long it ran.</summary>
    public TimeSpan Duration { get; init; }
}
