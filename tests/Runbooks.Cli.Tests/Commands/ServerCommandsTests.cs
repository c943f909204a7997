using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Commands;

/// <summary><c>runbooks keys</c>, <c>runs cancel</c> and <c>alerts</c> against the embedded journal, as separate processes.</summary>
public sealed class ServerCommandsTests : IDisposable
{
    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Keys_CreateListRevoke_PrintsTheKeyOnceAndListsItRevoked()
    {
        var created = await CliProcess.RunAsync(_dir, "keys", "create", "--name", "alertmanager", "--role", "operator");
        await CliProcess.RunAsync(_dir, "keys", "revoke", "alertmanager");
        var listed = await CliProcess.RunAsync(_dir, "keys", "list");
        var badRole = await CliProcess.RunAsync(_dir, "keys", "create", "--name", "x", "--role", "root");

        Assert.True(created.ExitCode == 0, created.ToString());
        var key = Assert.Single(created.StdoutLines);
        Assert.Matches("^rbk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("alertmanager", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains("REVOKED", listed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(key["rbk_".Length..].Split('_', 2)[1], listed.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, badRole.ExitCode);
        Assert.Contains("error: --role: 'root' is not a role; allowed: viewer, operator, approver, admin", badRole.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsCancel_QueuedRun_IsCancelledAndASecondCancelFails()
    {
        var runbook = _dir.Write("q.yaml", "name: q\nsteps:\n  - id: a\n    action: shell\n    with: { argv: [echo, hi] }\n");
        var queued = await CliProcess.RunAsync(_dir, "enqueue", runbook);
        var runId = Assert.Single(queued.StdoutLines);

        var cancelled = await CliProcess.RunAsync(_dir, "runs", "cancel", runId, "--comment", "not tonight");
        var again = await CliProcess.RunAsync(_dir, "runs", "cancel", runId);
        var shown = await CliProcess.RunAsync(_dir, "runs", "show", runId, "--output", "json");

        Assert.True(cancelled.ExitCode == 0, cancelled.ToString());
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"error: run {runId} already ended (cancelled); nothing to cancel", again.Stderr, StringComparison.Ordinal);
        Assert.Contains($"\"statusReason\": \"cancelled by cli:{Environment.UserName}: not tonight\"", shown.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsDecisions_UnknownKind_IsAUsageErrorListingTheKinds()
    {
        var result = await CliProcess.RunAsync(_dir, "alerts", "decisions", "--kind", "loud");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --kind: 'loud' is not a decision kind; allowed: matched, started, duplicate, cooldown, breakerOpen, needsHuman, outsideWindow, rejected, resolved, noMatch", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertsReset_NothingOpen_FailsSayingSo()
    {
        var result = await CliProcess.RunAsync(_dir, "alerts", "reset", "web-1", "--comment", "fixed by hand");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("web-1", result.Stderr, StringComparison.Ordinal);
    }
}
