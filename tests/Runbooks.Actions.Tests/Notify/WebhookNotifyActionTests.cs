using Runbooks.Actions.Notify;
using Runbooks.Core.Secrets;
using Runbooks.Testing.Http;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Notify;

public sealed class WebhookNotifyActionTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly WebhookNotifyAction _action = new(Http);
    private LoopbackHttpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = LoopbackHttpServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_TextOnly_PostsTextObject()
    {
        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/hook")), ("text", "deploy \"1.4\" done"))), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(200L, result.Outputs["status"]);
        var request = _server.Requests.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("{\"text\":\"deploy \\u00221.4\\u0022 done\"}", request.Body);
        Assert.StartsWith("application/json", request.Headers["content-type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_JsonAndText_AddsTextToTheObject()
    {
        await _action.ExecuteAsync(Create(Map(
            ("url", _server.Url("/hook")), ("text", "hi"), ("json", Map(("channel", "#ops"))))), default);

        Assert.Equal("{\"channel\":\"#ops\",\"text\":\"hi\"}", _server.Requests.Single().Body);
    }

    [Fact]
    public async Task ExecuteAsync_JsonOnly_SendsItAsIs()
    {
        await _action.ExecuteAsync(Create(Map(("url", _server.Url("/hook")), ("json", List(1L, "two")))), default);

        Assert.Equal("[1,\"two\"]", _server.Requests.Single().Body);
    }

    [Fact]
    public async Task ExecuteAsync_WebhookFails_ReturnsFailureWithSecretsMasked()
    {
        _server.Respond("/hook/T0KEN", 500, "token T0KEN revoked");
        var secrets = new SecretMasker();
        secrets.Add("T0KEN");

        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/hook/T0KEN")), ("text", "x")), secrets: secrets), default);

        Assert.False(result.Succeeded);
        Assert.Equal(500L, result.Outputs["status"]);
        Assert.Equal("notification not delivered: the webhook answered 500, expected any 2xx: token *** revoked", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_Unreachable_ReturnsFailureNotException()
    {
        var url = _server.Url("/hook");
        await _server.DisposeAsync();
        _server = LoopbackHttpServer.Start();

        var result = await _action.ExecuteAsync(Create(Map(("url", url), ("text", "x"), ("timeout", "2s"))), default);

        Assert.False(result.Succeeded);
        Assert.StartsWith($"notification not delivered: POST {url} ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_NothingToSend_Fails()
    {
        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/hook")))), default);

        Assert.Equal("set 'text', 'json' or both: there is nothing to send", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_TextWithNonObjectJson_Fails()
    {
        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/hook")), ("text", "x"), ("json", List(1L)))), default);

        Assert.Equal("'text' can only be combined with a 'json' object (it is added as its 'text' key); send the text inside json instead", result.Error);
    }
}
