using System.Diagnostics;
using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Durability;

/// <summary>
/// Approval gates end to end: <c>runbooks run</c> suspends at the gate (exit 4), <c>runbooks runs approve|reject</c>
/// records a decision from another process, and <c>runbooks runs resume</c> — yet another process — continues. The
/// ledger shows that nothing after the gate acts before it opens.
/// </summary>
public sealed class ApprovalGateTests : IDisposable
{
    private const string Settings = """
        {
          "Runbooks": { "Approvals": { "Roles": { "sre": ["bob", "carol"] } } },
          "Serilog": {
            "Using": ["Serilog.Sinks.Console"],
            "WriteTo": [{ "Name": "Console", "Args": { "standardErrorFromLevel": "Verbose", "outputTemplate": "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}" } }]
          }
        }
        """;

    private readonly TempWorkDir _dir = new();

    public ApprovalGateTests() => _dir.Write("appsettings.json", Settings);

    public void Dispose() => _dir.Dispose();

    private IReadOnlyList<string> Ledger => File.Exists(_dir["ledger.txt"]) ? File.ReadAllLines(_dir["ledger.txt"]) : [];

    private string Gated(string gate = "approvers: [alice, \"role:sre\"]") => _dir.Write("gated.yaml", $$"""
        name: gated
        steps:
          - id: before
            action: shell
            with: { argv: [sh, -c, "echo before >> ledger.txt"] }
          - id: gate
            action: approval
            with: { {{gate}}, message: "patch the database?" }
          - id: after
            action: shell
            with: { argv: [sh, -c, "echo after >> ledger.txt"] }
        onFailure:
          - id: page
            action: shell
            with: { argv: [sh, -c, "echo onFailure >> ledger.txt"] }
        """);

    /// <summary>Runs the runbook to its gate and returns the run id; it must suspend with exit code 4.</summary>
    private async Task<string> SuspendAsync(string runbook)
    {
        var run = await CliProcess.RunAsync(_dir, "run", runbook, "--output", "json");
        Assert.True(run.ExitCode == 4, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("suspended", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(["before"], Ledger);
        return json.RootElement.GetProperty("runId").GetString()!;
    }

    private Task<CliResult> DecideAsync(string verb, string id, string who, string comment = "looked at it") =>
        CliProcess.RunAsync(_dir, "runs", verb, id, "--as", who, "--comment", comment);

    private Task<CliResult> ResumeAsync(string id) => CliProcess.RunAsync(_dir, "runs", "resume", id);

    [Fact]
    public async Task Run_ApprovalGate_SuspendsWithExit4AndActsOnlyAfterApproval()
    {
        var id = await SuspendAsync(Gated());
        Assert.Equal("suspended", await JournalProbe.StatusAsync(_dir, new Dictionary<string, string?>(), id));

        // A resume before any decision asks the gate again: still waiting, nothing after it acts.
        var early = await ResumeAsync(id);
        Assert.True(early.ExitCode == 4, early.ToString());
        Assert.Equal(["before"], Ledger);

        var approved = await DecideAsync("approve", id, "alice");
        Assert.True(approved.ExitCode == 0, approved.ToString());
        Assert.Equal(["before"], Ledger);

        // The decision is in the journal: a new process continues the run, and `before` does not act again.
        var resumed = await ResumeAsync(id);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(["before", "after"], Ledger);
    }

    [Fact]
    public async Task Reject_ThenResume_FailsTheGateAndRunsOnFailure()
    {
        var id = await SuspendAsync(Gated());

        var rejected = await DecideAsync("reject", id, "alice", "not during the sale");
        Assert.True(rejected.ExitCode == 0, rejected.ToString());
        var resumed = await ResumeAsync(id);

        Assert.True(resumed.ExitCode == 1, resumed.ToString());
        Assert.Equal(["before", "onFailure"], Ledger);
        Assert.Contains("rejected: alice: not during the sale", resumed.Stdout, StringComparison.Ordinal);
        Assert.Equal("failed", await JournalProbe.StatusAsync(_dir, new Dictionary<string, string?>(), id));
    }

    [Fact]
    public async Task Approve_ByANonApprover_IsRefusedAndTheRunStaysSuspended()
    {
        var id = await SuspendAsync(Gated());

        var refused = await DecideAsync("approve", id, "mallory");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Equal($"error: mallory may not decide gate 'gate' of run {id}: its approvers are alice, role:sre\n", refused.Stderr);
        var resumed = await ResumeAsync(id);
        Assert.True(resumed.ExitCode == 4, resumed.ToString());
        Assert.Equal(["before"], Ledger);
    }

    [Fact]
    public async Task Approve_ByAMemberOfAnApproverRole_OpensTheGate()
    {
        var id = await SuspendAsync(Gated());

        var approved = await DecideAsync("approve", id, "carol");
        Assert.True(approved.ExitCode == 0, approved.ToString());
        var resumed = await ResumeAsync(id);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(["before", "after"], Ledger);
    }

    [Fact]
    public async Task Approve_MinApprovalsTwo_NeedsTwoDistinctPeople()
    {
        var id = await SuspendAsync(Gated("approvers: [alice, \"role:sre\"], minApprovals: 2"));

        var first = await DecideAsync("approve", id, "alice");
        Assert.True(first.ExitCode == 0, first.ToString());
        var again = await DecideAsync("approve", id, "alice", "really");
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Equal($"error: alice already decided gate 'gate' of run {id}; a decision is recorded once\n", again.Stderr);

        // One approval of two: the gate still waits.
        var half = await ResumeAsync(id);
        Assert.True(half.ExitCode == 4, half.ToString());
        Assert.Contains("(1 so far)", half.Stdout, StringComparison.Ordinal);
        Assert.Equal(["before"], Ledger);

        var second = await DecideAsync("approve", id, "bob");
        Assert.True(second.ExitCode == 0, second.ToString());
        var resumed = await ResumeAsync(id);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(["before", "after"], Ledger);
    }

    [Theory]
    [InlineData("skip", 0, new[] { "before", "after" })]
    [InlineData("fail", 1, new[] { "before", "onFailure" })]
    public async Task Resume_AfterTheGateTimedOut_FollowsOnTimeout(string onTimeout, int exitCode, string[] ledger)
    {
        var id = await SuspendAsync(Gated($"approvers: [alice], timeout: 1s, onTimeout: {onTimeout}"));

        // The gate's expiry passes while nobody decides; until then a resume finds it still waiting.
        var deadline = Stopwatch.StartNew();
        CliResult resumed;
        while ((resumed = await ResumeAsync(id)).ExitCode == 4)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(120), resumed.ToString());
            await Task.Delay(500);
        }

        Assert.True(resumed.ExitCode == exitCode, resumed.ToString());
        Assert.Equal(ledger, Ledger);
        var late = await DecideAsync("approve", id, "alice");
        Assert.True(late.ExitCode == 1, late.ToString());
    }
}
