using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Workers;

/// <summary>
/// <c>runbooks serve</c> on the embedded default (SQLite journal, Hangfire in memory): runs enqueued by another
/// process, a SIGTERM drain handing a run over to the next worker, and an approval given while no worker runs.
/// Every process is real; the journal is read with <c>runbooks runs</c>.
/// </summary>
[Collection(WorkerTestGroup.Name)]
public sealed class EmbeddedWorkerTests : IDisposable
{
    private readonly TempWorkDir _dir = new();
    private readonly Dictionary<string, string?> _env = new()
    {
        ["Runbooks__Workers__SweepIntervalSeconds"] = "0.5",
    };
    private readonly Journal _journal;

    public EmbeddedWorkerTests() => _journal = new Journal(_dir, _env);

    public void Dispose() => _dir.Dispose();

    private string Ledger => _dir["ledger.txt"];

    private string[] LedgerLines() => File.Exists(Ledger) ? File.ReadAllLines(Ledger) : [];

    // A local shell step that appends to the ledger (one short write per line: atomic with O_APPEND).
    private string Step(string id, string script, string extra = "") =>
        $"  - id: {id}\n    action: shell\n{extra}    with: {{ argv: [sh, -c, \"{script.Replace("LEDGER", Ledger, StringComparison.Ordinal)}\"] }}\n";

    private async Task<string> EnqueueAsync(string runbook)
    {
        var result = await CliProcess.RunAsync(_dir, _env, "enqueue", runbook);
        Assert.True(result.ExitCode == 0, result.ToString());
        return Assert.Single(result.StdoutLines);
    }

    [Fact]
    public async Task Enqueue_FromAnotherProcess_TheServeProcessRunsItToSuccess()
    {
        var runbook = _dir.Write("smoke.yaml", "name: smoke\nsteps:\n" + Step("hello", "echo hello >> LEDGER"));
        using var worker = await ServeProcess.StartAsync(_dir, _env, _dir["no-workflows"]);

        var runId = await EnqueueAsync(runbook);

        await Journal.UntilAsync(async () => await _journal.StatusAsync(runId) == "succeeded",
            async () => $"run {runId} is {await _journal.StatusAsync(runId)}\n{worker.Stderr}");
        Assert.Equal(["hello"], LedgerLines());
        var exit = await worker.TerminateAsync();
        Assert.True(exit.ExitCode == 0, exit.ToString());
    }

    [Fact]
    public async Task Serve_SigtermWhileAStepRuns_FinishesTheStepHandsTheRunBackAndTheNextWorkerEndsIt()
    {
        var runbook = _dir.Write("drain.yaml", "name: drain\nsteps:\n"
            + Step("a", "echo a >> LEDGER")
            + Step("b", "echo b-start >> LEDGER; sleep 3; echo b-end >> LEDGER")
            + Step("c", "echo c >> LEDGER"));
        var first = await ServeProcess.StartAsync(_dir, _env, _dir["no-workflows"]);
        var runId = await EnqueueAsync(runbook);
        await Journal.UntilAsync(() => Task.FromResult(LedgerLines().Contains("b-start")), () => Task.FromResult(first.Stderr));

        var drained = await first.TerminateAsync();
        first.Dispose();

        Assert.True(drained.ExitCode == 0, drained.ToString());
        Assert.Equal(["a", "b-start", "b-end"], LedgerLines());
        Assert.Equal("queued", await _journal.StatusAsync(runId));

        using var second = await ServeProcess.StartAsync(_dir, _env, _dir["no-workflows"]);
        await Journal.UntilAsync(async () => await _journal.StatusAsync(runId) == "succeeded",
            async () => $"run {runId} is {await _journal.StatusAsync(runId)}\n{second.Stderr}");

        Assert.Equal(["a", "b-start", "b-end", "c"], LedgerLines());
        var record = await _journal.ShowAsync(runId);
        var attempts = record.GetProperty("attempts").EnumerateArray()
            .Select(a => (Step: a.GetProperty("stepPath").GetString(), Status: a.GetProperty("status").GetString())).ToList();
        Assert.Equal([("a", "succeeded"), ("b", "succeeded"), ("c", "succeeded")], attempts);
        Assert.Contains(record.GetProperty("events").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "run.resumed" && e.GetProperty("reason").GetString()!.Contains(second.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approve_WhileNoProcessRuns_TheNextWorkerContinuesPastTheGate()
    {
        var runbook = _dir.Write("gated.yaml", "name: gated\nsteps:\n"
            + Step("before", "echo before >> LEDGER")
            + "  - id: gate\n    action: approval\n    with: { approvers: [tester], message: go on? }\n"
            + Step("after", "echo after >> LEDGER"));
        var first = await ServeProcess.StartAsync(_dir, _env, _dir["no-workflows"]);
        var runId = await EnqueueAsync(runbook);
        await Journal.UntilAsync(async () => await _journal.StatusAsync(runId) == "suspended",
            async () => $"run {runId} is {await _journal.StatusAsync(runId)}\n{first.Stderr}");
        var stopped = await first.TerminateAsync();
        first.Dispose();
        Assert.True(stopped.ExitCode == 0, stopped.ToString());

        var approve = await CliProcess.RunAsync(_dir, _env, "runs", "approve", runId, "--as", "tester", "-m", "checked the dashboards");

        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.Equal(["before"], LedgerLines());
        Assert.Equal("suspended", await _journal.StatusAsync(runId));
        using var second = await ServeProcess.StartAsync(_dir, _env, _dir["no-workflows"]);
        await Journal.UntilAsync(async () => await _journal.StatusAsync(runId) == "succeeded",
            async () => $"run {runId} is {await _journal.StatusAsync(runId)}\n{second.Stderr}");
        Assert.Equal(["before", "after"], LedgerLines());
    }
}
