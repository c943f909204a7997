using System.Net;
using System.Net.Sockets;
using Runbooks.Actions.Http;
using Runbooks.Testing.Http;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Http;

public sealed class HttpCheckActionTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly HttpCheckAction _action = new(Http);
    private LoopbackHttpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = LoopbackHttpServer.Start();
        _server.Respond("/health", 200, "{\"status\":\"ok\",\"version\":\"1.4.2\"}");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_Expected200_IsHealthy()
    {
        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/health")))), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(true, result.Outputs["healthy"]);
        Assert.Equal(200L, result.Outputs["status"]);
    }

    [Fact]
    public async Task ExecuteAsync_OtherStatus_FailsWithStatusReason()
    {
        _server.Respond("/health", 500, "boom");

        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/health")))), default);

        Assert.False(result.Succeeded);
        Assert.Equal(false, result.Outputs["healthy"]);
        Assert.Equal($"GET {_server.Url("/health")} is unhealthy: status 500, expected 200", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_BodyContainsMissing_FailsNamingTheText()
    {
        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/health")), ("bodyContains", "\"status\":\"down\""))), default);

        Assert.Equal($"GET {_server.Url("/health")} is unhealthy: the body does not contain '\"status\":\"down\"'", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_BodyMatches_IsHealthy()
    {
        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/health")), ("bodyMatches", "\"version\":\"1\\.\\d+\\."))), default);

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_BodyDoesNotMatch_FailsShowingThePattern()
    {
        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/health")), ("bodyMatches", "^2\\."))), default);

        Assert.Equal($"GET {_server.Url("/health")} is unhealthy: the body does not match /^2\\./", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_InvalidRegex_FailsBeforeSending()
    {
        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/health")), ("bodyMatches", "(unclosed"))), default);

        Assert.StartsWith("bodyMatches '(unclosed' is not a valid regular expression: ", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_NothingListening_FailsWithStatus0()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var result = await _action.ExecuteAsync(Create(Map(("url", $"http://127.0.0.1:{port}/health"))), default);

        Assert.False(result.Succeeded);
        Assert.Equal(0L, result.Outputs["status"]);
        Assert.StartsWith($"GET http://127.0.0.1:{port}/health is unhealthy: GET http://127.0.0.1:{port}/health failed: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptor_IsIdempotent()
    {
        Assert.True(_action.Descriptor.IdempotentByDefault);
    }
}
