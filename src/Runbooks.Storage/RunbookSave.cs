namespace Runbooks.Storage;

/// <summary>One save (or delete: <see cref="ContentHash"/> null) of a runbook through the API.</summary>
public sealed record RunbookSave(string Name, string SourcePath, string? ContentHash, string? PreviousHash, string SavedBy, DateTimeOffset SavedAt);
