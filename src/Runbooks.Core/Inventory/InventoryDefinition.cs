namespace Runbooks.Core.Inventory;

/// <summary>A loaded, validated inventory: every host with its effective settings, and the groups.</summary>
public sealed record InventoryDefinition
{
    /// <summary>Hosts in file order.</summary>
    public required IReadOnlyList<InventoryHost> Hosts { get; init; }

    /// <summary>Group names in file order (declared, or named by a host).</summary>
    public required IReadOnlyList<string> Groups { get; init; }

    /// <summary>An OpenSSH known_hosts file, or null.</summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>The file it was read from.</summary>
    public required string SourcePath { get; init; }

    /// <summary>A host by name, or null.</summary>
    public InventoryHost? Host(string name) => Hosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.Ordinal));
}
