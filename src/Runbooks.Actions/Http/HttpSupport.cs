using System.Net.Http.Headers;
using System.Text;
using Runbooks.Core.Actions;
using Runbooks.Core.Execution;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Http;

/// <summary>What http.request, http.check and notify.webhook share: URL rules, requests, bounded bodies, status sets.</summary>
internal static class HttpSupport
{
    /// <summary>The methods an HTTP action accepts.</summary>
    public static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    /// <summary>The URL as an absolute http or https URI, or null with the reason.</summary>
    public static Uri? ParseUrl(string url, out string? error)
    {
        // On Unix "/health" parses as an absolute file: URI; a URL without a scheme is relative whatever the OS.
        if (!url.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            error = $"url '{url}' is not an absolute URL; write it as http://host/path or https://host/path";
            return null;
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            error = $"url '{url}' uses scheme '{uri.Scheme}'; only http and https are allowed";
            return null;
        }
        error = null;
        return uri;
    }

    /// <summary>A request with headers; content headers (Content-Type …) go on the content, where HTTP puts them.</summary>
    public static HttpRequestMessage BuildRequest(string method, Uri uri, IReadOnlyDictionary<string, string> headers, HttpContent? content)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), uri) { Content = content };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return request;
    }

    /// <summary>Response and content headers, names in lower case (HTTP names are case-insensitive), repeated values joined.</summary>
    public static Dictionary<string, object?> Headers(HttpResponseMessage response)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            map[name.ToLowerInvariant()] = string.Join(", ", values);
        }
        return map;
    }

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> of the body as UTF-8; a marker says how much more there was
    /// (counted while draining up to <paramref name="maxBytes"/> × 16 + 1 MiB, or taken from Content-Length).
    /// </summary>
    public static async Task<string> ReadBodyAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var kept = new byte[maxBytes];
        var length = 0;
        int read;
        while (length < maxBytes && (read = await stream.ReadAsync(kept.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        long dropped = 0;
        var drainLimit = (long)maxBytes * 16 + (1 << 20);
        var scratch = new byte[8192];
        while (dropped < drainLimit && (read = await stream.ReadAsync(scratch, cancellationToken)) > 0)
        {
            dropped += read;
        }
        if (dropped >= drainLimit && content.Headers.ContentLength is { } total)
        {
            dropped = total - length;
        }
        // Never cut a UTF-8 sequence in half: back up to the start of the last whole character.
        var cut = length;
        if (dropped > 0)
        {
            while (cut > 0 && (kept[cut - 1] & 0xC0) == 0x80)
            {
                cut--;
            }
            if (cut > 0 && kept[cut - 1] >= 0xC0 && cut - 1 + SequenceLength(kept[cut - 1]) > length)
            {
                cut--;
            }
        }
        var text = Encoding.UTF8.GetString(kept, 0, cut);
        return dropped + (length - cut) > 0 ? text + BoundedText.TruncationMarker(dropped + length - cut) : text;
    }

    /// <summary>Whether a status is expected: one of <paramref name="expected"/>, or any 2xx when it is empty.</summary>
    public static bool StatusMatches(int status, IReadOnlyList<long> expected) =>
        expected.Count == 0 ? status is >= 200 and <= 299 : expected.Contains(status);

    /// <summary>The expected statuses as an operator reads them.</summary>
    public static string DescribeExpected(IReadOnlyList<long> expected) =>
        expected.Count == 0 ? "any 2xx" : expected.Count == 1 ? expected[0].ToString() : "one of " + string.Join(", ", expected);

    /// <summary>The expectStatus input as numbers (empty when absent).</summary>
    public static List<long> ExpectedStatuses(ActionInputs inputs) =>
        [.. inputs.GetStringList("expectStatus").Select(s => long.TryParse(s, out var code) ? code : -1)];

    /// <summary>
    /// Sends a request under a time limit on the run's clock and reads the bounded body. A response with any
    /// status is an exchange; no response (refused, reset, DNS, TLS, timed out) is an exchange with
    /// <see cref="HttpExchange.Error"/> set and status 0. Cancellation of the step itself propagates.
    /// </summary>
    public static async Task<HttpExchange> SendAsync(
        HttpClient http, HttpRequestMessage request, TimeSpan timeout, int maxBodyBytes, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var what = $"{request.Method} {request.RequestUri}";
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await ReadBodyAsync(response.Content, maxBodyBytes, linked.Token);
            return new HttpExchange((int)response.StatusCode, Headers(response), body, time.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own limit, or the shared client's Timeout if it is shorter: either way a timeout, not a cancel.
            var limit = timer.IsCancellationRequested ? timeout : time.GetElapsedTime(started);
            return new HttpExchange(0, [], "", time.GetElapsedTime(started), $"{what} timed out after {DurationParser.Format(limit)}")
            {
                TimedOut = true,
                OutcomeUnknown = true,
            };
        }
        catch (HttpRequestException ex)
        {
            // Refused or unresolvable: nothing reached the server. Anything else may have been sent already.
            var notSent = ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
            return new HttpExchange(0, [], "", time.GetElapsedTime(started), $"{what} failed: {ex.Message}") { OutcomeUnknown = !notSent };
        }
        catch (IOException ex)
        {
            return new HttpExchange(0, [], "", time.GetElapsedTime(started), $"{what} failed while reading the response: {ex.Message}")
            {
                OutcomeUnknown = true,
            };
        }
    }

    /// <summary>A JSON body with its media type.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static int SequenceLength(byte lead) => lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
}
