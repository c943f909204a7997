using Runbooks.Core.Inventory.Ansible;

namespace Runbooks.Core.Tests.Inventory.Ansible;

public sealed class YamlInventoryImportTests
{
    private const string Yaml = """
        all:
          vars:
            ansible_user: ops
            dc: fra1
          hosts:
            mail.example.com:
          children:
            prod:
              vars:
                ansible_user: prod-user
                tier: prod
              children:
                web:
                  vars:
                    ansible_port: 2222
                    ansible_become: true
                  hosts:
                    web[01:02]:
                      ansible_host: 10.0.0.1
                  children:
                    web_eu:
                      vars:
                        ansible_user: eu-user
                      hosts:
                        web-eu-1:
                          ansible_ssh_private_key_file: /keys/eu.pem
        """;

    private const string Ini = """
        mail.example.com
        [all:vars]
        ansible_user=ops
        dc=fra1
        [prod:vars]
        ansible_user=prod-user
        tier=prod
        [prod:children]
        web
        [web]
        web[01:02] ansible_host=10.0.0.1
        [web:vars]
        ansible_port=2222
        ansible_become=true
        [web:children]
        web_eu
        [web_eu]
        web-eu-1 ansible_ssh_private_key_file=/keys/eu.pem
        [web_eu:vars]
        ansible_user=eu-user
        """;

    [Fact]
    public void Import_YamlInventory_DetectsYamlAndFlattensNestedChildren()
    {
        var (result, inventory) = ImportAssert.Loads(Yaml, "inventory");

        Assert.Equal(AnsibleInventoryFormat.Yaml, result.Format);
        Assert.Equal(
        [
            "mail.example.com mail.example.com:22 user=ops sudo=False cred= groups=[] labels=[dc=fra1]",
            "web01 10.0.0.1:2222 user=prod-user sudo=True cred= groups=[prod,web] labels=[dc=fra1,tier=prod]",
            "web02 10.0.0.1:2222 user=prod-user sudo=True cred= groups=[prod,web] labels=[dc=fra1,tier=prod]",
            "web-eu-1 web-eu-1:2222 user=eu-user sudo=True cred=/keys/eu.pem groups=[prod,web,web_eu] labels=[dc=fra1,tier=prod]",
        ], inventory.Hosts.Select(ImportAssert.Effective));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Import_YamlAndIniOfTheSameInventory_GiveTheSameHosts()
    {
        var (_, fromYaml) = ImportAssert.Loads(Yaml, "inventory.yml");
        var (iniResult, fromIni) = ImportAssert.Loads(Ini, "hosts.ini");

        Assert.Equal(AnsibleInventoryFormat.Ini, iniResult.Format);
        Assert.Equal(
            fromYaml.Hosts.Select(ImportAssert.Effective).Order(StringComparer.Ordinal),
            fromIni.Hosts.Select(ImportAssert.Effective).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Import_YamlTopLevelGroupsWithoutAll_AreRead()
    {
        var (result, inventory) = ImportAssert.Loads("""
            web:
              hosts:
                web-1: { ansible_host: 10.0.0.11 }
            db:
              hosts:
                db-1:
            """, "inventory");

        Assert.Equal(AnsibleInventoryFormat.Yaml, result.Format);
        Assert.Equal(["web", "db"], inventory.Groups);
        Assert.Equal("10.0.0.11", inventory.Host("web-1")!.Address);
    }

    [Fact]
    public void Import_YamlPasswordsAndVaultValues_AreNeverCopied()
    {
        var (result, _) = ImportAssert.Loads("""
            all:
              hosts:
                db-1:
                  ansible_become_password: Plain-secret
                  api_token: !vault |
                    $ANSIBLE_VAULT;1.1;AES256
                    6162636465666768
            """, "inventory.yml");

        Assert.DoesNotContain("Plain-secret", result.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("ANSIBLE_VAULT", result.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("6162636465666768", result.Yaml, StringComparison.Ordinal);
        Assert.Equal(
        [
            "inventory.yml:4:7: host 'db-1': ansible_become_password was not copied; Runbooks never keeps secrets in an inventory. Add a credential with passwordEnv or passwordFile under credentials: and set credential: on host 'db-1'",
            "inventory.yml:5:7: host 'db-1': api_token is encrypted with Ansible Vault and was not copied; set it by hand (secrets by reference only)",
        ], result.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Import_YamlNonScalarVariable_WarnsAndSkipsIt()
    {
        var (result, inventory) = ImportAssert.Loads("""
            all:
              hosts:
                web-1:
                  ports: [80, 443]
                  owner: team-a
                  ansible_port: 99999
            """, "inventory.yml");

        Assert.Equal(
        [
            "inventory.yml:4:7: host 'web-1': ports is a list, not a single value; labels hold strings, so it was not carried over",
            "inventory.yml:6:7: host 'web-1': ansible_port '99999' is not a port number (1-65535) and was not carried over",
        ], result.Warnings.Select(w => w.ToString()));
        Assert.Equal("team-a", inventory.Host("web-1")!.Labels["owner"]);
    }

    [Fact]
    public void Import_YamlWithWrongShape_ReportsErrorsWithLines()
    {
        var result = AnsibleInventoryImporter.Import("""
            all:
              hosts:
                web-1: just-a-string
              children: [web]
            """, "inventory.yml");

        Assert.Null(result.Yaml);
        Assert.Equal(
        [
            "inventory.yml:3:12: host 'web-1' must be a map of variables or empty, got a string",
            "inventory.yml:4:13: 'children' of group 'all' must be a map, got a list",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Import_YamlSyntaxErrorInYamlFile_ReportsItWithLine()
    {
        var result = AnsibleInventoryImporter.Import("all:\n  hosts: [unclosed\n", "inventory.yaml");

        Assert.Equal(AnsibleInventoryFormat.Yaml, result.Format);
        Assert.Null(result.Yaml);
        Assert.StartsWith("inventory.yaml:", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }
}
