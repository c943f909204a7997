namespace Runbooks.Core.Scheduling;

/// <summary>
/// A configuration section rebuilt as a tree from flattened <c>a:b:c</c> keys, so that the maintenance reader can walk
/// it and name the exact key of each problem. Keys compare case-insensitively, as .NET configuration does.
/// </summary>
internal sealed class SettingNode(string key, string path)
{
    public string Key { get; } = key;

    public string Path { get; } = path;

    public string? Value { get; private set; }

    public Dictionary<string, SettingNode> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

    public SettingNode? Child(string name) => Children.GetValueOrDefault(name);

    public string? Text(string name) => Child(name)?.Value;

    /// <summary>The section's tree, or null when no key lies under it.</summary>
    public static SettingNode? Build(IEnumerable<KeyValuePair<string, string?>> settings, string section)
    {
        var root = new SettingNode(section, section);
        var any = false;
        var prefix = section + ":";
        foreach (var (key, value) in settings)
        {
            if (string.Equals(key, section, StringComparison.OrdinalIgnoreCase))
            {
                any = true;
                continue;
            }
            if (!key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            any = true;
            var node = root;
            foreach (var part in key[prefix.Length..].Split(':'))
            {
                if (!node.Children.TryGetValue(part, out var child))
                {
                    child = new SettingNode(part, $"{node.Path}:{part}");
                    node.Children[part] = child;
                }
                node = child;
            }
            node.Value ??= value;
        }
        return any ? root : null;
    }
}
