using Runbooks.Core.Diagnostics;
using Runbooks.Core.Yaml;

namespace Runbooks.Core.Inventory.Ansible;

/// <summary>
/// Turns an Ansible inventory (INI or YAML) into a Runbooks inventory so a team can start from what it has.
/// <c>ansible_host</c>, <c>ansible_port</c>, <c>ansible_user</c>, <c>ansible_become</c> and the private key file carry
/// over; other variables become labels; nested groups are flattened (a host lists every ancestor group, parents
/// first). Passwords are never copied, and everything not carried over is reported as a warning.
/// </summary>
public static class AnsibleInventoryImporter
{
    private const string VaultTag = "'!vault'";

    /// <summary>
    /// Imports <paramref name="text"/>. It is read as YAML when it parses as a map with <c>all:</c> or groups with
    /// <c>hosts:</c>/<c>children:</c>/<c>vars:</c> (or the file is named <c>.yml</c>/<c>.yaml</c>), otherwise as INI.
    /// </summary>
    /// <param name="text">The Ansible inventory.</param>
    /// <param name="fileName">Labels warnings and errors (<c>file:line:column</c>); also decides YAML by extension.</param>
    /// <returns>
    /// The Runbooks inventory YAML and the warnings; or, when a line cannot be read, the errors with their line numbers
    /// and no YAML.
    /// </returns>
    public static ImportResult Import(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var warnings = new List<ImportMessage>();
        var errors = new List<ImportMessage>();
        var yamlDiagnostics = new DiagnosticBag();
        var root = SafeYamlReader.Read(text, fileName, new YamlLimits(), yamlDiagnostics);
        var namedYaml = fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
        var isYaml = YamlInventoryParser.LooksLikeInventory(root) ||
            (namedYaml && text.Trim().Length > 0 && (root is YamlMappingNode || (root is null && yamlDiagnostics.HasErrors)));
        AnsibleInventory inventory;
        if (isYaml)
        {
            inventory = new AnsibleInventory(fileName);
            // A !vault value is read as its ciphertext; remember where, so it is never carried over as a label.
            var vaulted = new HashSet<SourceSpan>();
            foreach (var diagnostic in yamlDiagnostics.Items)
            {
                if (diagnostic.Code == RuleCodes.YamlTag && diagnostic.Message.Contains(VaultTag, StringComparison.Ordinal))
                {
                    vaulted.Add(diagnostic.Span);
                }
                else
                {
                    errors.Add(new ImportMessage(diagnostic.Span, diagnostic.Message));
                }
            }
            if (root is YamlMappingNode map)
            {
                new YamlInventoryParser(inventory, vaulted, warnings, errors).Read(map);
            }
            else if (root is not null)
            {
                errors.Add(new ImportMessage(root.Span, $"an Ansible YAML inventory is a map of groups (all: with hosts, children, vars), got {root.KindName}"));
            }
        }
        else
        {
            inventory = IniInventoryParser.Parse(text, fileName, errors);
        }
        var format = isYaml ? AnsibleInventoryFormat.Yaml : AnsibleInventoryFormat.Ini;
        var yaml = errors.Count == 0 ? Translate(inventory, fileName, format, warnings, errors) : null;
        return new ImportResult
        {
            Format = format,
            Yaml = errors.Count == 0 ? yaml : null,
            Warnings = Sorted(warnings),
            Errors = Sorted(errors),
        };
    }

    private static string? Translate(AnsibleInventory inventory, string fileName, AnsibleInventoryFormat format, List<ImportMessage> warnings, List<ImportMessage> errors)
    {
        var hierarchy = GroupHierarchy.Build(inventory, errors);
        if (errors.Count > 0)
        {
            return null;
        }
        var mapper = new AnsibleVariableMapper(warnings);
        var defaults = mapper.Map(inventory.FindGroup(AnsibleInventory.All)!.Vars, "group 'all' (defaults)", isHost: false);
        var groups = inventory.Groups
            .Where(g => g.Name != AnsibleInventory.All)
            .Select(g => new KeyValuePair<string, ImportedSettings>(g.Name, mapper.Map(g.Vars, $"group '{g.Name}'", isHost: false)))
            .ToList();
        var hosts = inventory.Hosts
            .Select(h => (h.Name, mapper.Map(h.Vars, $"host '{h.Name}'", isHost: true), hierarchy.GroupsOf(h.Name)))
            .ToList();
        var writer = new RunbooksInventoryWriter(
            $"Runbooks inventory imported from the Ansible {(format == AnsibleInventoryFormat.Yaml ? "YAML" : "INI")} inventory {fileName}.\n" +
            "Review the importer's warnings: secrets and unsupported ansible_* variables were not carried over.");
        writer.Defaults(defaults);
        writer.Credentials(mapper.Credentials);
        writer.Groups(groups);
        writer.Hosts(hosts);
        var yaml = writer.ToString();
        // The importer's promise is an inventory that loads cleanly; check it rather than hand over a broken file.
        var (_, diagnostics) = InventoryLoader.LoadText(yaml, "imported.yaml");
        foreach (var diagnostic in diagnostics)
        {
            errors.Add(new ImportMessage(SourceSpan.None(fileName), $"the imported inventory does not load ({diagnostic}); this is an importer bug, please report it with the input"));
        }
        return errors.Count == 0 ? yaml : null;
    }

    private static List<ImportMessage> Sorted(List<ImportMessage> messages) =>
        [.. messages.OrderBy(m => m.Span.Line).ThenBy(m => m.Span.Column)];
}
