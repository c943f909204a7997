using System.Globalization;
using System.Text;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>
/// Alert labels are data: 200 hostile values reach commands on the sshd host web-3 as arguments (argv), as quoted shell
/// words (<c>| shell.quote</c>) and as file content, and none of them runs anything — no canary file exists anywhere, each
/// value arrives exactly as sent (template code included), and values holding control characters, NUL, 64 KB or what a
/// parameter's pattern forbids are rejected with the reason.
/// </summary>
[Collection(AlertE2eGroup.Name)]
public sealed class HostileLabelTests(AlertE2eFixture server) : IDisposable
{
    private const string RunbookName = "hostile-labels";
    private static readonly string[] Slots = ["a", "b", "c", "d", "e", "f", "g", "h"];
    private const string UnitPattern = "[A-Za-z0-9][A-Za-z0-9@:._-]*";

    private readonly string _work = Directory.CreateTempSubdirectory("runbooks-hostile-").FullName;

    private string Canaries => Path.Combine(_work, "canaries");

    private string Output => Path.Combine(_work, "out");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Runbook()
    {
        var yaml = new StringBuilder();
        yaml.Append("name: hostile-labels\ndescription: Hands alert labels to commands on web-3.\nparameters:\n");
        foreach (var slot in Slots)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  {slot}: {{ type: string, required: true }}\n");
        }
        yaml.Append(CultureInfo.InvariantCulture, $"  unit: {{ type: string, default: nginx, pattern: \"{UnitPattern}\" }}\n");
        yaml.Append("targets:\n  hosts: [web-3]\ntriggers:\n  - alert:\n      match: { alertname: HostileLabels }\n");
        yaml.Append("      cooldown: 0s\n      maxRuns: { count: 1000, per: 1h }\n      params:\n");
        foreach (var slot in Slots.Append("unit"))
        {
            yaml.Append(CultureInfo.InvariantCulture, $"        {slot}: \"{{{{ alert.labels.{slot} }}}}\"\n");
        }
        var argv = string.Join(", ", Slots.Select(s => $"\"{{{{ params.{s} }}}}\""));
        var quoted = string.Join(' ', Slots.Select(s => $"{{{{ params.{s} | shell.quote }}}}"));
        yaml.Append("steps:\n");
        yaml.Append(CultureInfo.InvariantCulture, $"  - id: argv\n    action: ssh.command\n    with: {{ argv: [record, {argv}] }}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"  - id: quoted\n    action: ssh.command\n    with: {{ command: \"record2 {quoted}\" }}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"  - id: write\n    action: ssh.command\n    with: {{ command: \"printf '%s\\\\n' {quoted} > {Output}/{{{{ run.id }}}}.txt\" }}\n");
        yaml.Append("  - id: unit\n    action: ssh.command\n    with: { command: \"record3 {{ params.unit }}\" }\n");
        return yaml.ToString();
    }

    private static NotifiedAlert Alert(int batch, IReadOnlyDictionary<string, string> values, DateTimeOffset at)
    {
        var labels = new Dictionary<string, string>(values, StringComparer.Ordinal) { ["alertname"] = "HostileLabels", ["batch"] = batch.ToString(CultureInfo.InvariantCulture) };
        return new NotifiedAlert(labels, at);
    }

    private static Dictionary<string, string> Filled(string slot, string value) =>
        Slots.ToDictionary(s => s, s => s == slot ? value : "ok", StringComparer.Ordinal);

    [Fact]
    public async Task HostileLabels_TwoHundredValues_RunNothingArriveLiterallyOrAreRejectedWithTheReason()
    {
        Directory.CreateDirectory(Canaries);
        Directory.CreateDirectory(Output);
        server.WriteRunbook("hostile-labels.yaml", Runbook());
        using var api = server.Api("operator");
        var hostile = new HostileValues(Canaries).All();
        Assert.Equal(200, hostile.Count);
        var accepted = hostile.Where(v => !v.Any(char.IsControl)).ToList();
        var at = DateTimeOffset.UtcNow;

        // Values a parameter may hold: eight per alert, one run each.
        var batches = accepted.Chunk(Slots.Length)
            .Select(chunk => Slots.Select((s, i) => (s, i < chunk.Length ? chunk[i] : "pad")).ToDictionary(p => p.s, p => p.Item2, StringComparer.Ordinal))
            .ToList();
        var alerts = batches.Select((values, i) => Alert(i, values, at)).ToArray();
        var decided = await api.AcceptedAsync(alerts);
        var runIds = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        for (var i = 0; i < alerts.Length; i++)
        {
            var started = decided[i].Where(d => d.Kind == "started").ToList();
            Assert.True(started.Count == 1, $"alert {i}: {string.Join("; ", decided[i])}");
            runIds[started[0].RunId!] = batches[i];
        }

        // Values nobody may hold, one per alert so that each reason is its own.
        var big = new string('A', 65536) + $"$(touch {Canaries}/big)";
        var refused = new List<(Dictionary<string, string> Labels, string Reason)>();
        foreach (var value in hostile.Where(v => v.Any(char.IsControl)))
        {
            refused.Add((Filled("c", value), $"parameter 'c': the value from the alert holds a control character (U+000A) at position {value.IndexOf('\n', StringComparison.Ordinal) + 1}; control characters and line breaks are not accepted in parameters"));
        }
        refused.Add((Filled("c", $"tab\there $(touch {Canaries}/tab)"), "parameter 'c': the value from the alert holds a control character (U+0009) at position 4; control characters and line breaks are not accepted in parameters"));
        refused.Add((Filled("c", "\u001b[31mred"), "parameter 'c': the value from the alert holds a control character (U+001B) at position 1; control characters and line breaks are not accepted in parameters"));
        refused.Add((Filled("c", "ok\rtouch x"), "parameter 'c': the value from the alert holds a control character (U+000D) at position 3; control characters and line breaks are not accepted in parameters"));
        refused.Add((Filled("c", "nul\0$(touch x)"), "label 'c' contains a NUL character, which no value may hold"));
        refused.Add((Filled("c", big), $"label 'c' is {Encoding.UTF8.GetByteCount(big)} bytes long; at most 1024 bytes are accepted (Runbooks:Alerts:Limits:MaxLabelValueBytes)"));
        foreach (var unit in new[] { "-rf", "--help", "nginx;reboot", $"$(touch {Canaries}/unit)", "nginx nginx" })
        {
            refused.Add((new Dictionary<string, string>(Filled("c", "ok"), StringComparer.Ordinal) { ["unit"] = unit },
                $"parameter 'unit': '{unit}' does not match the pattern {UnitPattern} (the whole value must match)"));
        }
        var refusedAlerts = refused.Select((r, i) => Alert(1000 + i, r.Labels, at)).ToArray();
        var refusedDecided = await api.AcceptedAsync(refusedAlerts);
        for (var i = 0; i < refused.Count; i++)
        {
            var rejected = refusedDecided[i].Where(d => d.Kind == "rejected").Select(d => d.Reason).ToList();
            Assert.True(rejected.Count == 1 && rejected[0] == refused[i].Reason,
                $"alert {i}: expected rejected '{refused[i].Reason}', got {string.Join("; ", refusedDecided[i])}");
            Assert.DoesNotContain(refusedDecided[i], d => d.Kind == "started");
        }

        var runs = await api.WaitForEndedRunsAsync(RunbookName, runIds.Count);
        Assert.Equal(runIds.Count, runs.Count);
        Assert.All(runs, r => Assert.True(r.Status == "succeeded", $"run {r.RunId} {r.Status}\n{server.Log}"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Canaries));
        var calls = server.Fleet.Calls().Where(c => c.Host == "web-3").ToList();
        Assert.DoesNotContain(calls, c => c.Command == "touch");
        var expected = runIds.Values.Select(v => string.Join('\u0001', Slots.Select(s => v[s]))).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, calls.Where(c => c.Command == "record").Select(c => string.Join('\u0001', c.Args)).Order(StringComparer.Ordinal));
        Assert.Equal(expected, calls.Where(c => c.Command == "record2").Select(c => string.Join('\u0001', c.Args)).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Repeat("nginx", runIds.Count), calls.Where(c => c.Command == "record3").Select(c => string.Join(' ', c.Args)));
        foreach (var (runId, values) in runIds)
        {
            var written = await File.ReadAllTextAsync(Path.Combine(Output, runId + ".txt"));
            Assert.Equal(string.Concat(Slots.Select(s => values[s] + "\n")), written);
        }
        Assert.Contains(calls, c => c.Command == "record" && c.Args.Contains("{{ 7*7 }} $(touch " + Canaries + "/canary-0-12)"));
        Assert.Contains(calls, c => c.Command == "record" && c.Args.Contains("--help"));
    }
}
