using Runbooks.Core.Inventory;

namespace Runbooks.Core.Tests.Inventory;

public sealed class InventoryLoaderTests
{
    private static string Example => File.ReadAllText(Path.Combine(RepoRoot(), "docs", "inventory.example.yaml"));

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Runbooks.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Runbooks.sln not found above the test folder");
    }

    private static IReadOnlyList<string> Errors(string yaml) =>
        [.. InventoryLoader.LoadText(yaml, "inv.yaml").Diagnostics.Select(d => d.ToString())];

    [Fact]
    public void LoadText_ExampleInventory_ResolvesDefaultsThenGroupsThenHost()
    {
        var (inventory, problems) = InventoryLoader.LoadText(Example, "inventory.example.yaml");
        Assert.Empty(problems);
        Assert.Equal(["bastion-1", "web-1", "web-2", "web-3", "api-1", "db-1"], inventory!.Hosts.Select(h => h.Name));
        var web = inventory.Host("web-1")!;
        Assert.Equal(("10.0.1.11", 22, "ops", true, "bastion-1", "ops-key"), (web.Address, web.Port, web.User, web.Sudo, web.JumpHost, web.Credential!.Name));
        Assert.Equal(new Dictionary<string, string> { ["role"] = "web", ["env"] = "prod", ["zone"] = "a" }, web.Labels);
        var db = inventory.Host("db-1")!;
        Assert.Equal(("dba", 2222, false, "legacy-password"), (db.User, db.Port, db.Sudo, db.Credential!.Name));
        Assert.Equal("/etc/runbooks/secrets/legacy-ssh-password", db.Credential.PasswordFile);
        Assert.Equal(["SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"], inventory.Host("bastion-1")!.HostKeys);
    }

    [Fact]
    public void LoadText_HostInUndeclaredGroup_ReportsRB0501WithSuggestion() =>
        Assert.Equal(["inv.yaml:2:23: error RB0501 at hosts.a.groups: group 'wbe' is not declared (did you mean 'web'?); declared groups: web"],
            Errors("groups: { web: {} }\nhosts: { a: { groups: [wbe] } }\n"));

    [Fact]
    public void LoadText_UndeclaredCredential_ReportsRB0502() =>
        Assert.Equal(["inv.yaml:2:10: error RB0502 at hosts.a: credential 'opskey' is not declared (did you mean 'ops-key'?); declared credentials: ops-key"],
            Errors("credentials: { ops-key: { privateKeyFile: /k } }\nhosts: { a: { credential: opskey } }\n"));

    [Fact]
    public void LoadText_UnknownAndCyclicJumpHosts_ReportRB0503()
    {
        Assert.Equal(
        [
            "inv.yaml:2:3: error RB0503 at hosts.a.jumpHost: jump host 'bastoin' is not an inventory host",
            "inv.yaml:3:3: error RB0503 at hosts.b.jumpHost: jump hosts lead back to themselves: b → c → b",
            "inv.yaml:4:3: error RB0503 at hosts.c.jumpHost: jump hosts lead back to themselves: c → b → c",
        ], Errors("hosts:\n  a: { jumpHost: bastoin }\n  b: { jumpHost: c }\n  c: { jumpHost: b }\n"));
    }

    [Theory]
    [InlineData("credentials: { k: { passphraseEnv: X } }\nhosts: { a: {} }\n", "inv.yaml:1:16: error RB0504 at credentials.k: a credential needs privateKeyFile, passwordEnv or passwordFile")]
    [InlineData("credentials: { k: { passwordEnv: X, passwordFile: /p } }\nhosts: { a: {} }\n", "inv.yaml:1:16: error RB0504 at credentials.k: give the password once: passwordEnv or passwordFile, not both")]
    public void LoadText_BadCredential_ReportsRB0504(string yaml, string expected) => Assert.Contains(expected, Errors(yaml));

    [Fact]
    public void LoadText_InlinePassword_IsRefusedWithTheWayToReferenceIt()
    {
        var errors = Errors("hosts: { a: { password: hunter2 } }\n");
        Assert.Contains("inv.yaml:1:15: error RB0504 at hosts.a.password: secrets are never written in the inventory: declare a credential under 'credentials' with passwordEnv, passwordFile, privateKeyFile or passphraseEnv, and name it with 'credential'", errors);
        Assert.Contains(errors, e => e.Contains("RB0101 at hosts.a.password: unknown key 'password'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hosts: { a: { port: 70000 } }\n", "inv.yaml:1:21: error RB0109 at hosts.a.port: 70000 is out of range; allowed: 1 to 65535")]
    [InlineData("hosts: { a: { hostKeys: [md5:aa] } }\n", "inv.yaml:1:26: error RB0104 at hosts.a.hostKeys[0]: 'md5:aa' is not valid; expected an OpenSSH SHA-256 fingerprint such as SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8")]
    [InlineData("hosts: { a: { adress: x } }\n", "inv.yaml:1:15: error RB0101 at hosts.a.adress: unknown key 'adress' (did you mean 'address'?); allowed keys: address, groups, hostKeys, user, port, sudo, jumpHost, credential, labels")]
    public void LoadText_GrammarProblems_ReportedWithPosition(string yaml, string expected) => Assert.Contains(expected, Errors(yaml));
}
