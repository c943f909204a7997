using Runbooks.Core.Inventory.Ansible;

namespace Runbooks.Core.Tests.Inventory.Ansible;

public sealed class IniInventoryImportTests
{
    [Fact]
    public void Import_IniHostLine_MapsConnectionVariablesAndLabels()
    {
        var (result, inventory) = ImportAssert.Loads(ImportAssert.Ini(
            "# production web tier",
            "[web]",
            "web-1 ansible_host=10.0.0.11 ansible_port=2222 ansible_user=deploy env=prod # trailing",
            "web-2:2200 ansible_host=10.0.0.12 note=\"two words\""));

        Assert.Equal(AnsibleInventoryFormat.Ini, result.Format);
        Assert.Equal("web-1 10.0.0.11:2222 user=deploy sudo=False cred= groups=[web] labels=[env=prod]", ImportAssert.Effective(inventory.Host("web-1")!));
        Assert.Equal("web-2 10.0.0.12:2200 user= sudo=False cred= groups=[web] labels=[note=two words]", ImportAssert.Effective(inventory.Host("web-2")!));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Import_IniNumericRange_ExpandsKeepingZeroPadding()
    {
        var (_, inventory) = ImportAssert.Loads(ImportAssert.Ini("[web]", "web[01:03].example.com ansible_user=deploy", "db[8:10]"));

        Assert.Equal(["web01.example.com", "web02.example.com", "web03.example.com", "db8", "db9", "db10"], inventory.Hosts.Select(h => h.Name));
        Assert.All(inventory.Hosts.Take(3), h => Assert.Equal("deploy", h.User));
    }

    [Fact]
    public void Import_IniAlphabeticRangeWithStride_ExpandsLetters()
    {
        var (_, inventory) = ImportAssert.Loads(ImportAssert.Ini("[db]", "db-[a:c]", "cache[0:6:3]"));

        Assert.Equal(["db-a", "db-b", "db-c", "cache0", "cache3", "cache6"], inventory.Hosts.Select(h => h.Name));
    }

    [Theory]
    [InlineData("web[01:3]", "hosts:2:1: '[01:3]' pads the begin with zeros, so the end must have the same width (2 digits)")]
    [InlineData("web[5:1]", "hosts:2:1: '[5:1]' begins after it ends; write the smaller number first")]
    [InlineData("web[a:5]", "hosts:2:1: '[a:5]' is neither a numeric range such as [01:10] nor a letter range such as [a:f]")]
    [InlineData("web[1:3", "hosts:2:1: 'web[1:3' opens a range with '[' but never closes it with ']'")]
    public void Import_IniBadRange_ReportsErrorWithLine(string pattern, string expected)
    {
        var result = AnsibleInventoryImporter.Import(ImportAssert.Ini("[web]", pattern), "hosts");

        Assert.Null(result.Yaml);
        Assert.Equal(expected, Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Import_IniUnreadableLines_ReportsEveryErrorWithItsLine()
    {
        var result = AnsibleInventoryImporter.Import(ImportAssert.Ini(
            "[web]", "web-1 stray", "[web:vars]", "no equals sign", "[web:weird]"), "hosts");

        Assert.Null(result.Yaml);
        Assert.Equal(
        [
            "hosts:2:1: 'stray' after host 'web-1' is not key=value; write name key=value key=value …",
            "hosts:4:1: 'no equals sign' in [web:vars] is not key=value",
            "hosts:5:1: '[web:weird]' is not a section Ansible knows; write [group], [group:vars] or [group:children]",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Import_IniGroupVars_BecomeGroupSettingsAndAllVarsBecomeDefaults()
    {
        var (result, inventory) = ImportAssert.Loads(ImportAssert.Ini(
            "[all:vars]",
            "ansible_user=ops",
            "dc=\"fra1\"",
            "[web]",
            "web-1",
            "[web:vars]",
            "ansible_port=2222",
            "ansible_become=yes",
            "role=web",
            "[db]",
            "db-1 ansible_user=postgres"));

        Assert.Contains("defaults:\n  user: ops\n  labels:\n    dc: fra1\n", result.Yaml, StringComparison.Ordinal);
        Assert.Contains("groups:\n  web:\n    port: 2222\n    sudo: true\n    labels:\n      role: web\n  db: {}\n", result.Yaml, StringComparison.Ordinal);
        Assert.Equal("web-1 web-1:2222 user=ops sudo=True cred= groups=[web] labels=[dc=fra1,role=web]", ImportAssert.Effective(inventory.Host("web-1")!));
        Assert.Equal("db-1 db-1:22 user=postgres sudo=False cred= groups=[db] labels=[dc=fra1]", ImportAssert.Effective(inventory.Host("db-1")!));
    }

    [Fact]
    public void Import_IniNestedChildren_ListsEveryAncestorParentsFirstSoChildrenWin()
    {
        var (_, inventory) = ImportAssert.Loads(ImportAssert.Ini(
            "[web_eu]",
            "web-eu-1",
            "[web:children]",
            "web_eu",
            "[prod:children]",
            "web",
            "[prod:vars]",
            "ansible_user=prod-user",
            "tier=prod",
            "[web_eu:vars]",
            "ansible_user=eu-user"));

        Assert.Equal(["web_eu", "web", "prod"], inventory.Groups);
        Assert.Equal("web-eu-1 web-eu-1:22 user=eu-user sudo=False cred= groups=[prod,web,web_eu] labels=[tier=prod]", ImportAssert.Effective(inventory.Host("web-eu-1")!));
    }

    [Fact]
    public void Import_IniChildCycle_ReportsError()
    {
        var result = AnsibleInventoryImporter.Import(ImportAssert.Ini("[a:children]", "b", "[b:children]", "a", "[a]", "h1"), "hosts");

        Assert.Null(result.Yaml);
        Assert.Contains("hosts:1:1: group 'a' is its own ancestor: a → b → a; remove one of these children entries", result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Import_IniUngroupedHosts_BelongToNoGroup()
    {
        var (_, inventory) = ImportAssert.Loads(ImportAssert.Ini(
            "mail.example.com",
            "10.0.0.5 ansible_user=root",
            "[web]",
            "web-1"));

        Assert.Empty(inventory.Host("mail.example.com")!.Groups);
        Assert.Equal("10.0.0.5 10.0.0.5:22 user=root sudo=False cred= groups=[] labels=[]", ImportAssert.Effective(inventory.Host("10.0.0.5")!));
        Assert.Equal(["web"], inventory.Host("web-1")!.Groups);
    }

    [Fact]
    public void Import_PrivateKeyFile_GeneratesCredentialNamedAfterTheKey()
    {
        var (result, inventory) = ImportAssert.Loads(ImportAssert.Ini(
            "[web]",
            "web-1 ansible_ssh_private_key_file=~/.ssh/id_ed25519",
            "web-2 ansible_private_key_file=/etc/keys/id_ed25519",
            "[web:vars]",
            "ansible_ssh_private_key_file=~/.ssh/id_ed25519"));

        Assert.Contains("credentials:\n  key-id_ed25519:\n    privateKeyFile: \"~/.ssh/id_ed25519\"\n  key-id_ed25519-2:\n    privateKeyFile: /etc/keys/id_ed25519\n", result.Yaml, StringComparison.Ordinal);
        Assert.Equal("~/.ssh/id_ed25519", inventory.Host("web-1")!.Credential!.PrivateKeyFile);
        Assert.Equal("key-id_ed25519-2", inventory.Host("web-2")!.Credential!.Name);
    }

    [Fact]
    public void Import_Passwords_AreNeverCopiedAndTheWarningNamesTheHost()
    {
        var (result, _) = ImportAssert.Loads(ImportAssert.Ini(
            "[db]",
            "db-1 ansible_password=Hunter2-secret ansible_become_pass=Sudo-secret",
            "[db:vars]",
            "ansible_ssh_pass=Group-secret"));

        Assert.DoesNotContain("Hunter2-secret", result.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("Sudo-secret", result.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("Group-secret", result.Yaml, StringComparison.Ordinal);
        Assert.Equal(
        [
            "hosts:2:1: host 'db-1': ansible_password was not copied; Runbooks never keeps secrets in an inventory. Add a credential with passwordEnv or passwordFile under credentials: and set credential: on host 'db-1'",
            "hosts:2:1: host 'db-1': ansible_become_pass was not copied; Runbooks never keeps secrets in an inventory. Add a credential with passwordEnv or passwordFile under credentials: and set credential: on host 'db-1'",
            "hosts:4:1: group 'db': ansible_ssh_pass was not copied; Runbooks never keeps secrets in an inventory. Add a credential with passwordEnv or passwordFile under credentials: and set credential: on group 'db'",
        ], result.Warnings.Select(w => w.ToString()));
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("Hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_UnknownAnsibleVariable_WarnsAndSkipsIt()
    {
        var (result, inventory) = ImportAssert.Loads(ImportAssert.Ini(
            "[web]", "web-1 ansible_python_interpreter=/usr/bin/python3 ansible_connection=ssh"));

        Assert.Equal("hosts:2:1: host 'web-1': ansible_python_interpreter has no Runbooks equivalent and was not carried over", Assert.Single(result.Warnings).ToString());
        Assert.Empty(inventory.Host("web-1")!.Labels);
    }

    [Fact]
    public void Import_ProxyJumpInSshArgs_WarnsToSetJumpHost()
    {
        var (result, _) = ImportAssert.Loads(ImportAssert.Ini(
            "[web]", "web-1", "[web:vars]", "ansible_ssh_common_args='-o ProxyJump=bastion'"));

        Assert.Equal("hosts:4:1: group 'web': ansible_ssh_common_args connects through a jump host ('-o ProxyJump=bastion'); set jumpHost: to the bastion's inventory name by hand",
            Assert.Single(result.Warnings).ToString());
    }

    [Fact]
    public void Import_AmbiguousValues_StayStrings()
    {
        var (result, inventory) = ImportAssert.Loads(ImportAssert.Ini(
            "[web]",
            "web-1 a=yes b=01 c=1.0 d=* e=x:y f=\"x #y\" g=true h=null i=~ k= l=-1 m=0x1F"));

        var labels = inventory.Host("web-1")!.Labels;
        Assert.Equal("yes", labels["a"]);
        Assert.Equal("01", labels["b"]);
        Assert.Equal("1.0", labels["c"]);
        Assert.Equal("*", labels["d"]);
        Assert.Equal("x:y", labels["e"]);
        Assert.Equal("x #y", labels["f"]);
        Assert.Equal("true", labels["g"]);
        Assert.Equal("null", labels["h"]);
        Assert.Equal("~", labels["i"]);
        Assert.Equal("", labels["k"]);
        Assert.Equal("-1", labels["l"]);
        Assert.Equal("0x1F", labels["m"]);
        Assert.Contains("      a: \"yes\"\n", result.Yaml, StringComparison.Ordinal);
    }
}
