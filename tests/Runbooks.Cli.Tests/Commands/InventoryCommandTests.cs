using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Commands;

public sealed class InventoryCommandTests : IDisposable
{
    private readonly TempWorkDir _dir = new();

    public InventoryCommandTests() =>
        File.Copy(Path.Combine(RepositoryRoot.Path, "docs", "inventory.example.yaml"), _dir["inventory.yaml"]);

    [Fact]
    public async Task Inventory_ConfiguredFileInWorkingDirectory_ListsEveryHost()
    {
        var result = await CliProcess.RunAsync(_dir, "inventory");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("HOST       CONNECT              GROUPS    LABELS                                   NOTES", result.StdoutLines[0]);
        Assert.Equal("db-1       dba@10.0.3.31:2222   db        env=prod,role=db,tier=data               key legacy-password", result.StdoutLines[6]);
        Assert.Equal("6 of 6 host(s)", result.StdoutLines[^1]);
    }

    [Fact]
    public async Task Inventory_Selector_ListsOnlyMatchingHosts()
    {
        var result = await CliProcess.RunAsync(_dir, "inventory", "--selector", "env=prod,role in (web,api)", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(["web-1", "web-2", "api-1"], json.RootElement.EnumerateArray().Select(h => h.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Inventory_MalformedSelector_ExitsTwoSayingWhere()
    {
        var result = await CliProcess.RunAsync(_dir, "inventory", "-l", "env=prod;x");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: label selector 'env=prod;x': expected ',' between requirements at position 9", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inventory_InvalidFile_ExitsOneListingEveryProblem()
    {
        _dir.Write("bad.yaml", "hosts:\n  a: { groups: [wbe] }\n  b: { port: 0 }\n");

        var result = await CliProcess.RunAsync(_dir, "inventory", "--file", "bad.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
        [
            "invalid  bad.yaml",
            "  bad.yaml:2:16: error RB0501 at hosts.a.groups: group 'wbe' is not declared; declared groups: none",
            "  bad.yaml:3:14: error RB0109 at hosts.b.port: 0 is out of range; allowed: 1 to 65535",
        ], result.StdoutLines);
    }

    [Fact]
    public async Task Run_RemoteTargetNotInInventory_IsRefusedAndNothingRuns()
    {
        _dir.Write("remote.yaml", """
            name: remote
            parameters: { host: { type: string, required: true } }
            targets: { hosts: ["{{ params.host }}"] }
            steps:
              - { id: touch, action: shell, with: { argv: [touch, marker] } }
            """);

        var result = await CliProcess.RunAsync(_dir, "run", "remote.yaml", "-p", "host=evil.example.com");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("host 'evil.example.com' is not in the inventory (inventory.yaml)", result.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir["marker"]));
    }

    [Fact]
    public async Task InventoryImport_AnsibleIni_WritesAValidInventoryWithoutPasswords()
    {
        _dir.Write("hosts.ini", "[web]\nweb[01:02] ansible_host=10.0.0.1 ansible_password=hunter2\n[web:vars]\nenv=prod\n");

        var imported = await CliProcess.RunAsync(_dir, "inventory", "import", "hosts.ini", "--write", "imported.yaml");
        var listed = await CliProcess.RunAsync(_dir, "inventory", "--file", "imported.yaml", "--selector", "env=prod");

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.DoesNotContain("hunter2", File.ReadAllText(_dir["imported.yaml"]), StringComparison.Ordinal);
        Assert.Contains("warning: hosts.ini:2:1: host 'web01': ansible_password was not copied", imported.Stderr, StringComparison.Ordinal);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal("2 of 2 host(s)", listed.StdoutLines[^1]);
    }

    [Fact]
    public async Task Plan_FleetRunbook_PrintsEveryHostAndTheRolloutWithoutConnecting()
    {
        _dir.Write("fleet.yaml", """
            name: fleet
            targets: { selector: "env=prod,role in (web,api)", strategy: { batch: 2, maxErrors: "0" } }
            steps:
              - { id: status, action: shell, with: { argv: [systemctl, is-active, nginx] } }
            """);

        var result = await CliProcess.RunAsync(_dir, "plan", "fleet.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Rollout: 3 host(s) in 2 batch(es), 1 at a time; the first failed host halts the rollout: no new host starts, hosts already running finish, the rest are skipped. batch 1: web-1, web-2; batch 2: api-1", result.StdoutLines);
        Assert.Contains("  api-1   status  shell   planned  run: systemctl is-active nginx", result.StdoutLines);
    }

    [Fact]
    public async Task HostsTrust_HostNotInInventory_ExitsTwoWithSuggestion()
    {
        var result = await CliProcess.RunAsync(_dir, "hosts", "trust", "web-9");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: host 'web-9' is not in the inventory (did you mean 'web-1'?)", result.Stderr.Trim());
    }

    public void Dispose() => _dir.Dispose();
}
