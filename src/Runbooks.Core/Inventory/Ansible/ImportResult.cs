namespace Runbooks.Core.Inventory.Ansible;

/// <summary>
/// What <see cref="AnsibleInventoryImporter.Import"/> produced: a Runbooks inventory as YAML text, the things it did not
/// carry over, and the input it could not read.
/// </summary>
public sealed record ImportResult
{
    /// <summary>The format the input was read as.</summary>
    public required AnsibleInventoryFormat Format { get; init; }

    /// <summary>
    /// The Runbooks inventory (it loads with <see cref="InventoryLoader.LoadText"/> without diagnostics), or null when
    /// there are <see cref="Errors"/>.
    /// </summary>
    public string? Yaml { get; init; }

    /// <summary>Settings that were not carried over (secrets, unsupported <c>ansible_*</c> variables, …), in input order.</summary>
    public required IReadOnlyList<ImportMessage> Warnings { get; init; }

    /// <summary>Input that could not be read, with line numbers; empty on success.</summary>
    public required IReadOnlyList<ImportMessage> Errors { get; init; }

    /// <summary>True when <see cref="Yaml"/> holds an inventory.</summary>
    public bool Succeeded => Errors.Count == 0 && Yaml is not null;
}
