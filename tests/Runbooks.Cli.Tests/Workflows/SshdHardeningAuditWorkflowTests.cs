using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.Ssh;

namespace Runbooks.Cli.Tests.Workflows;

/// <summary>
/// workflows/sshd-hardening-audit.yaml end to end on four real sshd hosts with a fake <c>sshd -T</c> per host (one
/// hardened, one lax, one where sshd -T fails so the audit reads a config file, one with X11 forwarding on), recorded in
/// a temporary SQLite journal, then <c>runbooks report</c> in every format. The only edit: the fleet's group name.
/// </summary>
public sealed class SshdHardeningAuditWorkflowTests : IClassFixture<SshFleetFixture>, IDisposable
{
    private const string Hardened = """
        port 22
        permitrootlogin no
        passwordauthentication no
        kbdinteractiveauthentication no
        x11forwarding no
        maxauthtries 3
        ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-ctr
        macs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com
        kexalgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256
        """;

    private readonly SshFleetFixture _fleet;
    private readonly TempWorkDir _dir = new();
    private readonly string _workflow;

    public SshdHardeningAuditWorkflowTests(SshFleetFixture fleet)
    {
        _fleet = fleet;
        _fleet.ResetFakes();
        _dir.Write("inventory.yaml", _fleet.InventoryYaml());
        _workflow = _dir.Write("sshd-audit.yaml", File.ReadAllText(RepositoryRoot.Workflow("sshd-hardening-audit.yaml"))
            .Replace("groups: [linux]", "groups: [web]", StringComparison.Ordinal));
        SshdT(0, Hardened);
        // An old OpenSSH spelling (ChallengeResponseAuthentication) and every kind of weakness.
        SshdT(1, """
            permitrootlogin yes
            passwordauthentication yes
            challengeresponseauthentication no
            x11forwarding no
            maxauthtries 6
            ciphers aes128-ctr,3des-cbc,aes256-cbc
            macs hmac-sha2-256,hmac-sha1
            kexalgorithms curve25519-sha256,diffie-hellman-group1-sha1
            """);
        _fleet.Fakes[2].Add("sshd", "echo 'sshd: no hostkeys available -- exiting.' >&2; exit 1");
        SshdT(3, Hardened.Replace("x11forwarding no", "x11forwarding yes", StringComparison.Ordinal));
        // The fallback file: a first value wins over a later one, Match blocks are not applied, unset keys take OpenSSH's defaults.
        _dir.Write("ssh/sshd_config.d/10-hardening.conf", "PasswordAuthentication no\n");
        _dir.Write("ssh/sshd_config", $"""
            Include {_dir["ssh/sshd_config.d"]}/*.conf
            # comment
            PermitRootLogin=no
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            MaxAuthTries 3
            Ciphers aes256-gcm@openssh.com,arcfour
            Match User backup
                PermitRootLogin yes
            """);
    }

    public void Dispose() => _dir.Dispose();

    private void SshdT(int host, string settings) =>
        _fleet.Fakes[host].Add("sshd", $"[ \"$1\" = -T ] || exit 2\ncat <<'END'\n{settings}\nEND");

    private async Task<string> AuditAsync()
    {
        var run = await CliProcess.RunAsync(_dir, "run", _workflow, "-p", $"sshdConfig={_dir["ssh/sshd_config"]}", "-o", "json");
        // Failed checks are findings: the run itself succeeds on every host.
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        return json.RootElement.GetProperty("runId").GetString()!;
    }

