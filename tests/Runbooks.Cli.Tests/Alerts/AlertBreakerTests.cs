using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Runbooks.Cli.Tests.Workers;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>
/// A fix that never works (the fake systemctl refuses to start nginx on web-2): after <c>maxRuns.count</c> runs the breaker
/// trips, exactly one breaker escalation reaches the webhook, web-2 needs a human and no firing starts anything until an
/// admin resets it.
/// </summary>
[Collection(AlertE2eGroup.Name)]
public sealed class AlertBreakerTests(AlertE2eFixture server)
{
    private const string RunbookName = "restart-that-never-helps";

    private const string Runbook = """
        name: restart-that-never-helps
        description: Restarts a service that will not come up.
        parameters:
          host: { type: string, required: true, pattern: "[a-z0-9-]+" }
        targets:
          hosts: ["{{ params.host }}"]
        triggers:
          - alert:
              match: { alertname: NginxFlapping }
              params: { host: "{{ alert.labels.instance }}" }
              cooldown: 0s
              maxRuns: { count: 3, per: 1h }
        steps:
          - id: restart
            action: service.restart
            with: { name: nginx }
        """;

    private static NotifiedAlert Alert(DateTimeOffset startsAt, string probe = "1") =>
        new(new Dictionary<string, string> { ["alertname"] = "NginxFlapping", ["instance"] = "web-2", ["probe"] = probe }, startsAt);

    private int BreakerEscalations() => server.EscalationsReceived().Count(e => e.Kind == "breakerTripped");

    [Fact]
    public async Task Breaker_FixNeverWorks_TripsAfterThreeRunsEscalatesOnceAndHoldsUntilAnAdminResets()
    {
        server.WriteRunbook("restart-that-never-helps.yaml", Runbook);
        var unit = Directory.CreateDirectory(Path.Combine(server.Fleet.Fakes[1].StateDirectory, "units", "nginx")).FullName;
        File.WriteAllText(Path.Combine(unit, "active"), "failed");
        File.WriteAllText(Path.Combine(unit, "broken"), "");
        using var api = server.Api("operator");
        var firing = DateTimeOffset.UtcNow.AddMinutes(-30);

        for (var i = 1; i <= 3; i++)
        {
            var decisions = (await api.AcceptedAsync(Alert(firing.AddMinutes(i))))[0];
            Assert.Contains(decisions, d => d.Kind == "started");
            // The next firing must find this run ended (not "still running"): the breaker counts started runs.
            await api.WaitForEndedRunsAsync(RunbookName, i);
        }
        Assert.All(await api.RunsAsync(RunbookName), r => Assert.Equal("failed", r.Status));
        Assert.Equal(0, BreakerEscalations());

        var trip = (await api.AcceptedAsync(Alert(firing.AddMinutes(4))))[0];

        var tripped = Assert.Single(trip, d => d.Kind == "breakerOpen");
        Assert.Contains("3 automatic run(s)", tripped.Reason, StringComparison.Ordinal);
        Assert.Contains("(maxRuns 3 per 1h); the breaker tripped: no automatic run, escalated on webhook, web-2 marked as needing a human until reset", tripped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(trip, d => d.Kind == "started");
        await Journal.UntilAsync(() => Task.FromResult(BreakerEscalations() >= 1), () => Task.FromResult($"escalations: {server.EscalationsReceived().Count}\n{server.Log}"));
        var needsHuman = await api.GetJsonAsync("/api/v1/alerts/needs-human");
        Assert.Contains(needsHuman.EnumerateArray(), m => m.GetProperty("target").GetString() == "web-2");

        // Held: the same alert firing again, and another alert for web-2, start nothing.
        var held = (await api.AcceptedAsync(Alert(firing.AddMinutes(5))))[0];
        Assert.Contains(held, d => d.Kind == "breakerOpen" && d.Reason.Contains("no automatic run until it is reset", StringComparison.Ordinal));
        var other = (await api.AcceptedAsync(Alert(firing.AddMinutes(5), probe: "2")))[0];
        Assert.Contains(other, d => d.Kind == "needsHuman" && d.Reason.StartsWith("web-2 needs a human since ", StringComparison.Ordinal));
        Assert.DoesNotContain(held.Concat(other), d => d.Kind == "started");
        Assert.Equal(3, (await api.RunsAsync(RunbookName)).Count);
        // Each failed run escalates as a failed remediation; the trip escalates once, whatever fired after it.
        await Journal.UntilAsync(() => Task.FromResult(server.EscalationsReceived().Count(e => e.Kind == "remediationFailed") >= 3),
            () => Task.FromResult(string.Join("\n", server.EscalationsReceived().Select(e => e.Body))));
        Assert.Equal(1, BreakerEscalations());
        var escalation = JsonDocument.Parse(server.EscalationsReceived().Single(e => e.Kind == "breakerTripped").Body).RootElement;
        Assert.Equal($"Runbooks: breaker tripped for NginxFlapping on web-2 ({RunbookName})", escalation.GetProperty("subject").GetString());

        using var operatorReset = await api.Client.PostAsJsonAsync("/api/v1/alerts/reset", new { key = "web-2", comment = "fixed by hand" });
        Assert.Equal(HttpStatusCode.Forbidden, operatorReset.StatusCode);
        using var admin = server.Api("admin");
        using var reset = await admin.Client.PostAsJsonAsync("/api/v1/alerts/reset", new { key = "web-2", comment = "fixed nginx's config by hand" });
        Assert.True(reset.StatusCode == HttpStatusCode.OK, await reset.Content.ReadAsStringAsync());

        Assert.DoesNotContain((await api.GetJsonAsync("/api/v1/alerts/needs-human")).EnumerateArray(), m => m.GetProperty("target").GetString() == "web-2");
        var afterReset = (await api.AcceptedAsync(Alert(firing.AddMinutes(6))))[0];
        Assert.Contains(afterReset, d => d.Kind == "started");
        await api.WaitForEndedRunsAsync(RunbookName, 4);
        Assert.Equal(4, server.Fleet.Calls().Count(c => c.Host == "web-2" && c.Line == "systemctl restart -- nginx"));
    }
}
