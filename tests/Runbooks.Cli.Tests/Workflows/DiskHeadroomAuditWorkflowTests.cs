using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.Ssh;

namespace Runbooks.Cli.Tests.Workflows;

/// <summary>
/// workflows/disk-headroom-audit.yaml end to end on four real sshd hosts with a fake GNU df per host, then
/// <c>runbooks report</c>: one finding per filesystem (each forEach iteration its own), inodes only where counted.
/// </summary>
public sealed class DiskHeadroomAuditWorkflowTests : IClassFixture<SshFleetFixture>, IDisposable
{
    private const string Header = "Filesystem     Type     1B-blocks        Used       Avail Use% IUse% Mounted on";
    private const string Healthy = "/dev/vda       ext4  100000000000 40000000000 60000000000  40%    3% /\n/dev/sdb1      vfat     104857600    52428800    52428800  50%     - /boot/efi";

    private readonly SshFleetFixture _fleet;
    private readonly TempWorkDir _dir = new();
    private readonly string _workflow;

    public DiskHeadroomAuditWorkflowTests(SshFleetFixture fleet)
    {
        _fleet = fleet;
        _fleet.ResetFakes();
        _dir.Write("inventory.yaml", _fleet.InventoryYaml());
        _workflow = _dir.Write("disk-audit.yaml", File.ReadAllText(RepositoryRoot.Workflow("disk-headroom-audit.yaml"))
            .Replace("groups: [linux]", "groups: [web]", StringComparison.Ordinal));
        foreach (var host in new[] { 0, 2, 3 })
        {
            Df(host, Healthy);
        }
        Df(1, Healthy + "\n/dev/vdb       xfs    10000000000  9700000000   300000000  97%   92% /var\ntmpfs          tmpfs     1000000      999000        1000 100%    1% /run");
    }

    public void Dispose() => _dir.Dispose();

    private void Df(int host, string rows) => _fleet.Fakes[host].Add("df", $"cat <<'END'\n{Header}\n{rows}\nEND");

    [Fact]
    public async Task Report_FullFilesystem_IsACriticalFindingOfItsHost()
    {
        var run = await CliProcess.RunAsync(_dir, "run", _workflow, "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var runJson = JsonDocument.Parse(run.Stdout);

        var report = await CliProcess.RunAsync(_dir, "report", runJson.RootElement.GetProperty("runId").GetString()!, "-f", "json");

        Assert.True(report.ExitCode == 5, report.ToString());
        using var json = JsonDocument.Parse(report.Stdout);
        var hosts = json.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal("web-2", hosts[0].GetProperty("target").GetString());
        // tmpfs is left out; vfat has no inode count, so it has no inode finding.
        Assert.Equal(
            [
                ("disk space used /var", "fail", "critical", "mounts[2]/space"), ("disk inodes used /var", "fail", "high", "mounts[2]/inodes"),
                ("disk space used /", "pass", "high", "mounts[0]/space"), ("disk inodes used /", "pass", "high", "mounts[0]/inodes"),
                ("disk space used /boot/efi", "pass", "high", "mounts[1]/space"),
            ],
            hosts[0].GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("check").GetString(), f.GetProperty("result").GetString(),
                f.GetProperty("severity").GetString(), f.GetProperty("stepPath").GetString())));
        Assert.All(hosts.Skip(1), h => Assert.Equal(("compliant", 3), (h.GetProperty("status").GetString(), h.GetProperty("findings").GetArrayLength())));
    }
}
