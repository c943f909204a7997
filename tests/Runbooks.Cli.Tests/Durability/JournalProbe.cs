using System.Diagnostics;
using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Durability;

/// <summary>
/// Reads the run journal the way an operator does, through <c>runbooks runs list|show --output json</c>, so a test
/// knows what another (soon killed) process has recorded without timing guesses.
/// </summary>
internal static class JournalProbe
{
    // A hang guard, not a timing assertion: a loaded 2-core machine starts a dotnet process slowly.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>The id of the only run in the journal, once it is there.</summary>
    public static async Task<string> WaitForOnlyRunAsync(TempWorkDir dir, IReadOnlyDictionary<string, string?> env, CliProcess runner)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var list = await CliProcess.RunAsync(dir, env, "runs", "list", "--output", "json");
            Assert.True(list.ExitCode == 0, list.ToString());
            using (var json = JsonDocument.Parse(list.Stdout))
            {
                var runs = json.RootElement.EnumerateArray().ToList();
                if (runs.Count == 1)
                {
                    return runs[0].GetProperty("runId").GetString()!;
                }
                Assert.True(runs.Count == 0, $"expected one run in the journal\n{list}");
            }
            Assert.True(deadline.Elapsed < Patience, $"no run in the journal within {Patience.TotalSeconds} s\n--- runner stderr ---\n{runner.Stderr}");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the journal records an attempt of <paramref name="stepPath"/> as running on every one of <paramref name="targets"/>.</summary>
    public static async Task WaitForRunningAsync(TempWorkDir dir, IReadOnlyDictionary<string, string?> env, string runId, string stepPath, CliProcess runner, params string[] targets)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var running = (await AttemptsAsync(dir, env, runId))
                .Where(a => a.StepPath == stepPath && a.Status == "running").Select(a => a.Target).ToHashSet(StringComparer.Ordinal);
            if (targets.All(running.Contains))
            {
                return;
            }
            Assert.True(deadline.Elapsed < Patience,
                $"the journal did not show {stepPath} running on {string.Join(", ", targets)} within {Patience.TotalSeconds} s\n--- runner stderr ---\n{runner.Stderr}");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// <c>runbooks runs resume</c> with <paramref name="args"/>, tried again while a killed process's lease is still
    /// live (its owner renews no more, so the database expires it within one lease length).
    /// </summary>
    public static async Task<CliResult> ResumeOnceTheLeaseExpiredAsync(TempWorkDir dir, IReadOnlyDictionary<string, string?> env, string runId, params string[] args)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var result = await CliProcess.RunAsync(dir, env, ["runs", "resume", runId, .. args]);
            if (!result.Stderr.Contains("its lease is live", StringComparison.Ordinal))
            {
                return result;
            }
            Assert.True(deadline.Elapsed < Patience, $"the dead process's lease did not expire within {Patience.TotalSeconds} s\n{result}");
            await Task.Delay(250);
        }
    }

    /// <summary>Every step attempt of the run: path, target, status and attempt number.</summary>
    public static async Task<IReadOnlyList<(string StepPath, string Target, string Status, int Attempt)>> AttemptsAsync(
        TempWorkDir dir, IReadOnlyDictionary<string, string?> env, string runId)
    {
        using var json = await ShowAsync(dir, env, runId);
        return [.. json.RootElement.GetProperty("attempts").EnumerateArray().Select(a => (
            a.GetProperty("stepPath").GetString()!, a.GetProperty("target").GetString()!, a.GetProperty("status").GetString()!,
            a.GetProperty("attempt").GetInt32()))];
    }

    /// <summary>The run's status as the journal has it (<c>running</c>, <c>inDoubt</c>, <c>suspended</c> …).</summary>
    public static async Task<string> StatusAsync(TempWorkDir dir, IReadOnlyDictionary<string, string?> env, string runId)
    {
        using var json = await ShowAsync(dir, env, runId);
        return json.RootElement.GetProperty("run").GetProperty("status").GetString()!;
    }

    private static async Task<JsonDocument> ShowAsync(TempWorkDir dir, IReadOnlyDictionary<string, string?> env, string runId)
    {
        var show = await CliProcess.RunAsync(dir, env, "runs", "show", runId, "--output", "json");
        Assert.True(show.ExitCode == 0, show.ToString());
        return JsonDocument.Parse(show.Stdout);
    }
}
