using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Runbooks.Testing.Http;

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port, for tests of anything that speaks HTTP. It records every
/// request and answers with the response configured for its path (or a handler, or <c>200 ok</c>). Only loopback:
/// tests never send traffic anywhere else.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, LoopbackResponse> _responses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LoopbackHttpServer(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:43123</c> (no trailing slash).</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>When set, answers every request (the per-path responses are then unused); null by default.</summary>
    public Func<RecordedRequest, LoopbackResponse>? Handler { get; set; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static LoopbackHttpServer Start()
    {
        // HttpListener cannot bind port 0, so take a free port from the OS and retry if another test grabs it first.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackHttpServer(listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    /// <summary>The full URL of a path on this server.</summary>
    public string Url(string path) => BaseUrl + path;

    /// <summary>Configures the answer for a path (without query).</summary>
    public void Respond(string path, LoopbackResponse response) => _responses[path] = response;

    /// <summary>Configures the answer for a path (without query).</summary>
    public void Respond(string path, int status, string body = "") => Respond(path, new LoopbackResponse(status, body));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
            // Closing the listener ends GetContextAsync this way.
        }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            var headers = request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!.ToLowerInvariant(), k => request.Headers[k] ?? "", StringComparer.Ordinal);
            var recorded = new RecordedRequest(request.HttpMethod, request.Url!.PathAndQuery, headers, await reader.ReadToEndAsync());
            _requests.Enqueue(recorded);
            var response = Handler?.Invoke(recorded)
                ?? (_responses.TryGetValue(request.Url.AbsolutePath, out var configured) ? configured : new LoopbackResponse());
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, _stop.Token);
            }
            context.Response.StatusCode = response.Status;
            foreach (var (name, value) in response.Headers)
            {
                context.Response.Headers[name] = value;
            }
            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Shutting down mid-answer.
        }
        catch (HttpListenerException)
        {
            // The client gave up (a timeout test): nothing to answer.
        }
        catch (IOException)
        {
            // Likewise.
        }
    }
}
