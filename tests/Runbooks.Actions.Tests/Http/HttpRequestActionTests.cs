using Runbooks.Actions.Http;
using Runbooks.Testing.Http;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Http;

public sealed class HttpRequestActionTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly HttpRequestAction _action = new(Http);
    private LoopbackHttpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = LoopbackHttpServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_Get_OutputsStatusHeadersAndBody()
    {
        _server.Respond("/info", new LoopbackResponse(200, "hello") { Headers = new Dictionary<string, string> { ["X-Build"] = "42" } });

        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/info?a=1")))), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(200L, result.Outputs["status"]);
        Assert.Equal("hello", result.Outputs["body"]);
        Assert.Equal("42", ((IReadOnlyDictionary<string, object?>)result.Outputs["headers"]!)["x-build"]);
        Assert.IsType<long>(result.Outputs["durationMs"]);
        Assert.Equal("GET /info?a=1", $"{_server.Requests[0].Method} {_server.Requests[0].Path}");
    }

    [Fact]
    public async Task ExecuteAsync_PostJson_SendsSerializedBodyAndHeaders()
    {
        await _action.ExecuteAsync(Create(Map(
            ("method", "POST"), ("url", _server.Url("/items")),
            ("json", Map(("name", "web 1"), ("replicas", 3L), ("tags", List("a", "b")))),
            ("headers", Map(("Authorization", "Bearer t"))))), default);

        var request = _server.Requests.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("{\"name\":\"web 1\",\"replicas\":3,\"tags\":[\"a\",\"b\"]}", request.Body);
        Assert.StartsWith("application/json", request.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("Bearer t", request.Headers["authorization"]);
    }

    [Fact]
    public async Task ExecuteAsync_BodyWithContentTypeHeader_SendsItAsGiven()
    {
        await _action.ExecuteAsync(Create(Map(
            ("method", "PUT"), ("url", _server.Url("/x")), ("body", "a=1"),
            ("headers", Map(("Content-Type", "application/x-www-form-urlencoded"))))), default);

        var request = _server.Requests.Single();
        Assert.Equal("a=1", request.Body);
        Assert.Equal("application/x-www-form-urlencoded", request.Headers["content-type"]);
    }

    [Fact]
    public async Task ExecuteAsync_StatusNot2xx_FailsWithStatusAndOutputs()
    {
        _server.Respond("/down", 503, "maintenance");

        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/down")))), default);

        Assert.False(result.Succeeded);
        Assert.Equal($"GET {_server.Url("/down")} returned 503, expected any 2xx", result.Error);
        Assert.Equal("maintenance", result.Outputs["body"]);
    }

    [Fact]
    public async Task ExecuteAsync_ExpectStatusListed_SucceedsOnThatStatus()
    {
        _server.Respond("/gone", 404);

        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/gone")), ("expectStatus", List(404L, 410L)))), default);

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_UrlNotHttp_FailsWithoutSending()
    {
        var result = await _action.ExecuteAsync(Create(Map(("url", "file:///etc/passwd"))), default);

        Assert.Equal("url 'file:///etc/passwd' uses scheme 'file'; only http and https are allowed", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_RelativeUrl_Fails()
    {
        var result = await _action.ExecuteAsync(Create(Map(("url", "/health"))), default);

        Assert.Equal("url '/health' is not an absolute URL; write it as http://host/path or https://host/path", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_BodyAndJson_Fails()
    {
        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/")), ("body", "x"), ("json", 1L))), default);

        Assert.Equal("set either 'body' or 'json', not both", result.Error);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_SlowServer_FailsWithTimeout()
    {
        _server.Respond("/slow", new LoopbackResponse { Delay = TimeSpan.FromSeconds(5) });

        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/slow")), ("timeout", "200ms"))), default);

        Assert.Equal($"GET {_server.Url("/slow")} timed out after 200ms", result.Error);
        Assert.Equal(0L, result.Outputs["status"]);
    }

    [Fact]
    public async Task ExecuteAsync_LongBody_IsTruncatedWithMarker()
    {
        _server.Respond("/big", 200, new string('x', 100));

        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/big")), ("maxBodyBytes", 10L))), default);

        Assert.Equal("xxxxxxxxxx\n…[truncated 90 bytes]", result.Outputs["body"]);
    }

    [Fact]
    public async Task ExecuteAsync_BodyCutInsideACharacter_KeepsWholeCharacters()
    {
        _server.Respond("/utf8", 200, "aé€b");

        var result = await _action.ExecuteAsync(Create(Map(("url", _server.Url("/utf8")), ("maxBodyBytes", 4L))), default);

        // a(1) é(2) then € (3 bytes) does not fit in the 1 byte left: it is dropped whole.
        Assert.Equal("aé\n…[truncated 4 bytes]", result.Outputs["body"]);
    }

    [Fact]
    public async Task ExecuteAsync_Cancelled_Throws()
    {
        _server.Respond("/slow", new LoopbackResponse { Delay = TimeSpan.FromSeconds(5) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _action.ExecuteAsync(Create(Map(("url", _server.Url("/slow")))), cts.Token));
    }

    [Fact]
    public void Describe_Json_ShowsMethodUrlAndBody()
    {
        var text = _action.Describe(new(Map(("method", "POST"), ("url", "http://h/x"), ("json", Map(("a", 1L))))));

        Assert.Equal("POST http://h/x\njson: {\"a\":1}", text);
    }
}
