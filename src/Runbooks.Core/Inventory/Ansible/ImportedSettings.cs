namespace Runbooks.Core.Inventory.Ansible;

/// <summary>The Runbooks settings of one host, group or the defaults, as translated from Ansible variables.</summary>
internal sealed class ImportedSettings
{
    public string? Address { get; set; }

    public int? Port { get; set; }

    public string? User { get; set; }

    public bool? Sudo { get; set; }

    public string? Credential { get; set; }

    /// <summary>Labels in first-seen order; a later value for the same key replaces the earlier one in place.</summary>
    public List<KeyValuePair<string, string>> Labels { get; } = [];

    public bool IsEmpty => Address is null && Port is null && User is null && Sudo is null && Credential is null && Labels.Count == 0;

    public void SetLabel(string key, string value)
    {
        var index = Labels.FindIndex(l => string.Equals(l.Key, key, StringComparison.Ordinal));
        if (index < 0)
        {
            Labels.Add(new(key, value));
        }
        else
        {
            Labels[index] = new(key, value);
        }
    }
}
