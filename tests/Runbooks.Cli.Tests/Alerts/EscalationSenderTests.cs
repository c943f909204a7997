using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Runbooks.Core;
using Runbooks.Server.Alerts;
using Runbooks.Storage;
using Runbooks.Storage.Alerts;
using Runbooks.Storage.Sqlite;
using Runbooks.Testing.Http;
using Serilog;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>The escalation senders against a real HTTP server and a real SMTP socket on loopback, and the dispatcher over a real outbox.</summary>
public sealed class EscalationSenderTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 7, 3, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("runbooks-escalation-").FullName;
    private readonly FakeTimeProvider _time = new(Now);
    private readonly HttpClient _http = new();

    private static AlertEscalation Escalation(string channel = "webhook") => new()
    {
        Id = 7, DedupKey = "breaker:1", Channel = channel, Kind = "breakerTripped", CreatedAt = Now, NextAttemptAt = Now,
        Subject = "Runbooks: breaker tripped for NginxDown on web-1 (restart-nginx)",
        Body = new Dictionary<string, object?> { ["runbook"] = "restart-nginx", ["targets"] = new List<object?> { "web-1" }, ["reason"] = "3 automatic run(s)" },
    };

    [Fact]
    public async Task Webhook_SendAsync_PostsTheEscalationAsJson()
    {
        await using var server = LoopbackHttpServer.Start();
        var sender = new WebhookEscalationSender(_http, new Uri(server.Url("/page")), new Dictionary<string, string> { ["X-Team"] = "sre" });

        await sender.SendAsync(Escalation(), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/page", "sre"), (request.Method, request.Path, request.Headers["x-team"]));
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(("breakerTripped", 7, "restart-nginx", "2026-01-07T03:00:00.000000Z"), (json.RootElement.GetProperty("kind").GetString(), json.RootElement.GetProperty("id").GetInt32(),
            json.RootElement.GetProperty("details").GetProperty("runbook").GetString(), json.RootElement.GetProperty("createdAt").GetString()));
    }

    [Fact]
    public async Task Webhook_ServerError_ThrowsWithTheStatus()
    {
        await using var server = LoopbackHttpServer.Start();
        server.Respond("/page", 503, "busy");
        var sender = new WebhookEscalationSender(_http, new Uri(server.Url("/page")));

        var ex = await Assert.ThrowsAsync<RunbooksException>(() => sender.SendAsync(Escalation(), CancellationToken.None));
        Assert.Equal($"the escalation webhook {server.Url("/page")} answered 503 Service Unavailable", ex.Message);
    }

    [Fact]
    public async Task Email_SendAsync_DeliversOverSmtp()
    {
        await using var smtp = new SmtpListener();
        var sender = new EmailEscalationSender(new EmailEscalationOptions
        {
            Host = "127.0.0.1", Port = smtp.Port, Security = "none", From = "runbooks@example.com", To = ["oncall@example.com", "sre@example.com"],
        });

        await sender.SendAsync(Escalation("email"), CancellationToken.None);

        var message = Assert.Single(smtp.Messages);
        Assert.Equal("<runbooks@example.com>", message.From.Split(' ')[0]);
        Assert.Equal(["<oncall@example.com>", "<sre@example.com>"], message.To.Select(t => t.Split(' ')[0]));
        Assert.Contains("Subject: Runbooks: breaker tripped for NginxDown on web-1 (restart-nginx)", message.Data, StringComparison.Ordinal);
        Assert.Contains("targets: web-1", message.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_RecipientRefused_ThrowsSayingWhichServer()
    {
        await using var smtp = new SmtpListener { RejectRecipients = true };
        var sender = new EmailEscalationSender(new EmailEscalationOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "none", From = "a@example.com", To = ["b@example.com"] });

        var ex = await Assert.ThrowsAsync<RunbooksException>(() => sender.SendAsync(Escalation("email"), CancellationToken.None));
        Assert.StartsWith($"the escalation e-mail via 127.0.0.1:{smtp.Port} failed: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatcher_FailingSender_IsRetriedLaterAndNeverThrows()
    {
        await using var server = LoopbackHttpServer.Start();
        server.Respond("/page", 500, "down");
        await using var smtp = new SmtpListener();
        await using var store = await JournalStore.OpenAsync(new SqliteJournalDatabase(Path.Combine(_directory, "runbooks.db")), CancellationToken.None);
        await using var alerts = new AlertStore(store, _time);
        await WriteEscalationAsync(store, ["webhook", "email"]);
        var options = new EscalationOptions { RetryDelay = TimeSpan.FromSeconds(30) };
        using var dispatcher = new EscalationDispatcher(alerts.Outbox,
            [new WebhookEscalationSender(_http, new Uri(server.Url("/page"))),
             new EmailEscalationSender(new EmailEscalationOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "none", From = "a@example.com", To = ["b@example.com"] })],
            options, new LoggerConfiguration().CreateLogger(), _time);

        Assert.Equal(1, await dispatcher.SendDueAsync(CancellationToken.None)); // e-mail went out, the webhook failed
        var pending = Assert.Single(await alerts.Outbox.ListAsync(pendingOnly: true, CancellationToken.None));
        Assert.Equal(("webhook", $"the escalation webhook {server.Url("/page")} answered 500 Internal Server Error", Now.AddSeconds(30)),
            (pending.Channel, pending.LastError, pending.NextAttemptAt));
        Assert.Equal(0, await dispatcher.SendDueAsync(CancellationToken.None)); // not due yet

        server.Respond("/page", 200, "ok");
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await dispatcher.SendDueAsync(CancellationToken.None));
        Assert.Empty(await alerts.Outbox.ListAsync(pendingOnly: true, CancellationToken.None));
        Assert.Single(smtp.Messages);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public void Options_From_ReadsBothChannels()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runbooks:Alerts:Escalation:Webhook:Url"] = "https://chat.example.com/hook",
            ["Runbooks:Alerts:Escalation:Email:Host"] = "smtp.example.com",
            ["Runbooks:Alerts:Escalation:Email:From"] = "runbooks@example.com",
            ["Runbooks:Alerts:Escalation:Email:To:0"] = "oncall@example.com",
        }).Build().GetSection("Runbooks:Alerts:Escalation");

        var options = EscalationOptions.From(section);
        Assert.Equal(["webhook", "email"], options.Channels);
        Assert.Equal(("smtp.example.com", 587, "startTls"), (options.Email!.Host, options.Email.Port, options.Email.Security));
    }

    [Fact]
    public void Options_From_BadSecurityThrowsNamingTheKey()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runbooks:Alerts:Escalation:Email:Host"] = "smtp.example.com", ["Runbooks:Alerts:Escalation:Email:Security"] = "tls",
        }).Build().GetSection("Runbooks:Alerts:Escalation");

        var ex = Assert.Throws<RunbooksException>(() => EscalationOptions.From(section));
        Assert.Equal("Runbooks:Alerts:Escalation:Email:Security is 'tls'; expected one of startTls, sslOnConnect, none", ex.Message);
    }

    private static async Task WriteEscalationAsync(JournalStore store, IReadOnlyList<string> channels)
    {
        await using var connection = await store.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await AlertDecider.EscalateAsync(connection, transaction, new AlertRecordContext(Now, "remediation", TimeSpan.Zero, channels, 0, 0, null),
            "breaker:1", "breakerTripped", "Runbooks: breaker tripped", new Dictionary<string, object?> { ["runbook"] = "heal" }, CancellationToken.None);
        await transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
