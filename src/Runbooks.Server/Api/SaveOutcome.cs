using Runbooks.Core.Diagnostics;

namespace Runbooks.Server.Api;

/// <summary>What a save or delete of a runbook file came to.</summary>
internal sealed record SaveOutcome
{
    public required SaveResultKind Kind { get; init; }
    public string? Path { get; init; }
    public string? ContentHash { get; init; }
    public string? PreviousHash { get; init; }
    public string? Message { get; init; }
    public RunbookFile? Current { get; init; }
    public IReadOnlyList<Diagnostic> Problems { get; init; } = [];

    public static SaveOutcome Saved(string path, string? hash, string? previous) => new() { Kind = SaveResultKind.Saved, Path = path, ContentHash = hash, PreviousHash = previous };

    public static SaveOutcome Conflict(RunbookFile current, string message) => new() { Kind = SaveResultKind.Conflict, Current = current, Message = message };

    public static SaveOutcome Missing(string message) => new() { Kind = SaveResultKind.Missing, Message = message };

    public static SaveOutcome Invalid(IReadOnlyList<Diagnostic> problems) => new() { Kind = SaveResultKind.Invalid, Problems = problems };
}