    [Fact]
    public async Task Report_Json_HasTheFindingsOfEveryHost()
    {
        var id = await AuditAsync();

        var report = await CliProcess.RunAsync(_dir, "report", id, "--format", "json");

        Assert.True(report.ExitCode == 5, report.ToString());
        using var json = JsonDocument.Parse(report.Stdout);
        var hosts = json.RootElement.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("target").GetString()!);
        Assert.Equal(["web-2", "web-3", "web-4", "web-1"], json.RootElement.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("target").GetString()));
        Assert.All(hosts.Values, h => Assert.Equal(9, h.GetProperty("findings").GetArrayLength()));
        Assert.Equal("compliant", hosts["web-1"].GetProperty("status").GetString());

        Assert.Equal(
            [
                ("sshd PermitRootLogin", "high", "yes"), ("sshd PasswordAuthentication", "high", "yes"),
                ("sshd weak ciphers offered", "high", "[3des-cbc, aes256-cbc]"), ("sshd weak key exchange offered", "high", "[diffie-hellman-group1-sha1]"),
                ("sshd MaxAuthTries", "medium", "6"), ("sshd weak MACs offered", "medium", "[hmac-sha1]"),
            ],
            Failed(hosts["web-2"]));
        // sshd -T failed on web-3: read from the file, where the included file's value comes first, Match is ignored and
        // X11Forwarding, unset, is OpenSSH's default no.
        Assert.Equal(
            [
                ("sshd weak ciphers offered", "high", "[arcfour]"), ("sshd settings source", "info", _dir["ssh/sshd_config"]),
            ],
            Failed(hosts["web-3"]));
        Assert.Equal([("sshd X11Forwarding", "low", "yes")], Failed(hosts["web-4"]));
        var totals = json.RootElement.GetProperty("totals");
        Assert.Equal((36, 9, 27), (totals.GetProperty("checks").GetInt32(), totals.GetProperty("failed").GetInt32(), totals.GetProperty("passed").GetInt32()));
    }

    [Fact]
    public async Task Report_TextMarkdownCsv_ShowTheSameFindings()
    {
        var id = await AuditAsync();

        var text = await CliProcess.RunAsync(_dir, "report", id);
        var markdown = await CliProcess.RunAsync(_dir, "report", id, "--output", _dir["report.md"]);
        // To a file: the console reader here splits lines, and CSV records end in CRLF.
        var csv = await CliProcess.RunAsync(_dir, "report", id, "-f", "csv", "-o", _dir["report.txt"]);

        Assert.Equal([5, 5, 5], new[] { text.ExitCode, markdown.ExitCode, csv.ExitCode });
        Assert.Contains("  result    NOT COMPLIANT: 9 of 36 checks failed on 3 of 4 hosts (high 5, medium 2, low 1, info 1)\n", text.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  FAIL    high      sshd PermitRootLogin\s+yes\s+one of \[no\]\s+set PermitRootLogin no in /etc/ssh/sshd_config and reload sshd$", text.Stdout);
        Assert.Contains("web-1: compliant, 0 failed, 9 passed\n", text.Stdout, StringComparison.Ordinal);

        Assert.Equal($"wrote {_dir["report.md"]}: NOT COMPLIANT: 9 of 36 checks failed on 3 of 4 hosts (high 5, medium 2, low 1, info 1)\n", markdown.Stdout);
        var md = File.ReadAllText(_dir["report.md"]);
        Assert.Contains("| **FAIL** | high | sshd weak ciphers offered | [3des-cbc, aes256-cbc] | [] | remove them from Ciphers", md, StringComparison.Ordinal);

        var rows = File.ReadAllText(_dir["report.txt"]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 36, rows.Length);
        Assert.Contains($"{id},sshd-hardening-audit,web-2,sshd MaxAuthTries,fail,medium,6,4,atMost,set MaxAuthTries 4 or lower,max_auth_tries,", rows);
    }

    [Fact]
    public async Task Report_EveryHostHardened_ExitsZero()
    {
        foreach (var host in new[] { 1, 2, 3 })
        {
            SshdT(host, Hardened);
        }
        var id = await AuditAsync();

        var report = await CliProcess.RunAsync(_dir, "report", id);

        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Contains("  result    COMPLIANT: all 36 checks passed on 4 hosts\n", report.Stdout, StringComparison.Ordinal);
    }

    private static List<(string, string, string)> Failed(JsonElement host) =>
        [.. host.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("result").GetString() != "pass")
            .Select(f => (f.GetProperty("check").GetString()!, f.GetProperty("severity").GetString()!, Show(f.GetProperty("actual"))))];

    private static string Show(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? "[" + string.Join(", ", value.EnumerateArray().Select(v => v.GetString())) + "]"
        : value.ToString();
}
