using System.Diagnostics;
using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Workers;

/// <summary>The run journal read the operator's way (<c>runbooks runs list|show --output json</c>), and polling it.</summary>
internal sealed class Journal(TempWorkDir dir, IReadOnlyDictionary<string, string?> env)
{
    // A hang guard for the polls, not a timing assertion: a loaded 2-core machine can be very slow.
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);

    /// <summary>Every run (newest first), as <c>runs list --all -n 1000 --output json</c> prints it.</summary>
    public async Task<IReadOnlyList<ListedRun>> ListAsync()
    {
        var result = await CliProcess.RunAsync(dir, env, "runs", "list", "-n", "1000", "--output", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        return [.. json.RootElement.EnumerateArray().Select(run => new ListedRun(
            run.GetProperty("runId").GetString()!, run.GetProperty("status").GetString()!, run.GetProperty("trigger").GetString()!))];
    }

    /// <summary>One run's full record (<c>runs show --output json</c>).</summary>
    public async Task<JsonElement> ShowAsync(string runId)
    {
        var result = await CliProcess.RunAsync(dir, env, "runs", "show", runId, "--output", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.Clone();
    }

    /// <summary>The run's status, as <c>runs show</c> reports it.</summary>
    public async Task<string> StatusAsync(string runId) =>
        (await ShowAsync(runId)).GetProperty("run").GetProperty("status").GetString()!;

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="describe"/> at the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<Task<string>> describe, TimeSpan? deadline = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > (deadline ?? Deadline))
            {
                Assert.Fail($"not reached within {(deadline ?? Deadline).TotalSeconds} s: {await describe()}");
            }
            await Task.Delay(250);
        }
    }
}

/// <summary>One line of <c>runs list --output json</c>.</summary>
internal sealed record ListedRun(string RunId, string Status, string Trigger);
