namespace Runbooks.Core.Execution;

/// <summary>A machine a step runs on, as templates see it under <c>target</c>.</summary>
/// <param name="Name">The inventory name, or <c>local</c>.</param>
/// <param name="Transport">How commands reach it: <c>local</c> or <c>ssh</c>.</param>
/// <param name="Address">Host name or IP for remote targets; null for local.</param>
/// <param name="Labels">Inventory labels.</param>
public sealed record TargetInfo(string Name, string Transport, string? Address, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The machine running Runbooks.</summary>
    public static readonly TargetInfo Local = new("local", "local", null, new Dictionary<string, string>());
}
