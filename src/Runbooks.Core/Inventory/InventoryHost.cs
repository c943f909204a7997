using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Inventory;

/// <summary>A host with its effective settings: defaults, then its groups in order, then its own (later wins).</summary>
public sealed record InventoryHost
{
    /// <summary>The inventory name, used in runbooks (<c>targets.hosts</c>) and logs.</summary>
    public required string Name { get; init; }

    /// <summary>Host name or IP to connect to.</summary>
    public required string Address { get; init; }

    /// <summary>SSH port. Default 22.</summary>
    public int Port { get; init; } = 22;

    /// <summary>SSH user, or null to use the current user's name.</summary>
    public string? User { get; init; }

    /// <summary>Whether commands run through <c>sudo -n</c>.</summary>
    public bool Sudo { get; init; }

    /// <summary>An inventory host to connect through, or null.</summary>
    public string? JumpHost { get; init; }

    /// <summary>The credential to use, or null for the SSH agent / default keys.</summary>
    public CredentialReference? Credential { get; init; }

    /// <summary>Groups, in the order written.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Effective labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Pinned SHA-256 host key fingerprints.</summary>
    public IReadOnlyList<string> HostKeys { get; init; } = [];

    /// <summary>Where the host is declared.</summary>
    public SourceSpan Span { get; init; }
}
