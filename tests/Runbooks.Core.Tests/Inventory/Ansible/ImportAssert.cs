using Runbooks.Core.Inventory;
using Runbooks.Core.Inventory.Ansible;

namespace Runbooks.Core.Tests.Inventory.Ansible;

/// <summary>Imports and asserts the importer's promise: the output loads with InventoryLoader without diagnostics.</summary>
internal static class ImportAssert
{
    public static (ImportResult Result, InventoryDefinition Inventory) Loads(string text, string fileName = "hosts")
    {
        var result = AnsibleInventoryImporter.Import(text, fileName);
        Assert.Empty(result.Errors);
        Assert.NotNull(result.Yaml);
        var (inventory, diagnostics) = InventoryLoader.LoadText(result.Yaml, "imported.yaml");
        Assert.Empty(diagnostics);
        return (result, Assert.IsType<InventoryDefinition>(inventory));
    }

    public static string Ini(params string[] lines) => string.Join('\n', lines) + "\n";

    /// <summary>A host's effective settings as one comparable line.</summary>
    public static string Effective(InventoryHost host) =>
        $"{host.Name} {host.Address}:{host.Port} user={host.User} sudo={host.Sudo} cred={host.Credential?.PrivateKeyFile} " +
        $"groups=[{string.Join(",", host.Groups)}] labels=[{string.Join(",", host.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}]";
}
