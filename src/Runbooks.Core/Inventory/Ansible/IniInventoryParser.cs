using System.Text;
using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Inventory.Ansible;

/// <summary>
/// Reads the Ansible INI inventory format: hosts before any section (ungrouped), <c>[group]</c> host lines
/// (<c>name[:port] key=value …</c>, ranges allowed), <c>[group:vars]</c> <c>key=value</c> lines,
/// <c>[group:children]</c> group names, and <c>#</c>/<c>;</c> comments. Every unreadable line is an error.
/// </summary>
internal static class IniInventoryParser
{
    private enum Section { Hosts, Vars, Children }

    public static AnsibleInventory Parse(string text, string file, List<ImportMessage> errors)
    {
        var inventory = new AnsibleInventory(file);
        AnsibleGroup? group = null; // null: hosts before any section belong to no group but all
        var section = Section.Hosts;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var span = new SourceSpan(file, i + 1, 1);
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }
            if (line[0] == '[')
            {
                if (ReadHeader(line, span, inventory, errors) is { } header)
                {
                    (group, section) = header;
                }
                continue;
            }
            switch (section)
            {
                case Section.Vars:
                    ReadVar(line, span, group!, errors);
                    break;
                case Section.Children:
                    foreach (var child in Tokenize(line).Take(1))
                    {
                        inventory.Group(child, span);
                        group!.AddChild(child);
                    }
                    break;
                default:
                    ReadHostLine(line, span, group, inventory, errors);
                    break;
            }
        }
        return inventory;
    }

    private static (AnsibleGroup, Section)? ReadHeader(string line, SourceSpan span, AnsibleInventory inventory, List<ImportMessage> errors)
    {
        var close = line.IndexOf(']', StringComparison.Ordinal);
        var after = close < 0 ? "" : line[(close + 1)..].Trim();
        var inner = close < 0 ? "" : line[1..close].Trim();
        if (close < 0 || (after.Length > 0 && after[0] is not ('#' or ';')) || inner.Length == 0 || inner.Any(char.IsWhiteSpace))
        {
            errors.Add(new ImportMessage(span, $"'{line}' is not a section header; write [group], [group:vars] or [group:children]"));
            return null;
        }
        var colon = inner.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? inner : inner[..colon];
        var kind = colon < 0 ? "" : inner[(colon + 1)..];
        Section? section = kind switch
        {
            "" or "hosts" => Section.Hosts,
            "vars" => Section.Vars,
            "children" => Section.Children,
            _ => null,
        };
        if (section is null || name.Length == 0)
        {
            errors.Add(new ImportMessage(span, $"'[{inner}]' is not a section Ansible knows; write [group], [group:vars] or [group:children]"));
            return null;
        }
        return (inventory.Group(name, span), section.Value);
    }

    private static void ReadVar(string line, SourceSpan span, AnsibleGroup group, List<ImportMessage> errors)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            errors.Add(new ImportMessage(span, $"'{line}' in [{group.Name}:vars] is not key=value"));
            return;
        }
        group.Vars.Add(AnsibleVar.Scalar(line[..equals].Trim(), Unquote(line[(equals + 1)..].Trim()), span));
    }

    private static void ReadHostLine(string line, SourceSpan span, AnsibleGroup? group, AnsibleInventory inventory, List<ImportMessage> errors)
    {
        var tokens = Tokenize(line);
        if (tokens.Count == 0)
        {
            return;
        }
        var pattern = tokens[0];
        var vars = new List<AnsibleVar>();
        // name:port, as long as the name is not an IPv6 address (which has several colons).
        var colon = pattern.LastIndexOf(':');
        if (colon > 0 && pattern.IndexOf(':', StringComparison.Ordinal) == colon && !pattern.Contains('[', StringComparison.Ordinal) &&
            pattern[(colon + 1)..] is { Length: > 0 } port && port.All(char.IsAsciiDigit))
        {
            vars.Add(AnsibleVar.Scalar("ansible_port", port, span));
            pattern = pattern[..colon];
        }
        var ok = true;
        foreach (var token in tokens.Skip(1))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add(new ImportMessage(span, $"'{token}' after host '{pattern}' is not key=value; write name key=value key=value …"));
                ok = false;
                continue;
            }
            vars.Add(AnsibleVar.Scalar(token[..equals], token[(equals + 1)..], span));
        }
        var (names, error) = HostPatternExpander.Expand(pattern);
        if (error is not null)
        {
            errors.Add(new ImportMessage(span, error));
            return;
        }
        if (!ok)
        {
            return;
        }
        foreach (var name in names)
        {
            inventory.Host(name, span).Vars.AddRange(vars);
            group?.AddHost(name);
        }
    }

    /// <summary>Splits like a shell: whitespace separates, quotes group, an unquoted <c>#</c> starts a comment.</summary>
    private static List<string> Tokenize(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        char quote = '\0';
        foreach (var c in line)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inToken = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                    inToken = false;
                }
            }
            else if (c == '#' && !inToken)
            {
                break;
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }
        if (inToken)
        {
            tokens.Add(current.ToString());
        }
        return tokens;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
}
