namespace Runbooks.Core.Inventory.Ansible;

/// <summary>The flavour of Ansible inventory the importer detected.</summary>
public enum AnsibleInventoryFormat
{
    /// <summary>The INI format: <c>[group]</c>, <c>[group:vars]</c>, <c>[group:children]</c> sections.</summary>
    Ini,

    /// <summary>The YAML format: <c>all:</c> with <c>hosts:</c>, <c>children:</c> and <c>vars:</c>.</summary>
    Yaml,
}
