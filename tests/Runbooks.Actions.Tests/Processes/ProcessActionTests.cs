using System.Diagnostics;
using Runbooks.Actions.Processes;
using Runbooks.Actions.Tests.Remote;
using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Core.Actions;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Processes;

public sealed class ProcessActionTests(SshHost host) : IClassFixture<SshHost>
{
    [Fact]
    public async Task List_Pattern_FindsTheTestsSleepWithExactFields()
    {
        using var sleep = Start("sleep", "987601");

        var result = await new ProcessListAction().ExecuteAsync(Create(Map(("pattern", "^sleep 987601$"), ("name", "sleep"), ("user", "root")), executor: host.Executor), default);

        Assert.True(result.Succeeded, result.Error);
        var process = Assert.IsType<Dictionary<string, object?>>(Assert.Single((IEnumerable<object?>)result.Outputs["processes"]!));
        Assert.Equal(((long)sleep.Id, (long)Environment.ProcessId, "root", "sleep", "sleep 987601"),
            (process["pid"], process["ppid"], process["user"], process["name"], process["command"]));
        Assert.Equal(1L, result.Outputs["count"]);
        sleep.Kill();
    }

    [Fact]
    public async Task Kill_PatternOverSsh_TerminatesTheProcess()
    {
        using var sleep = Start("sleep", "987602");

        var result = await Kill(Map(("pattern", "^sleep 987602$")), host.Executor);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        Assert.Equal(Outputs([sleep.Id], [], []), result.Outputs);
        Assert.True(await TestSupport.Processes.WaitGoneAsync(sleep.Id));
    }

    [Fact]
    public async Task Kill_ProcessIgnoringTermWithEscalate_SendsKill()
    {
        // An ignored signal stays ignored across exec, so this sleep ignores TERM.
        using var stubborn = Start("sh", "-c", "trap '' TERM; exec sleep 987603");
        await WaitForCommandAsync(stubborn.Id, "sleep 987603");

        var result = await Kill(Map(("pattern", "^sleep 987603$"), ("timeout", "1s"), ("escalate", true)), host.Executor);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(Outputs([stubborn.Id], [], [stubborn.Id]), result.Outputs);
        Assert.True(await TestSupport.Processes.WaitGoneAsync(stubborn.Id));
    }

    [Fact]
    public async Task Kill_ProcessIgnoringTermWithoutEscalate_FailsListingIt()
    {
        using var stubborn = Start("sh", "-c", "trap '' TERM; exec sleep 987604");
        await WaitForCommandAsync(stubborn.Id, "sleep 987604");

        var result = await Kill(Map(("pids", List((long)stubborn.Id)), ("timeout", "1s")), host.Executor);

        Assert.False(result.Succeeded);
        Assert.Equal($"1 process(es) still running on h after TERM: {stubborn.Id}; set escalate: true to send KILL after the timeout, or a longer timeout", result.Error);
        Assert.Equal(Outputs([stubborn.Id], [stubborn.Id], []), result.Outputs);
        stubborn.Kill();
    }

    [Fact]
    public async Task Kill_NothingMatches_SucceedsUnchanged()
    {
        var result = await Kill(Map(("name", "-9; touch x"), ("pattern", "$(touch /tmp/rb-x)`id`")), host.Executor);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Equal(Outputs([], [], []), result.Outputs);
    }

    [Fact]
    public async Task Kill_NothingMatchesWithMustExist_Fails()
    {
        var result = await Kill(Map(("name", "no-such-proc"), ("mustExist", true)), host.Executor);

        Assert.Equal("no process on h matches name no-such-proc: kill -s TERM; mustExist is true", result.Error);
    }

    [Fact]
    public async Task Kill_OwnAncestorLocally_IsNeverSignalled()
    {
        // Locally the listing shell descends from this test process: it is protected like the sshd session remotely.
        var result = await Kill(Map(("pids", List((long)Environment.ProcessId)), ("signal", "USR2")), executor: null);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Equal(Outputs([], [], []), result.Outputs);
    }

    [Fact]
    public async Task Kill_Pid1_IsRefused()
    {
        var result = await Kill(Map(("pids", List(1L))), host.Executor);

        Assert.Equal("pids must be above 1: PID 1 (init) and process groups (0 or negative) are never signalled", result.Error);
    }

    private static Task<ActionResult> Kill(Dictionary<string, object?> inputs, Runbooks.Core.Execution.ITargetExecutor? executor) =>
        new ProcessKillAction().ExecuteAsync(Create(inputs, executor: executor), default);

    private static Dictionary<string, object?> Outputs(int[] killed, int[] remaining, int[] escalated) => new(StringComparer.Ordinal)
    {
        ["killed"] = killed.Select(p => (object?)(long)p).ToList(),
        ["remaining"] = remaining.Select(p => (object?)(long)p).ToList(),
        ["escalated"] = escalated.Select(p => (object?)(long)p).ToList(),
    };

    private static Process Start(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info)!;
    }

    private static async Task WaitForCommandAsync(int pid, string command)
    {
        while ((await File.ReadAllTextAsync($"/proc/{pid}/cmdline")).Replace('\0', ' ').Trim() != command)
        {
            await Task.Delay(20);
        }
    }
}
