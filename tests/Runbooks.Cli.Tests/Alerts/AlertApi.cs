using System.Net;
using System.Text;
using System.Text.Json;
using Runbooks.Cli.Tests.Workers;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>The alert routes of the server's API, read the way an operator's tooling reads them.</summary>
internal sealed class AlertApi(HttpClient client, Func<string> serverLog) : IDisposable
{
    private static readonly string[] Ended = ["succeeded", "failed", "cancelled"];

    public HttpClient Client => client;

    /// <summary>Posts an Alertmanager notification; returns the answer's status and JSON text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> NotifyAsync(string body, string path = "/api/v1/alerts/alertmanager")
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a notification that must be accepted; returns the decisions of its alerts, in order.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<(string Kind, string Reason, string? RunId)>>> AcceptedAsync(params NotifiedAlert[] alerts)
    {
        var (status, body) = await NotifyAsync(AlertmanagerBody.Of(alerts));
        Assert.True(status == HttpStatusCode.Accepted, $"{(int)status}: {body}");
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("alerts").EnumerateArray().Select(a =>
            (IReadOnlyList<(string, string, string?)>)[.. a.GetProperty("decisions").EnumerateArray().Select(d =>
                (d.GetProperty("kind").GetString()!, d.GetProperty("reason").GetString()!, d.TryGetProperty("runId", out var run) ? run.GetString() : null))])];
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    /// <summary>Decisions, newest first, filtered as the query string says.</summary>
    public async Task<IReadOnlyList<Decided>> DecisionsAsync(string? runbook = null, string? kind = null, string? fingerprint = null)
    {
        var query = new[] { ("runbook", runbook), ("kind", kind), ("fingerprint", fingerprint) }
            .Where(q => q.Item2 is not null).Select(q => $"&{q.Item1}={Uri.EscapeDataString(q.Item2!)}");
        var rows = await GetJsonAsync("/api/v1/alerts/decisions?limit=1000" + string.Concat(query));
        return [.. rows.EnumerateArray().Select(row =>
        {
            var d = row.GetProperty("decision");
            return new Decided(row.GetProperty("seq").GetInt64(), row.GetProperty("alertSeq").GetInt64(), row.GetProperty("fingerprint").GetString()!,
                d.GetProperty("kind").GetString()!, d.GetProperty("reason").GetString()!,
                d.TryGetProperty("runbook", out var rb) ? rb.GetString() : null, d.TryGetProperty("runId", out var run) ? run.GetString() : null,
                d.TryGetProperty("targets", out var t) ? [.. t.EnumerateArray().Select(x => x.GetString()!)] : []);
        })];
    }

    /// <summary>The runs of a runbook (runId, status), newest first.</summary>
    public async Task<IReadOnlyList<(string RunId, string Status, string Trigger)>> RunsAsync(string runbook)
    {
        var runs = await GetJsonAsync($"/api/v1/runs?runbook={Uri.EscapeDataString(runbook)}&limit=1000");
        return [.. runs.EnumerateArray().Select(r => (r.GetProperty("runId").GetString()!, r.GetProperty("status").GetString()!, r.GetProperty("trigger").GetString()!))];
    }

    public async Task<string> RunStatusAsync(string runId) =>
        (await GetJsonAsync($"/api/v1/runs/{runId}")).GetProperty("run").GetProperty("status").GetString()!;

    /// <summary>Waits until the runbook has <paramref name="count"/> runs and every one has ended; returns them.</summary>
    public async Task<IReadOnlyList<(string RunId, string Status, string Trigger)>> WaitForEndedRunsAsync(string runbook, int count)
    {
        IReadOnlyList<(string RunId, string Status, string Trigger)> runs = [];
        await Journal.UntilAsync(async () =>
        {
            runs = await RunsAsync(runbook);
            return runs.Count >= count && runs.All(r => Ended.Contains(r.Status));
        }, () => Task.FromResult($"runs of {runbook}: {string.Join(", ", runs.Select(r => $"{r.RunId} {r.Status}"))}\n{serverLog()}"));
        return runs;
    }

    /// <summary>Waits until a decision matching <paramref name="predicate"/> is listed; returns it.</summary>
    public async Task<Decided> WaitForDecisionAsync(Func<Decided, bool> predicate, string? runbook = null, string? kind = null, string? fingerprint = null)
    {
        Decided? found = null;
        IReadOnlyList<Decided> seen = [];
        await Journal.UntilAsync(async () =>
        {
            seen = await DecisionsAsync(runbook, kind, fingerprint);
            found = seen.FirstOrDefault(predicate);
            return found is not null;
        }, () => Task.FromResult($"decisions: {string.Join("\n", seen.Take(20))}\n{serverLog()}"));
        return found!;
    }

    public void Dispose() => client.Dispose();
}
