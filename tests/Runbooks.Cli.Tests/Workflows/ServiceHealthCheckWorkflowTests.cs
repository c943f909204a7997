using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.Http;

namespace Runbooks.Cli.Tests.Workflows;

/// <summary>workflows/service-health-check.yaml against a loopback HTTP server (which also serves as the on-call webhook).</summary>
public sealed class ServiceHealthCheckWorkflowTests : IAsyncLifetime, IDisposable
{
    private static readonly string Workflow = RepositoryRoot.Workflow("service-health-check.yaml");

    private readonly TempWorkDir _dir = new();
    private readonly LoopbackHttpServer _server = LoopbackHttpServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    // xunit calls both: the server stops asynchronously, the folder goes after.
    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_HealthyService_SucceedsWithoutPaging()
    {
        _server.Respond("/healthz", 200, "status: ok");
        _server.Respond("/hook", 200);

        var result = await CliProcess.RunAsync(_dir, Webhook(), "run", Workflow,
            "-p", $"url={_server.Url("/healthz")}", "-p", $"port={_server.Port}", "-p", "bodyContains=ok", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var outputs = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("outputs");
        Assert.True(outputs.GetProperty("healthy").GetBoolean());
        Assert.Equal(200, outputs.GetProperty("httpStatus").GetInt32());
        Assert.Equal(1, outputs.GetProperty("httpAttempts").GetInt32());
        Assert.Contains(_server.Requests, r => r.Method == "GET" && r.Path == "/healthz");
        Assert.DoesNotContain(_server.Requests, r => r.Path == "/hook");
    }

    [Fact]
    public async Task Run_UnhealthyService_FailsAndPagesOnCallThroughTheSubRunbook()
    {
        _server.Respond("/healthz", 404, "no such thing");
        _server.Respond("/hook", 200);

        var result = await CliProcess.RunAsync(_dir, Webhook(), "run", Workflow,
            "-p", $"url={_server.Url("/healthz")}", "-p", $"port={_server.Port}");

        Assert.True(result.ExitCode == 1, result.ToString());
        // A 404 is not retried (only no answer and 5xx are).
        Assert.Single(_server.Requests, r => r.Path == "/healthz");
        var page = Assert.Single(_server.Requests, r => r.Path == "/hook");
        Assert.Equal("POST", page.Method);
        using var body = JsonDocument.Parse(page.Body);
        Assert.Equal("critical", body.RootElement.GetProperty("severity").GetString());
        Assert.Equal("service-health-check", body.RootElement.GetProperty("source").GetString());
        Assert.StartsWith($"[CRITICAL] service-health-check: {_server.Url("/healthz")} is down: ", body.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(result.StdoutLines, line => line.StartsWith("  onFailure/page_oncall ", StringComparison.Ordinal) && line.Contains(" succeeded ", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, line => line.StartsWith("Error: step 'verdict' failed: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_UnhealthyWithEscalateFalse_FailsWithoutPaging()
    {
        _server.Respond("/healthz", 200, "degraded");

        var result = await CliProcess.RunAsync(_dir, "run", Workflow,
            "-p", $"url={_server.Url("/healthz")}", "-p", $"port={_server.Port}", "-p", "bodyContains=ok", "-p", "escalate=false");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.DoesNotContain(_server.Requests, r => r.Path == "/hook");
        Assert.Contains(result.StdoutLines, line => line.StartsWith("  onFailure/page_oncall ", StringComparison.Ordinal) && line.Contains(" skipped ", StringComparison.Ordinal));
    }

    private Dictionary<string, string?> Webhook() => new() { ["RUNBOOKS_SECRET_ONCALL_WEBHOOK"] = _server.Url("/hook") };
}
