using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Cli.Tests.Workers;
using Runbooks.Testing.Alertmanager;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>
/// A real Alertmanager whose webhook (bearer token = an operator key) points at a real <c>runbooks serve</c>: an alert
/// posted to Alertmanager's own API restarts the service it names on the sshd host it names, once; its resolve is recorded;
/// and a resolve that comes while the run is still queued cancels it.
/// </summary>
[Collection(AlertE2eGroup.Name)]
public sealed class AlertmanagerRemediationTests(AlertE2eFixture server)
{
    private const string RunbookName = "restart-on-service-down";

    private const string Runbook = """
        name: restart-on-service-down
        description: Restarts the service an alert names on the host it names.
        parameters:
          host: { type: string, required: true, pattern: "[a-z0-9-]+" }
          service: { type: string, required: true, pattern: "[A-Za-z0-9@:._-]+" }
        targets:
          hosts: ["{{ params.host }}"]
        triggers:
          - alert:
              match: { alertname: ServiceDown }
              params:
                host: "{{ alert.labels.instance | string.split ':' | array.first }}"
                service: "{{ alert.labels.service }}"
        steps:
          - id: restart
            action: service.restart
            with: { name: "{{ params.service }}" }
        """;

    private IReadOnlyList<string> Restarts(string host) =>
        [.. server.Fleet.Calls().Where(c => c.Host == host && c.Command == "systemctl" && c.Args[0] is "restart" or "start" or "stop").Select(c => c.Line)];

    [Fact]
    public async Task Alertmanager_ServiceDownOnWeb1_RestartsItOnceAndRecordsTheResolve()
    {
        server.WriteRunbook("restart-on-service-down.yaml", Runbook);
        var unit = Directory.CreateDirectory(Path.Combine(server.Fleet.Fakes[0].StateDirectory, "units", "nginx")).FullName;
        File.WriteAllText(Path.Combine(unit, "active"), "inactive");
        File.WriteAllText(Path.Combine(unit, "enabled"), "enabled");
        using var api = server.Api("viewer");
        await using var alertmanager = await AlertmanagerFixture.StartAsync(new AlertmanagerOptions
        {
            WebhookUrl = server.AlertmanagerIntakeUrl,
            BearerToken = server.Keys["operator"],
        });
        var alert = new AlertmanagerAlert
        {
            Labels = new Dictionary<string, string> { ["alertname"] = "ServiceDown", ["instance"] = "web-1:9100", ["service"] = "nginx" },
            Annotations = new Dictionary<string, string> { ["summary"] = "nginx on web-1 does not answer" },
        };

        await alertmanager.PostAlertsAsync([alert]);

        var started = await api.WaitForDecisionAsync(d => d.Kind == "started", runbook: RunbookName);
        Assert.Equal($"queued run {started.RunId} on 'remediation' for web-1", started.Reason);
        var run = Assert.Single(await api.WaitForEndedRunsAsync(RunbookName, 1));
        Assert.Equal((started.RunId!, "succeeded", $"alert:{RunbookName}/alert-1"), run);
        Assert.Equal(["systemctl restart -- nginx"], Restarts("web-1"));
        Assert.DoesNotContain(server.Fleet.Calls(), c => c.Command == "systemctl" && c.Args[0] == "restart" && c.Host != "web-1");
        Assert.Equal((await alertmanager.GetAlertsAsync()).Single().Fingerprint, started.Fingerprint);

        await alertmanager.ResolveAsync([alert]);

        var resolved = await api.WaitForDecisionAsync(_ => true, kind: "resolved", fingerprint: started.Fingerprint);
        Assert.Equal("resolved; no run for this alert was queued or running", resolved.Reason);
        Assert.Single(await api.RunsAsync(RunbookName));
        Assert.Equal(["systemctl restart -- nginx"], Restarts("web-1"));
        Assert.DoesNotContain("Notify for alerts failed", alertmanager.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolved_RunStillQueued_IsCancelledBeforeAnyWorkerTakesIt()
    {
        // A server that serves only the default queue: the remediation run it queues stays queued, honestly, until the
        // resolve comes — no race with a worker.
        using var dir = new TempWorkDir();
        var env = new Dictionary<string, string?> { ["Runbooks__Workers__Queues__0"] = "default" };
        dir.Write("workflows/queued-remediation.yaml", """
            name: queued-remediation
            description: Logs the alert it was started for.
            triggers:
              - alert: { match: { alertname: QueuedThenResolved } }
            steps:
              - id: note
                action: log
                with: { message: "would remediate" }
            """);
        var created = await CliProcess.RunAsync(dir, env, "keys", "create", "--name", "operator-key", "--role", "operator");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var serve = await ServeProcess.StartAsync(dir, env, dir["workflows"], workers: 1);
        using var client = new HttpClient { BaseAddress = serve.Api, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", created.StdoutLines.Single());
        using var api = new AlertApi(client, () => serve.Stderr);
        var alert = new NotifiedAlert(new Dictionary<string, string> { ["alertname"] = "QueuedThenResolved", ["instance"] = "app-1" }, DateTimeOffset.UtcNow);

        var firing = await api.AcceptedAsync(alert);
        var runId = Assert.Single(firing[0], d => d.Kind == "started").RunId!;
        Assert.Equal("queued", await api.RunStatusAsync(runId));
        var resolved = await api.AcceptedAsync(alert.Resolved());

        Assert.Equal([("resolved", $"resolved; cancelled queued run(s) {runId}")], resolved[0].Select(d => (d.Kind, d.Reason)));
        Assert.Equal("cancelled", await api.RunStatusAsync(runId));
        var record = (await api.GetJsonAsync($"/api/v1/runs/{runId}")).ToString();
        Assert.Contains("the alert resolved before a worker started the run", record, StringComparison.Ordinal);
        await serve.TerminateAsync();
    }
}
