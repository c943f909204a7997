using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;
using Runbooks.Core.Inventory;
using Runbooks.Core.Inventory.Ansible;

namespace Runbooks.Cli.Commands;

/// <summary><c>runbooks inventory [--file f] [--selector s]</c>: the hosts with their groups, labels and settings.</summary>
internal static class InventoryCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--file", "-f") { Description = "The inventory file (default: Runbooks:Inventory from appsettings.json)" };
        var selector = new Option<string?>("--selector", "-l") { Description = "Only hosts matching a label selector, e.g. env=prod,role in (web,api)" };
        var group = new Option<string?>("--group", "-g") { Description = "Only members of a group" };
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var command = new Command("inventory", "List the inventory's hosts with their groups, labels and connection settings")
        {
            file, selector, group, output, config, CreateImport(),
        };
        command.SetAction(parse => Execute(parse.GetValue(file), parse.GetValue(selector), parse.GetValue(group), parse.GetValue(output)!, parse.GetValue(config)));
        return command;
    }

    private static Command CreateImport()
    {
        var source = new Argument<string>("ansible-inventory") { Description = "An Ansible inventory file, INI or YAML" };
        var write = new Option<string?>("--write") { Description = "Write the Runbooks inventory to this file instead of stdout" };
        var command = new Command("import", "Convert an Ansible inventory (INI or YAML) into a Runbooks inventory; passwords are never copied") { source, write };
        command.SetAction(parse => Import(parse.GetValue(source)!, parse.GetValue(write)));
        return command;
    }

    private static int Import(string source, string? write)
    {
        if (!File.Exists(source))
        {
            Console.Error.WriteLine($"error: no such file: {source}");
            return ExitCodes.Usage;
        }
        var result = AnsibleInventoryImporter.Import(File.ReadAllText(source), source);
        foreach (var warning in result.Warnings)
        {
            Console.Error.WriteLine($"warning: {warning}");
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine($"error: {error}");
            }
            return ExitCodes.Failed;
        }
        if (write is null)
        {
            Console.Out.Write(result.Yaml);
        }
        else
        {
            File.WriteAllText(write, result.Yaml);
            Console.Error.WriteLine($"wrote {write} ({result.Format} inventory converted; {result.Warnings.Count} warning(s))");
        }
        return ExitCodes.Ok;
    }

    private static int Execute(string? file, string? selectorText, string? group, string output, string? config)
    {
        using var host = new CliHost(config);
        var (inventory, problems, path) = host.LoadInventory(file);
        if (problems.Count > 0)
        {
            Console.Out.WriteLine($"invalid  {path}");
            foreach (var problem in problems)
            {
                Console.Out.WriteLine($"  {problem}");
            }
            return ExitCodes.Failed;
        }
        if (inventory is null)
        {
            Console.Error.WriteLine(path is null
                ? "error: no inventory is configured; set Runbooks:Inventory in appsettings.json or pass --file"
                : $"error: the configured inventory {path} does not exist; create it (see docs/inventory.md) or pass --file");
            return ExitCodes.Usage;
        }
        LabelSelector? selector;
        try
        {
            selector = selectorText is null ? null : LabelSelector.Parse(selectorText);
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
        var hosts = inventory.Hosts
            .Where(h => selector is null || selector.Matches(h.Labels))
            .Where(h => group is null || h.Groups.Contains(group, StringComparer.Ordinal))
            .ToList();
        if (output == "json")
        {
            Console.Out.WriteLine(Json.Write(hosts.Select(h => new
            {
                name = h.Name, address = h.Address, port = h.Port, user = h.User, sudo = h.Sudo, jumpHost = h.JumpHost,
                credential = h.Credential?.Name, groups = h.Groups, labels = h.Labels, hostKeys = h.HostKeys,
            })));
            return ExitCodes.Ok;
        }
        var rows = hosts.Select(h => new[]
        {
            h.Name, $"{(h.User is null ? "" : h.User + "@")}{h.Address}:{h.Port}", string.Join(",", h.Groups),
            string.Join(",", h.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")),
            string.Join(" ", new[] { h.Sudo ? "sudo" : null, h.JumpHost is null ? null : $"via {h.JumpHost}", h.Credential is null ? null : $"key {h.Credential.Name}" }.Where(x => x is not null)),
        }).ToList();
        var header = new[] { "HOST", "CONNECT", "GROUPS", "LABELS", "NOTES" };
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            Console.Out.WriteLine(string.Join("  ", row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        }
        Console.Out.WriteLine($"{hosts.Count} of {inventory.Hosts.Count} host(s)");
        return ExitCodes.Ok;
    }
}
