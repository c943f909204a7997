using System.Text.RegularExpressions;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>
/// An alert cannot point Runbooks at a host the inventory does not list: the decision is <c>rejected</c> with the reason,
/// no run is queued, and none of the sshd hosts sees a connection.
/// </summary>
[Collection(AlertE2eGroup.Name)]
public sealed partial class OutsideInventoryTests(AlertE2eFixture server)
{
    private const string Runbook = """
        name: restart-anywhere
        description: Restarts a service on the host the alert names.
        parameters:
          host: { type: string, required: true }
        targets:
          hosts: ["{{ params.host }}"]
        triggers:
          - alert:
              match: { alertname: ForeignHostDown }
              params: { host: "{{ alert.labels.instance | string.split ':' | array.first }}" }
        steps:
          - id: restart
            action: service.restart
            with: { name: nginx }
        """;

    private int Connections() => server.Fleet.Servers.Sum(s => ConnectionLine().Count(s.LogText));

    [Theory]
    [InlineData("db-9", "db-9:9100")]
    [InlineData("127.0.0.1", "127.0.0.1:22")]
    [InlineData("web-1.evil.example", "web-1.evil.example:9100")]
    public async Task Alert_HostOutsideTheInventory_IsRejectedAndNothingConnects(string host, string instance)
    {
        server.WriteRunbook("restart-anywhere.yaml", Runbook);
        using var api = server.Api("operator");
        var before = Connections();

        var decided = (await api.AcceptedAsync(new NotifiedAlert(
            new Dictionary<string, string> { ["alertname"] = "ForeignHostDown", ["instance"] = instance }, DateTimeOffset.UtcNow)))[0];

        var rejected = Assert.Single(decided, d => d.Kind == "rejected");
        Assert.StartsWith($"host '{host}' is not in the inventory (inventory.yaml)", rejected.Reason, StringComparison.Ordinal);
        Assert.EndsWith("nothing connects to a host the inventory does not list", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(decided, d => d.Kind == "started");
        Assert.Empty(await api.RunsAsync("restart-anywhere"));
        Assert.Equal(before, Connections());
    }

    [GeneratedRegex("Connection from 127\\.0\\.0\\.1 port [0-9]+ on 127\\.0\\.0\\.1 port [0-9]+")]
    private static partial Regex ConnectionLine();
}
