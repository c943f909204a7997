using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Commands;

public sealed class RunCommandSecretTests : IDisposable
{
    // Passed where a careless engine would print it: a log message, a command's argv and stdout, an error, an output.
    private const string Runbook = """
        name: secretive
        parameters:
          token: { type: secret, required: true }
        steps:
          - id: announce
            action: log
            with: { message: "token is {{ params.token }}, key is {{ secrets.api_key }}" }
          - id: echo_it
            action: shell
            with: { argv: [echo, "{{ params.token }}", "{{ secrets.api_key }}"] }
          - id: fail_with_it
            action: assert
            continueOnError: true
            with: { that: false, message: "bad token {{ params.token }}" }
        outputs:
          leaked: "{{ params.token }}"
        """;

    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_SecretParameterAndSecret_NeverAppearInStdoutStderrOrLogFile()
    {
        _dir.Write("secretive.yaml", Runbook);
        var token = $"tok-{Guid.NewGuid():N}";
        var apiKey = $"key-{Guid.NewGuid():N}";
        var environment = new Dictionary<string, string?> { ["RUNBOOKS_SECRET_API_KEY"] = apiKey };

        var text = await CliProcess.RunAsync(_dir, environment, "run", "secretive.yaml", "-p", $"token={token}");
        var json = await CliProcess.RunAsync(_dir, environment, "run", "secretive.yaml", "-p", $"token={token}", "-o", "json", "-v");

        foreach (var result in new[] { text, json })
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.DoesNotContain(token, result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(token, result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(apiKey, result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(apiKey, result.Stderr, StringComparison.Ordinal);
        }
        Assert.Contains("INF token is ***, key is ***", text.Timeline);
        Assert.Contains("INF stdout: *** ***", text.Timeline);
        Assert.Contains("  leaked: ***", text.StdoutLines);
        var log = File.ReadAllText(Assert.Single(Directory.GetFiles(_dir["logs"], "runbooks-*.json")));
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, log, StringComparison.Ordinal);
        Assert.Contains("***", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LogFile_IsCompactJsonWithRunContextOnStepEvents()
    {
        _dir.Write("secretive.yaml", Runbook);
        // Realistic values: a one-letter secret would (rightly) mask that letter in every word of the log.
        var environment = new Dictionary<string, string?> { ["RUNBOOKS_SECRET_API_KEY"] = $"key-{Guid.NewGuid():N}" };

        var result = await CliProcess.RunAsync(_dir, environment, "run", "secretive.yaml", "-p", $"token=tok-{Guid.NewGuid():N}", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var runId = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("runId").GetString();
        var file = Assert.Single(Directory.GetFiles(_dir["logs"], "runbooks-*.json"));
        var lines = File.ReadAllLines(file);
        Assert.NotEmpty(lines);
        var events = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        // Compact JSON (CLEF): one object per line with @t and @mt, properties beside them.
        Assert.All(events, e => Assert.True(e.TryGetProperty("@t", out _) && e.TryGetProperty("@mt", out _), e.ToString()));
        var stepEvents = events.Where(e => e.TryGetProperty("StepId", out _)).ToList();
        Assert.Contains(stepEvents, e => e.GetProperty("@mt").GetString() == "{StepPath} started (attempt {Attempt}/{Attempts}): {Description}"
            && e.GetProperty("StepId").GetString() == "echo_it" && e.GetProperty("Description").GetString() == "run: echo *** ***");
        Assert.All(stepEvents, e =>
        {
            Assert.Equal(runId, e.GetProperty("RunId").GetString());
            Assert.Equal("secretive", e.GetProperty("Runbook").GetString());
            Assert.Equal("local", e.GetProperty("Target").GetString());
            Assert.Equal(1, e.GetProperty("Attempt").GetInt32());
            Assert.Contains(e.GetProperty("StepId").GetString(), new[] { "announce", "echo_it", "fail_with_it" });
        });
        Assert.Equal(["announce", "echo_it", "fail_with_it"], stepEvents.Select(e => e.GetProperty("StepId").GetString()).Distinct());
        var failure = Assert.Single(events, e => e.TryGetProperty("@l", out var level) && level.GetString() == "Warning");
        Assert.Equal("fail_with_it", failure.GetProperty("StepId").GetString());
        Assert.Equal("bad token ***", failure.GetProperty("Error").GetString());
    }
}
