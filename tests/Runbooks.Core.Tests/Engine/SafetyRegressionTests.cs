using Runbooks.Core.Journal;
using Runbooks.Core.Secrets;
using Runbooks.Testing.Http;

namespace Runbooks.Core.Tests.Engine;

/// <summary>Defects found in review; each test fails if it comes back.</summary>
public sealed class SafetyRegressionTests
{
    [Fact]
    public async Task RunAsync_PatternParameterWithTrailingNewline_IsRefused()
    {
        using var h = new EngineHarness();
        await Assert.ThrowsAsync<Core.Diagnostics.RunbookValidationException>(() => h.RunAsync("""
            name: anchor
            parameters: { dir: { type: string, pattern: "[a-z0-9]+", default: abc } }
            steps:
              - { id: a, action: shell, with: { script: "echo {{ params.dir }}" } }
            """, new Dictionary<string, object?> { ["dir"] = "abc\n" }));
    }

    [Fact]
    public async Task RunAsync_MultiLineSecretPrintedLineByLine_IsMaskedInTheLiveLog()
    {
        const string Key = "-----BEGIN KEY-----\nLINEONESECRET\nLINETWOSECRET\n-----END KEY-----";
        using var h = new EngineHarness(secrets: new OneSecret("key", Key));
        await h.RunAsync("""
            name: pem
            steps:
              - { id: show, action: shell, with: { argv: [printenv, K], env: { K: "{{ secrets.key }}" } } }
            """);
        var log = h.Events.Text();
        Assert.DoesNotContain("LINEONESECRET", log, StringComparison.Ordinal);
        Assert.DoesNotContain("LINETWOSECRET", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SecretCutByTruncation_MasksTheVisiblePart()
    {
        var masker = new SecretMasker();
        masker.Add("TOPSECRETVALUE");
        Assert.Equal("0123***\n…[truncated 11 bytes]", masker.Apply("0123TOPSEC\n…[truncated 11 bytes]"));
    }

    [Fact]
    public async Task RunAsync_ActionThrowsWithSecretInMessage_NoSecretInLogs()
    {
        using var h = new EngineHarness(secrets: new OneSecret("tok", "TOPSECRETVALUE123"));
        var result = await h.RunAsync("""
            name: throws
            steps:
              - { id: a, action: shell, with: { argv: ["true"], workingDir: "/nonexistent/{{ secrets.tok }}" } }
            """);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.DoesNotContain("TOPSECRETVALUE123", h.Events.Text(), StringComparison.Ordinal);
        Assert.All(h.Events.All, e => Assert.Null(e.Exception));
    }

    [Fact]
    public async Task RunAsync_NonIdempotentRequestTimesOut_IsSentOnceAndTimedOut()
    {
        await using var server = LoopbackHttpServer.Start();
        // Wide margins: the request must reach the server well within the timeout even on a loaded machine.
        server.Respond("/slow", new LoopbackResponse(200, "late") { Delay = TimeSpan.FromSeconds(4) });
        using var h = new EngineHarness();
        var result = await h.RunAsync($$"""
            name: post
            steps:
              - id: post
                action: http.request
                with: { method: POST, url: "{{server.Url("/slow")}}", body: x, timeout: 1500ms }
                retry: { attempts: 3, backoff: fixed, initialDelay: 10ms }
            """);
        var step = Assert.Single(result.Steps);
        Assert.Equal(StepStatus.TimedOut, step.Status);
        Assert.Equal(1, step.Attempts);
        await Task.Delay(3000); // a retry, had there been one, would have arrived by now
        Assert.Single(server.Requests);
    }

    [Fact]
    public void LoadText_DurationBeyondTimers_ReportsRB0105()
    {
        using var h = new EngineHarness();
        var errors = h.Loader.LoadText("""
            name: long
            steps:
              - { id: a, action: probe, timeout: 50d }
            """, "rb.yaml").Diagnostics.Select(d => d.ToString());
        Assert.Contains("rb.yaml:3:38: error RB0105 at steps[0].timeout: '50d' is not a duration; expected a number with a unit: ms, s, m, h or d (e.g. 500ms, 30s, 5m, 1h30m), at most 24d", errors);
    }

    [Fact]
    public async Task RunAsync_IfCannotBeEvaluated_StepFailsAndItsHandlersRun()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: badif
            steps:
              - id: a
                action: probe
                if: "run.nope == 1"
                with: { key: a }
                onFailure:
                  - { id: handle, action: probe, with: { key: handled } }
            """);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(["handled"], h.Probe.Calls);
        Assert.StartsWith("step 'a' failed:", result.Error, StringComparison.Ordinal);
    }

    private sealed class OneSecret(string name, string value) : ISecretProvider
    {
        public bool TryGet(string secret, out string result)
        {
            result = secret == name ? value : "";
            return result.Length > 0;
        }

        public string Describe(string secret) => "set it";
    }
}

/// <summary>Second review: run-time guards.</summary>
public sealed class SafetyRegressionRuntimeTests
{
    [Fact]
    public async Task RunAsync_TrustedParameterHoldingAQuote_IsRefusedBeforeAnythingRuns()
    {
        using var h = new EngineHarness();
        var ex = await Assert.ThrowsAsync<Core.Diagnostics.RunbookValidationException>(() => h.RunAsync("""
            name: surname
            parameters: { name: { type: string, pattern: "[A-Za-z' ]+", default: Smith } }
            steps:
              - { id: a, action: shell, with: { script: "echo {{ params.name }}" } }
            """, new Dictionary<string, object?> { ["name"] = "O'Brien" }));
        Assert.StartsWith("parameter 'name' goes unquoted into a shell string (steps[0].with.script)", Assert.Single(ex.Diagnostics).Message, StringComparison.Ordinal);
        Assert.Empty(h.Journal.Entries);
    }

    [Fact]
    public async Task RunAsync_ProcessSecretsInEnvironment_AreNotInheritedByCommands()
    {
        const string Variable = "RUNBOOKS_SECRET_INHERIT_PROBE";
        Environment.SetEnvironmentVariable(Variable, "inherited-secret-value");
        try
        {
            using var h = new EngineHarness();
            var result = await h.RunAsync("""
                name: inherit
                steps:
                  - { id: env, action: shell, with: { argv: [env] } }
                """);
            Assert.DoesNotContain("inherited-secret-value", result.Steps.Single().Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(Variable, result.Steps.Single().Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public void ApplyToValue_NumericSecretTurnedIntoANumber_IsMasked()
    {
        var masker = new SecretMasker();
        masker.Add("987654");
        Assert.Equal("***", masker.ApplyToValue(987654L));
        Assert.Equal(12L, masker.ApplyToValue(12L));
    }
}
