using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>
/// A notification storm straight at the server's Alertmanager endpoint: 10,000 notifications over 50 fingerprints, many at
/// once, start exactly 50 runs, every notification answered 202; firing again inside the cooldown starts nothing.
/// </summary>
[Collection(AlertE2eGroup.Name)]
public sealed class AlertStormTests(AlertE2eFixture server)
{
    private const string RunbookName = "storm-remediation";
    private const int Fingerprints = 50;
    private const int Notifications = 10_000;

    private const string Runbook = """
        name: storm-remediation
        description: Notes the alert; runs on the Runbooks machine.
        triggers:
          - alert:
              match: { alertname: AlertStorm }
              cooldown: 1h
        steps:
          - id: note
            action: log
            with: { message: "remediating" }
        """;

    private static NotifiedAlert Alert(int i, DateTimeOffset startsAt) => new(new Dictionary<string, string>
    {
        ["alertname"] = "AlertStorm",
        ["instance"] = "storm-" + i.ToString("00", CultureInfo.InvariantCulture),
    }, startsAt);

    [Fact]
    public async Task Storm_TenThousandNotificationsOverFiftyFingerprints_StartsExactlyFiftyRunsThenCoolsDown()
    {
        server.WriteRunbook("storm-remediation.yaml", Runbook);
        using var api = server.Api("operator");
        var firstFiring = DateTimeOffset.UtcNow.AddMinutes(-5);
        var bodies = Enumerable.Range(0, Fingerprints).Select(i => AlertmanagerBody.Of(Alert(i, firstFiring))).ToArray();
        var refused = new ConcurrentBag<string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Notifications), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (n, _) =>
        {
            var (status, body) = await api.NotifyAsync(bodies[n % Fingerprints]);
            if (status != HttpStatusCode.Accepted)
            {
                refused.Add($"{(int)status} {body}");
            }
        });

        Assert.True(refused.IsEmpty, $"{refused.Count} notification(s) not answered 202, e.g. {refused.FirstOrDefault()}");
        var runs = await api.WaitForEndedRunsAsync(RunbookName, Fingerprints);
        Assert.Equal(Fingerprints, runs.Count);
        Assert.All(runs, r => Assert.Equal("succeeded", r.Status));
        var started = await api.DecisionsAsync(RunbookName, "started");
        Assert.Equal(Fingerprints, started.Count);
        Assert.Equal(Fingerprints, started.Select(d => d.Fingerprint).Distinct().Count());
        Assert.Equal(runs.Select(r => r.RunId).Order(), started.Select(d => d.RunId!).Order());

        // The same alerts fire again (a new startsAt: a new firing, not a repeat) while the cooldown holds.
        var again = DateTimeOffset.UtcNow;
        var cooled = new ConcurrentBag<(string Kind, string Reason, string? RunId)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Fingerprints), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            foreach (var decision in (await api.AcceptedAsync(Alert(i, again)))[0])
            {
                cooled.Add(decision);
            }
        });

        Assert.Equal(Fingerprints, cooled.Count(d => d.Kind == "cooldown"));
        Assert.DoesNotContain(cooled, d => d.Kind == "started");
        Assert.All(cooled.Where(d => d.Kind == "cooldown"), d => Assert.Matches(
            @"^run \S+ for this alert ended \S+ \S+ \(succeeded\); the cooldown of 1h lasts until \S+ \S+$", d.Reason));
        Assert.Equal(Fingerprints, (await api.RunsAsync(RunbookName)).Count);
        Assert.Equal(Fingerprints, (await api.DecisionsAsync(RunbookName, "cooldown")).Count);
    }
}
