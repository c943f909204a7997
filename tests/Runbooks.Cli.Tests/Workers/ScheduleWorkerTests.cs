using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Workers;

/// <summary>
/// <c>runbooks serve</c> firing the schedules of the runbooks in its workflows folder: runs appear with the schedule's
/// trigger, stop when the runbook is deleted, and wait (suspended) for a maintenance window that is closed.
/// </summary>
[Collection(WorkerTestGroup.Name)]
public sealed class ScheduleWorkerTests : IDisposable
{
    private readonly TempWorkDir _dir = new();
    private readonly Dictionary<string, string?> _env = new()
    {
        ["Runbooks__Workers__SweepIntervalSeconds"] = "0.5",
        // A fixed window far in the future: closed now, and its start is known.
        ["Runbooks__Maintenance__Windows__closed__TimeZone"] = "UTC",
        ["Runbooks__Maintenance__Windows__closed__Ranges__0__Start"] = "2099-01-01T00:00",
        ["Runbooks__Maintenance__Windows__closed__Ranges__0__End"] = "2099-01-02T00:00",
    };
    private readonly Journal _journal;

    public ScheduleWorkerTests() => _journal = new Journal(_dir, _env);

    public void Dispose() => _dir.Dispose();

    private static string Scheduled(string name, string schedule) =>
        $"name: {name}\ntriggers:\n  - schedule: {schedule}\nsteps:\n  - id: tick\n    action: shell\n    with: {{ argv: [echo, tick] }}\n";

    private async Task<List<ListedRun>> RunsOfAsync(string trigger) =>
        [.. (await _journal.ListAsync()).Where(r => r.Trigger.StartsWith(trigger, StringComparison.Ordinal))];

    [Fact]
    public async Task Serve_ScheduleEveryTwoSeconds_RunsItUntilTheRunbookIsDeleted()
    {
        var file = _dir.Write("workflows/ticker.yaml", Scheduled("ticker", "{ id: every2s, cron: \"*/2 * * * * *\" }"));
        using var worker = await ServeProcess.StartAsync(_dir, _env, _dir["workflows"]);

        await Journal.UntilAsync(async () => (await RunsOfAsync("schedule:ticker/every2s@")).Count(r => r.Status == "succeeded") >= 2,
            async () => $"runs: {string.Join(", ", await _journal.ListAsync())}\n{worker.Stderr}");
        File.Delete(file);
        await worker.WaitForStderrAsync("Schedule ticker/every2s removed", Journal.Deadline);

        // Three fire times later, and three more: a schedule still registered would have added runs in between.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var settled = (await RunsOfAsync("schedule:ticker/every2s@")).Count;
        await Task.Delay(TimeSpan.FromSeconds(6));
        var later = (await RunsOfAsync("schedule:ticker/every2s@")).Count;

        Assert.True(settled == later, $"{settled} runs, then {later}: the schedule still fires\n{worker.Stderr}");
        var stopped = await worker.TerminateAsync();
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
    }

    [Fact]
    public async Task Serve_ScheduleOutsideItsWindow_RecordsTheRunSuspendedUntilTheWindowOpens()
    {
        _dir.Write("workflows/waiter.yaml", Scheduled("waiter", "{ id: often, cron: \"*/2 * * * * *\", window: closed }"));
        using var worker = await ServeProcess.StartAsync(_dir, _env, _dir["workflows"]);

        await Journal.UntilAsync(async () => (await RunsOfAsync("schedule:waiter/often@")).Count > 0,
            async () => $"runs: {string.Join(", ", await _journal.ListAsync())}\n{worker.Stderr}");

        var run = (await RunsOfAsync("schedule:waiter/often@"))[0];
        Assert.Equal("suspended", run.Status);
        var record = await _journal.ShowAsync(run.RunId);
        Assert.Contains("outside maintenance window closed: waits until 2099-01-01 00:00:00Z", record.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(record.GetProperty("attempts").EnumerateArray());
    }
}
