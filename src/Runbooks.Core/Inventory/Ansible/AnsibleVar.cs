using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Inventory.Ansible;

/// <summary>One Ansible variable as written; <see cref="Text"/> is null for a list or map (<see cref="Kind"/> names it).</summary>
internal sealed record AnsibleVar(string Key, string? Text, string Kind, SourceSpan Span)
{
    /// <summary>True when the value was encrypted with Ansible Vault (<c>!vault</c>).</summary>
    public bool IsVaulted { get; init; }

    public static AnsibleVar Scalar(string key, string text, SourceSpan span) => new(key, text, "a string", span);
}
