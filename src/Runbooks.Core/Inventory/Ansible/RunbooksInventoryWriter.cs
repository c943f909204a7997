using System.Globalization;
using System.Text;

namespace Runbooks.Core.Inventory.Ansible;

/// <summary>Writes an imported inventory as Runbooks inventory YAML, block style, every value safely quoted.</summary>
internal sealed class RunbooksInventoryWriter
{
    private readonly StringBuilder _text = new();

    public RunbooksInventoryWriter(string header)
    {
        foreach (var line in header.Split('\n'))
        {
            _text.Append("# ").Append(new string([.. line.Where(c => !char.IsControl(c))])).Append('\n');
        }
    }

    public void Defaults(ImportedSettings defaults)
    {
        if (!defaults.IsEmpty)
        {
            _text.Append("defaults:\n");
            Settings(defaults, 1);
        }
    }

    public void Credentials(IReadOnlyList<KeyValuePair<string, string>> credentials)
    {
        if (credentials.Count == 0)
        {
            return;
        }
        _text.Append("credentials:\n");
        foreach (var (name, keyFile) in credentials)
        {
            Line(1, $"{YamlScalarText.Of(name)}:");
            Line(2, $"privateKeyFile: {YamlScalarText.Of(keyFile)}");
        }
    }

    public void Groups(IReadOnlyList<KeyValuePair<string, ImportedSettings>> groups)
    {
        if (groups.Count == 0)
        {
            return;
        }
        _text.Append("groups:\n");
        foreach (var (name, settings) in groups)
        {
            Entry(name, settings, []);
        }
    }

    public void Hosts(IReadOnlyList<(string Name, ImportedSettings Settings, List<string> Groups)> hosts)
    {
        _text.Append(hosts.Count == 0 ? "hosts: {}\n" : "hosts:\n");
        foreach (var (name, settings, groups) in hosts)
        {
            Entry(name, settings, groups);
        }
    }

    public override string ToString() => _text.ToString();

    private void Entry(string name, ImportedSettings settings, List<string> groups)
    {
        if (settings.IsEmpty && groups.Count == 0)
        {
            Line(1, $"{YamlScalarText.Of(name)}: {{}}");
            return;
        }
        Line(1, $"{YamlScalarText.Of(name)}:");
        if (settings.Address is not null)
        {
            Line(2, $"address: {YamlScalarText.Of(settings.Address)}");
        }
        if (groups.Count > 0)
        {
            Line(2, $"groups: [{string.Join(", ", groups.Select(YamlScalarText.Of))}]");
        }
        Settings(settings, 2);
    }

    private void Settings(ImportedSettings settings, int indent)
    {
        if (settings.Port is { } port)
        {
            Line(indent, $"port: {port.ToString(CultureInfo.InvariantCulture)}");
        }
        if (settings.User is not null)
        {
            Line(indent, $"user: {YamlScalarText.Of(settings.User)}");
        }
        if (settings.Sudo is { } sudo)
        {
            Line(indent, sudo ? "sudo: true" : "sudo: false");
        }
        if (settings.Credential is not null)
        {
            Line(indent, $"credential: {YamlScalarText.Of(settings.Credential)}");
        }
        if (settings.Labels.Count > 0)
        {
            Line(indent, "labels:");
            foreach (var (key, value) in settings.Labels)
            {
                Line(indent + 1, $"{YamlScalarText.Of(key)}: {YamlScalarText.Of(value)}");
            }
        }
    }

    private void Line(int indent, string text) => _text.Append(' ', indent * 2).Append(text).Append('\n');
}
