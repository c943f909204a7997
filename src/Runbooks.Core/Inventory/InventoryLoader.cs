using System.Text;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Validation;
using Runbooks.Core.Yaml;

namespace Runbooks.Core.Inventory;

/// <summary>
/// Reads an inventory file and reports every problem at once, with file:line:column, like runbooks: unknown keys
/// (an inline <c>password:</c> is refused in favour of <c>passwordEnv</c>/<c>passwordFile</c>), unknown groups,
/// credentials and jump hosts, jump-host cycles, malformed fingerprints. Settings resolve as defaults, then the
/// host's groups in the order it lists them, then the host itself.
/// </summary>
public static class InventoryLoader
{
    /// <summary>Loads an inventory file; a missing file is a diagnostic.</summary>
    public static (InventoryDefinition? Inventory, IReadOnlyList<Diagnostic> Diagnostics) LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [new Diagnostic(RuleCodes.YamlDocument, SourceSpan.None(path), "", $"cannot read the inventory: {ex.Message}")]);
        }
        return LoadText(text, path);
    }

    /// <summary>Loads inventory text; <paramref name="file"/> labels diagnostics.</summary>
    public static (InventoryDefinition? Inventory, IReadOnlyList<Diagnostic> Diagnostics) LoadText(string text, string file)
    {
        var diagnostics = new DiagnosticBag();
        var root = SafeYamlReader.Read(text, file, new YamlLimits(), diagnostics);
        if (root is not YamlMappingNode doc)
        {
            if (root is not null)
            {
                diagnostics.Add(RuleCodes.WrongType, root.Span, "", $"an inventory is a map with hosts, got {root.KindName}");
            }
            return (null, diagnostics.Sorted());
        }
        new YamlShapeChecker(diagnostics).CheckObject(doc, InventoryGrammar.Inventory, "");
        var inventory = new InventoryBinder(file, diagnostics).Bind(doc);
        return (diagnostics.HasErrors ? null : inventory, diagnostics.Sorted());
    }
}
