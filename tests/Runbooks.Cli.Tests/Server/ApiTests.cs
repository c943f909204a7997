using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Runbooks.Cli.Tests.Workers;

namespace Runbooks.Cli.Tests.Server;

/// <summary>The REST API of a real <c>runbooks serve</c>, over HTTP on loopback, with real keys.</summary>
public sealed class ApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private static string Runbook(string name, string echo) =>
        $"name: {name}\ndescription: says {echo}\nsteps:\n  - id: hello\n    action: shell\n    with: {{ argv: [echo, {echo}] }}\n";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private async Task<string> WaitForStatusAsync(HttpClient client, string runId, params string[] statuses)
    {
        var status = "";
        await Journal.UntilAsync(async () =>
        {
            var run = await JsonAsync(await client.GetAsync($"/api/v1/runs/{runId}"));
            status = run.GetProperty("run").GetProperty("status").GetString()!;
            return statuses.Contains(status);
        }, () => Task.FromResult($"run {runId} is {status}\n{server.Log}"));
        return status;
    }

    [Fact]
    public async Task Health_NoKey_AnswersOkAndReady()
    {
        using var client = server.Client(null);

        Assert.Equal("ok\n", await client.GetStringAsync("/healthz"));
        Assert.Equal("ready\n", await client.GetStringAsync("/readyz"));
    }

    [Fact]
    public async Task Runs_NoKey_Is401ProblemSayingWhatToSend()
    {
        using var client = server.Client(null);

        var response = await client.GetAsync("/api/v1/runs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        var problem = await JsonAsync(response);
        Assert.StartsWith("this route needs an API key: send 'Authorization: Bearer <key>'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_RevokedOrForgedKey_Is401()
    {
        using var client = server.Client(null);
        var forged = server.Keys["admin"][..^4] + "AAAA";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/runs") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", forged) } };

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StartRun_ViewerKey_Is403NamingTheRoleNeeded()
    {
        using var client = server.Client("viewer");

        var response = await client.PostAsJsonAsync("/api/v1/runs", new { runbook = "anything" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("this route needs the operator role or higher; the key viewer-key has viewer", (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SaveRunbook_CreateUpdateConflictDelete_WritesTheFileAndRecordsEachVersion()
    {
        using var client = server.Client("operator");
        var created = await client.PostAsync("/api/v1/runbooks", Yaml(Runbook("api-saved", "one")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = created.Headers.ETag!.Tag.Trim('"');
        Assert.Equal(Runbook("api-saved", "one"), await File.ReadAllTextAsync(Path.Combine(server.Workflows, "api-saved.yaml")));

        var again = await client.PostAsync("/api/v1/runbooks", Yaml(Runbook("api-saved", "one")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var noPrecondition = await client.PutAsync("/api/v1/runbooks/api-saved", Yaml(Runbook("api-saved", "two")));
        Assert.Equal(HttpStatusCode.PreconditionRequired, noPrecondition.StatusCode);

        using var update = new HttpRequestMessage(HttpMethod.Put, "/api/v1/runbooks/api-saved") { Content = Yaml(Runbook("api-saved", "two")) };
        update.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{first}\""));
        var updated = await client.SendAsync(update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var second = updated.Headers.ETag!.Tag.Trim('"');

        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/runbooks/api-saved") { Content = Yaml(Runbook("api-saved", "three")) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{first}\""));
        var conflict = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var problem = await JsonAsync(conflict);
        Assert.Equal(second, problem.GetProperty("currentHash").GetString());
        Assert.Equal($"runbook api-saved changed since you read it: you edited version {first}, the file is now version {second}; reload it, merge your change and save again",
            problem.GetProperty("detail").GetString());
        Assert.Contains("two", await File.ReadAllTextAsync(Path.Combine(server.Workflows, "api-saved.yaml")), StringComparison.Ordinal);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/runbooks/api-saved");
        delete.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{second}\""));
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(delete)).StatusCode);
        Assert.False(File.Exists(Path.Combine(server.Workflows, "api-saved.yaml")));

        var history = await JsonAsync(await client.GetAsync("/api/v1/runbooks/api-saved/history"));
        Assert.Equal([(string?)null, second, first], history.EnumerateArray().Select(s => s.TryGetProperty("contentHash", out var hash) ? hash.GetString() : null));
        Assert.All(history.EnumerateArray(), s => Assert.Equal("operator-key", s.GetProperty("savedBy").GetString()));
    }

    [Fact]
    public async Task SaveRunbook_Invalid_Is422WithEveryProblemAtItsLineAndColumn()
    {
        using var client = server.Client("operator");

        var response = await client.PostAsync("/api/v1/runbooks", Yaml("name: broken\nsteps:\n  - id: a\n    action: no.such.action\n"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = Assert.Single((await JsonAsync(response)).GetProperty("problems").EnumerateArray());
        Assert.Equal((4, 13, "steps[0].action"), (problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetInt32(), problem.GetProperty("path").GetString()));
        Assert.StartsWith("unknown action 'no.such.action'", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(server.Workflows, "broken.yaml")));
    }

    [Fact]
    public async Task SaveRunbook_AsJsonDocument_IsWrittenAsYamlAndReadBackAsTheSameDocument()
    {
        using var client = server.Client("operator");
        var document = new
        {
            name = "from-json",
            steps = new[] { new { id = "hello", action = "shell", with = new { argv = new[] { "echo", "true", "42" } } } },
        };

        var created = await client.PostAsJsonAsync("/api/v1/runbooks", new { document });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var read = await JsonAsync(await client.GetAsync("/api/v1/runbooks/from-json"));
        Assert.Equal(JsonSerializer.Serialize(document), read.GetProperty("document").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        var yaml = await File.ReadAllTextAsync(Path.Combine(server.Workflows, "from-json.yaml"));
        Assert.Matches("- [\"']true[\"']\n", yaml); // a string that looks like a boolean is quoted, so it stays a string
    }

    [Fact]
    public async Task StartRun_WithAClientToken_RunsOnceAndAnswersTheSameRunOnRetry()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Workflows, "api-run.yaml"), Runbook("api-run", "from-the-api"));
        using var client = server.Client("operator");

        var first = await client.PostAsJsonAsync("/api/v1/runs", new { runbook = "api-run", clientToken = "retry-1" });
        var retry = await client.PostAsJsonAsync("/api/v1/runs", new { runbook = "api-run", clientToken = "retry-1" });
        var reused = await client.PostAsJsonAsync("/api/v1/runs", new { runbook = "api-run", clientToken = "retry-1", dryRun = true });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        var runId = (await JsonAsync(first)).GetProperty("runId").GetString()!;
        var replayed = await JsonAsync(retry);
        Assert.Equal(runId, replayed.GetProperty("runId").GetString());
        Assert.True(replayed.GetProperty("replayed").GetBoolean());
        Assert.Equal("succeeded", await WaitForStatusAsync(client, runId, "succeeded", "failed"));
        Assert.Contains("from-the-api", await client.GetStringAsync($"/api/v1/runs/{runId}/logs"), StringComparison.Ordinal);
        var runs = await JsonAsync(await client.GetAsync("/api/v1/runs?runbook=api-run&trigger=api"));
        Assert.Equal([runId], runs.EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal("api:operator-key", runs[0].GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task RunEvents_OfARun_StreamAsServerSentEventsUntilTheEnd()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Workflows, "api-events.yaml"), Runbook("api-events", "streamed"));
        using var client = server.Client("operator");
        var runId = (await JsonAsync(await client.PostAsJsonAsync("/api/v1/runs", new { runbook = "api-events" }))).GetProperty("runId").GetString()!;

        using var stream = await client.GetAsync($"/api/v1/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead);
        var text = await stream.Content.ReadAsStringAsync(); // the server ends the stream when the run ends

        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.Contains("event: run\ndata: {", text, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"run.queued\"", text, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"run.finished\"", text, StringComparison.Ordinal);
        Assert.EndsWith($"event: end\ndata: {{\"runId\":\"{runId}\",\"status\":\"succeeded\"}}\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveRun_ApproverKey_GateOpensAndTheRunEnds()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Workflows, "api-gate.yaml"),
            "name: api-gate\nsteps:\n  - id: gate\n    action: approval\n    with: { approvers: [approver-key], timeout: 1h }\n" +
            "  - id: after\n    action: shell\n    with: { argv: [echo, approved] }\n");
        using var operatorClient = server.Client("operator");
        using var approver = server.Client("approver");
        var runId = (await JsonAsync(await operatorClient.PostAsJsonAsync("/api/v1/runs", new { runbook = "api-gate" }))).GetProperty("runId").GetString()!;
        await WaitForStatusAsync(operatorClient, runId, "suspended");

        var byOperator = await operatorClient.PostAsJsonAsync($"/api/v1/runs/{runId}/approve", new { comment = "looks fine" });
        var noComment = await approver.PostAsJsonAsync($"/api/v1/runs/{runId}/approve", new { comment = "" });
        var approved = await approver.PostAsJsonAsync($"/api/v1/runs/{runId}/approve", new { comment = "change CHG-1 approved" });

        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("succeeded", await WaitForStatusAsync(operatorClient, runId, "succeeded", "failed"));
        var record = await JsonAsync(await operatorClient.GetAsync($"/api/v1/runs/{runId}"));
        var decision = Assert.Single(record.GetProperty("approvals")[0].GetProperty("decisions").EnumerateArray());
        Assert.Equal(("approver-key", "change CHG-1 approved"), (decision.GetProperty("by").GetString(), decision.GetProperty("comment").GetString()));
    }

    [Fact]
    public async Task CancelRun_Suspended_EndsCancelledWithWhoAndWhy()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Workflows, "api-cancel.yaml"),
            "name: api-cancel\nsteps:\n  - id: gate\n    action: approval\n    with: { approvers: [nobody], timeout: 1h }\n");
        using var client = server.Client("operator");
        var runId = (await JsonAsync(await client.PostAsJsonAsync("/api/v1/runs", new { runbook = "api-cancel" }))).GetProperty("runId").GetString()!;
        await WaitForStatusAsync(client, runId, "suspended");

        var cancelled = await client.PostAsJsonAsync($"/api/v1/runs/{runId}/cancel", new { comment = "not needed any more" });
        var again = await client.PostAsJsonAsync($"/api/v1/runs/{runId}/cancel", new { comment = "twice" });

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var run = (await JsonAsync(await client.GetAsync($"/api/v1/runs/{runId}"))).GetProperty("run");
        Assert.Equal(("cancelled", "cancelled by operator-key: not needed any more"), (run.GetProperty("status").GetString(), run.GetProperty("statusReason").GetString()));
    }

    [Fact]
    public async Task CancelRun_WhileAStepRuns_TheWorkerStopsItAndFinallyStepsRun()
    {
        var ledger = Path.Combine(server.Dir.Path, "cancel-ledger.txt");
        await File.WriteAllTextAsync(Path.Combine(server.Workflows, "api-cancel-running.yaml"),
            "name: api-cancel-running\nsteps:\n" +
            $"  - id: long\n    action: shell\n    with: {{ argv: [sh, -c, \"echo start >> {ledger}; sleep 60; echo end >> {ledger}\"] }}\n" +
            $"finally:\n  - id: cleanup\n    action: shell\n    with: {{ argv: [sh, -c, \"echo cleanup >> {ledger}\"] }}\n");
        using var client = server.Client("operator");
        var runId = (await JsonAsync(await client.PostAsJsonAsync("/api/v1/runs", new { runbook = "api-cancel-running" }))).GetProperty("runId").GetString()!;
        await Journal.UntilAsync(() => Task.FromResult(File.Exists(ledger) && File.ReadAllText(ledger).Contains("start", StringComparison.Ordinal)), () => Task.FromResult(server.Log));

        var requested = await client.PostAsJsonAsync($"/api/v1/runs/{runId}/cancel", new { comment = "wrong host" });

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal("cancelRequested", (await JsonAsync(requested)).GetProperty("status").GetString());
        Assert.Equal("cancelled", await WaitForStatusAsync(client, runId, "cancelled", "succeeded", "failed"));
        Assert.Equal(["start", "cleanup"], await File.ReadAllLinesAsync(ledger));
        var events = (await JsonAsync(await client.GetAsync($"/api/v1/runs/{runId}"))).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("run.cancelRequested", events);
    }

    [Fact]
    public async Task Secret_UsedByARunStartedThroughTheApi_AppearsInNoAnswer()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Workflows, "api-secret.yaml"),
            "name: api-secret\nsteps:\n" +
            "  - id: use\n    action: shell\n    with: { argv: [sh, -c, \"echo token=$0; echo token=$0 >&2\", \"{{ secrets.api_token }}\"] }\n");
        using var client = server.Client("operator");
        var runId = (await JsonAsync(await client.PostAsJsonAsync("/api/v1/runs", new { runbook = "api-secret" }))).GetProperty("runId").GetString()!;
        Assert.Equal("succeeded", await WaitForStatusAsync(client, runId, "succeeded", "failed"));

        var answers = new List<string>();
        foreach (var path in new[] { $"/api/v1/runs/{runId}", $"/api/v1/runs/{runId}/steps", $"/api/v1/runs/{runId}/logs", $"/api/v1/runs/{runId}/events", "/api/v1/runs?limit=1000", "/api/v1/runbooks/api-secret", "/metrics" })
        {
            answers.Add(await client.GetStringAsync(path));
        }

        Assert.All(answers, answer => Assert.DoesNotContain(ServerFixture.SecretValue, answer, StringComparison.Ordinal));
        Assert.Contains("token=***", answers[2], StringComparison.Ordinal);
        Assert.DoesNotContain(ServerFixture.SecretValue, server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartRun_SecretParameterGiven_Is422SayingSecretsAreNeverStored()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Workflows, "api-secret-param.yaml"),
            "name: api-secret-param\nparameters:\n  token: { type: secret, required: true }\nsteps:\n  - id: use\n    action: shell\n    with: { argv: [echo, ok] }\n");
        using var client = server.Client("operator");

        var response = await client.PostAsJsonAsync("/api/v1/runs", new { runbook = "api-secret-param", parameters = new { token = "hunter3" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("parameter 'token' is a secret, and secret parameters are never stored, so a queued run cannot carry one", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter3", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedules_PausedThroughTheApi_StopFiringUntilResumedAndTriggerNowStillRuns()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Workflows, "api-ticker.yaml"),
            "name: api-ticker\ntriggers:\n  - schedule: { id: often, cron: \"*/2 * * * * *\" }\nsteps:\n  - id: tick\n    action: shell\n    with: { argv: [echo, tick] }\n");
        using var client = server.Client("operator");
        async Task<int> FiredAsync() => (await JsonAsync(await client.GetAsync("/api/v1/runs?runbook=api-ticker&trigger=schedule&limit=1000"))).GetArrayLength();
        await Journal.UntilAsync(async () => await FiredAsync() >= 1, () => Task.FromResult(server.Log));

        var paused = await client.PostAsJsonAsync("/api/v1/schedules/api-ticker/often/pause", new { comment = "noisy" });
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var listed = (await JsonAsync(await client.GetAsync("/api/v1/schedules"))).EnumerateArray().Single(e => e.GetProperty("id").GetString() == "api-ticker/often");
        Assert.Equal(("operator-key", "noisy"), (listed.GetProperty("paused").GetProperty("pausedBy").GetString(), listed.GetProperty("paused").GetProperty("reason").GetString()));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a firing already under way when the pause landed may still finish
        var settled = await FiredAsync();
        await Journal.UntilAsync(() => Task.FromResult(server.Log.Contains("Schedule api-ticker/often fired and did not run: paused by operator-key", StringComparison.Ordinal)),
            () => Task.FromResult(server.Log));
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(settled, await FiredAsync());

        var triggered = await client.PostAsync("/api/v1/schedules/api-ticker/often/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
        var manualRun = (await JsonAsync(triggered)).GetProperty("runId").GetString()!;
        Assert.Equal("succeeded", await WaitForStatusAsync(client, manualRun, "succeeded", "failed"));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/schedules/api-ticker/often/resume", null)).StatusCode);
        await Journal.UntilAsync(async () => await FiredAsync() > settled, () => Task.FromResult(server.Log));
        File.Delete(Path.Combine(server.Workflows, "api-ticker.yaml"));
    }

    [Fact]
    public async Task Dashboard_OnlyAdminKeysOpenIt()
    {
        using var client = server.Client(null);

        var anonymous = await client.GetAsync("/hangfire");
        var byOperator = await client.SendAsync(Basic("/hangfire", server.Keys["operator"]));
        var byAdmin = await client.SendAsync(Basic("/hangfire", server.Keys["admin"]));
        var forwarded = new HttpRequestMessage(HttpMethod.Get, "/hangfire") { Headers = { { "X-Forwarded-For", "127.0.0.1" }, { "X-Forwarded-User", "admin" } } };
        var spoofed = await client.SendAsync(forwarded);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, spoofed.StatusCode);
    }

    [Fact]
    public async Task Metrics_ViewerKey_ReportsRunsQueueDepthStepDurationsAndAlerts()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Workflows, "api-metrics.yaml"), Runbook("api-metrics", "measured"));
        using var operatorClient = server.Client("operator");
        var runId = (await JsonAsync(await operatorClient.PostAsJsonAsync("/api/v1/runs", new { runbook = "api-metrics" }))).GetProperty("runId").GetString()!;
        Assert.Equal("succeeded", await WaitForStatusAsync(operatorClient, runId, "succeeded", "failed"));
        using var client = server.Client("viewer");

        var text = await client.GetStringAsync("/metrics");

        Assert.Contains("runbooks_step_duration_seconds_count{runbook=\"api-metrics\",action=\"shell\",status=\"succeeded\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("runbooks_runs{runbook=\"api-metrics\",status=\"succeeded\",trigger=\"api\"} 1", text, StringComparison.Ordinal);

        Assert.Contains("# TYPE runbooks_queue_depth gauge", text, StringComparison.Ordinal);
        Assert.Contains("runbooks_queue_depth{queue=\"remediation\"}", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE runbooks_runs gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE runbooks_step_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE runbooks_alert_decisions gauge", text, StringComparison.Ordinal);
        Assert.Contains("runbooks_breakers_open 0", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRouteAndOversizedBody_AreProblemsWithoutInternals()
    {
        using var client = server.Client("operator");

        var missing = await client.GetAsync("/api/v1/nothing-here");
        // Expect: 100-continue, so the client waits for the server's answer before it sends the body: without it, the 413
        // can arrive, and the server close the connection, while the client is still writing 2 MB (a broken pipe).
        using var oversized = new HttpRequestMessage(HttpMethod.Post, "/api/v1/runbooks/validate") { Content = Yaml(new string('#', 2 * 1024 * 1024)) };
        oversized.Headers.ExpectContinue = true;
        var huge = await client.SendAsync(oversized);
        var badJson = await client.PostAsync("/api/v1/runs", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("the request body is larger than Runbooks:Server:MaxRequestBodyBytes allows", (await JsonAsync(huge)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        var detail = (await JsonAsync(badJson)).GetProperty("detail").GetString()!;
        Assert.StartsWith("the body is not the JSON this route takes: ", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Runbooks.", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("viewer", new[] { "viewer" })]
    [InlineData("operator", new[] { "viewer", "operator" })]
    [InlineData("admin", new[] { "viewer", "operator", "approver", "admin" })]
    public async Task Me_EachRole_AnswersTheKeysNameRoleAndEveryRoleItIncludes(string role, string[] roles)
    {
        using var client = server.Client(role);

        var me = await JsonAsync(await client.GetAsync("/api/v1/me"));

        Assert.Equal($"{role}-key", me.GetProperty("name").GetString());
        Assert.Equal(role, me.GetProperty("role").GetString());
        Assert.Equal(roles, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Me_NoKey_Is401()
    {
        using var client = server.Client(null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    private const string PlannedRunbook =
        "name: api-plan\nparameters:\n  service: { type: string, default: nginx }\n  token: { type: secret }\nsteps:\n" +
        "  - id: restart\n    name: Restart the service\n    action: shell\n    with: { argv: [systemctl, restart, \"{{ params.service }}\"] }\n" +
        "  - id: call\n    action: shell\n    with: { argv: [curl, -H, \"Authorization: {{ secrets.api_token }}\", -H, \"X-Token: {{ params.token }}\", http://127.0.0.1:9/] }\n" +
        "finally:\n  - id: note\n    action: log\n    with: { message: \"done with {{ params.service }}\" }\n";

    [Fact]
    public async Task Plan_YamlWithParameters_AnswersEveryStepRenderedAndRunsNothing()
    {
        using var client = server.Client("operator");

        var response = await client.PostAsJsonAsync("/api/v1/runbooks/plan", new { yaml = PlannedRunbook, parameters = new { service = "apache2", token = "t0k3n-given" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await JsonAsync(response);
        Assert.Equal("api-plan", plan.GetProperty("runbook").GetString());
        Assert.False(plan.TryGetProperty("rollout", out _)); // a local runbook has no rollout
        var target = Assert.Single(plan.GetProperty("targets").EnumerateArray());
        Assert.Equal(("local", "planned"), (target.GetProperty("target").GetString(), target.GetProperty("status").GetString()));
        var steps = target.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["restart", "call", "finally/note"], steps.Select(s => s.GetProperty("path").GetString()));
        Assert.Equal(["restart", "call", "note"], steps.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal("Restart the service", steps[0].GetProperty("name").GetString());
        Assert.False(steps[1].TryGetProperty("name", out _));
        Assert.All(steps, s => Assert.Equal("planned", s.GetProperty("status").GetString()));
        Assert.Equal(["shell", "shell", "log"], steps.Select(s => s.GetProperty("action").GetString()));
        Assert.Equal("run: systemctl restart apache2", steps[0].GetProperty("plan").GetString());
        Assert.Equal("log (info): done with apache2", steps[2].GetProperty("plan").GetString());
        var runs = await JsonAsync(await client.GetAsync("/api/v1/runs?runbook=api-plan"));
        Assert.True(runs.EnumerateArray().All(r => r.GetProperty("dryRun").GetBoolean()), runs.ToString());
    }

    [Fact]
    public async Task Plan_SecretsAndSecretParameters_AreMaskedInEveryRenderedCommand()
    {
        using var client = server.Client("operator");

        var response = await client.PostAsJsonAsync("/api/v1/runbooks/plan", new { yaml = PlannedRunbook, parameters = new { token = "t0k3n-given" } });

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(ServerFixture.SecretValue, body, StringComparison.Ordinal);
        Assert.DoesNotContain("t0k3n-given", body, StringComparison.Ordinal);
        var call = (await JsonAsync(response)).GetProperty("targets")[0].GetProperty("steps")[1];
        Assert.Equal("run: curl -H 'Authorization: ***' -H 'X-Token: ***' http://127.0.0.1:9/", call.GetProperty("plan").GetString());
        Assert.DoesNotContain(ServerFixture.SecretValue, server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_TargetsGiven_PlansEachInventoryHostInInventoryOrderAndConnectsToNone()
    {
        using var client = server.Client("operator");
        var yaml = "name: api-plan-fleet\ntargets: { hosts: [web-1], strategy: { batch: 1 } }\nsteps:\n  - id: hello\n    action: shell\n    with: { argv: [echo, \"{{ target.name }}\"] }\n";

        var response = await client.PostAsJsonAsync("/api/v1/runbooks/plan", new { yaml, targets = new[] { "web-2", "web-1" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await JsonAsync(response);
        Assert.Equal("2 host(s) in 2 batch(es), 1 at a time; the first failed host halts the rollout: no new host starts, hosts already running finish, " +
            "the rest are skipped. batch 1: web-1; batch 2: web-2", plan.GetProperty("rollout").GetString());
        var targets = plan.GetProperty("targets").EnumerateArray().ToList();
        // Resolved like the runbook's own hosts: in inventory order, one batch each (batch: 1); port 9 would refuse a connection.
        Assert.Equal([("web-1", 1), ("web-2", 2)], targets.Select(t => (t.GetProperty("target").GetString(), t.GetProperty("batch").GetInt32())));
        Assert.Equal(["run: echo web-1", "run: echo web-2"], targets.Select(t => t.GetProperty("steps")[0].GetProperty("plan").GetString()));
    }

    [Fact]
    public async Task Plan_UnknownTarget_Is422WithRB0505AndPlansNothing()
    {
        using var client = server.Client("operator");

        var response = await client.PostAsJsonAsync("/api/v1/runbooks/plan", new { yaml = Runbook("api-plan-unknown", "hi"), targets = new[] { "web-3" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("the targets do not resolve against the inventory; nothing was planned", problem.GetProperty("detail").GetString());
        var item = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        Assert.Equal("RB0505", item.GetProperty("code").GetString());
        Assert.StartsWith("host 'web-3' is not in the inventory", item.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty((await JsonAsync(await client.GetAsync("/api/v1/runs?runbook=api-plan-unknown"))).EnumerateArray());
    }

    [Fact]
    public async Task Plan_InvalidRunbook_Is422WithTheSameProblemsAsValidate()
    {
        using var client = server.Client("operator");
        const string Broken = "name: api-plan-broken\nsteps:\n  - id: a\n    action: no.such.action\n  - id: b\n    action: log\n    with: { mesage: hi }\n";

        var plan = await client.PostAsJsonAsync("/api/v1/runbooks/plan", new { yaml = Broken });
        var validate = await client.PostAsync("/api/v1/runbooks/validate", Yaml(Broken));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, plan.StatusCode);
        var problems = (await JsonAsync(plan)).GetProperty("problems");
        Assert.Equal(["RB0101", "RB0102", "RB0201"], problems.EnumerateArray().Select(p => p.GetProperty("code").GetString()).Order());
        Assert.Equal((await JsonAsync(validate)).GetProperty("problems").GetRawText(), problems.GetRawText());
    }

    [Fact]
    public async Task Plan_BadParameterValue_Is422WithTheDiagnostic()
    {
        using var client = server.Client("operator");
        var yaml = "name: api-plan-param\nparameters:\n  count: { type: int, required: true }\nsteps:\n  - id: a\n    action: log\n    with: { message: \"{{ params.count }}\" }\n";

        var response = await client.PostAsJsonAsync("/api/v1/runbooks/plan", new { yaml, parameters = new { count = "many" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("the parameters do not fit the runbook; nothing was planned", problem.GetProperty("detail").GetString());
        Assert.Equal("RB0401", Assert.Single(problem.GetProperty("problems").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Plan_ByName_PlansTheSavedRunbook()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Workflows, "api-plan-saved.yaml"), Runbook("api-plan-saved", "saved"));
        using var client = server.Client("operator");

        var plan = await JsonAsync(await client.PostAsJsonAsync("/api/v1/runbooks/plan", new { name = "api-plan-saved" }));
        var missing = await client.PostAsJsonAsync("/api/v1/runbooks/plan", new { name = "api-plan-nowhere" });
        var both = await client.PostAsJsonAsync("/api/v1/runbooks/plan", new { name = "api-plan-saved", yaml = Runbook("x", "y") });

        Assert.Equal("run: echo saved", plan.GetProperty("targets")[0].GetProperty("steps")[0].GetProperty("plan").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
    }

    [Fact]
    public async Task StartRun_TargetsGivenWithAHostOutsideTheInventory_Is422AndQueuesNothing()
    {
        await File.WriteAllTextAsync(Path.Combine(server.Workflows, "api-run-targets.yaml"), Runbook("api-run-targets", "hi"));
        using var client = server.Client("operator");

        var unknown = await client.PostAsJsonAsync("/api/v1/runs", new { runbook = "api-run-targets", targets = new[] { "web-1", "db-9" } });
        var both = await client.PostAsJsonAsync("/api/v1/runs", new { runbook = "api-run-targets", targets = new[] { "web-1" }, hosts = new[] { "web-1" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var item = Assert.Single((await JsonAsync(unknown)).GetProperty("problems").EnumerateArray());
        Assert.Equal("RB0505", item.GetProperty("code").GetString());
        Assert.StartsWith("host 'db-9' is not in the inventory", item.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Empty((await JsonAsync(await client.GetAsync("/api/v1/runs?runbook=api-run-targets"))).EnumerateArray());
    }

    private static HttpRequestMessage Basic(string path, string key) => new(HttpMethod.Get, path)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("someone:" + key))) },
    };
}
