using System.Text;
using System.Text.Json;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Http;

/// <summary>
/// Sends one HTTP request from the machine running Runbooks and exposes the response. Not idempotent by default:
/// the descriptor is the same for every method, and retrying a POST that may have landed is the dangerous
/// mistake; a step that sends GET can say <c>idempotent: true</c>.
/// </summary>
internal sealed class HttpRequestAction(HttpClient http) : IRunbookAction
{
    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "http.request",
        Category = "HTTP",
        Description = "Sends an HTTP request and outputs the status, headers and body; fails on an unexpected status.",
        Inputs = ValueShape.Object(
            "The request.",
            new("method", ValueShape.Enum("The HTTP method.", HttpSupport.Methods) with { Default = "GET" }),
            new("url", ValueShape.String("The absolute http:// or https:// URL."), Required: true),
            new("headers", ValueShape.Map("Request headers (Content-Type included).", ValueShape.String("The header's value."))),
            new("body", ValueShape.String("The body as text (text/plain unless headers set Content-Type). Not with json.")),
            new("json", ValueShape.Any("A value sent as the JSON body (application/json). Not with body.")),
            new("expectStatus", ValueShape.List("Statuses that count as success; default: any 2xx.", ValueShape.Int("A status code.") with { Minimum = 100, Maximum = 599 }) with { ScalarAsList = true }),
            new("timeout", ValueShape.Duration("Time limit for the response and its body.") with { Default = "30s" }),
            new("maxBodyBytes", ValueShape.Int("Bytes of the body kept; the rest is dropped and a truncation marker says how much.") with { Default = 65536L, Minimum = 0, Maximum = 16 * 1024 * 1024 })),
        Outputs =
        [
            new("status", ValueShape.Int("The response status; 0 when no response arrived.")),
            new("headers", ValueShape.Map("Response headers, names in lower case.", ValueShape.String("The header's value(s), joined with ', '."))),
            new("body", ValueShape.String("The response body, bounded by maxBodyBytes.")),
            new("durationMs", ValueShape.Int("Milliseconds from sending to the end of the body.")),
        ],
        IdempotentByDefault = false,
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var uri = HttpSupport.ParseUrl(inputs.RequireString("url"), out var urlError);
        if (uri is null)
        {
            return ActionResult.Failure(context.Secrets.Apply(urlError!));
        }
        if (inputs.Has("body") && inputs.Has("json"))
        {
            return ActionResult.Failure("set either 'body' or 'json', not both");
        }
        var headers = inputs.GetStringMap("headers");
        HttpContent? content = inputs.Has("json")
            ? HttpSupport.Json(JsonSerializer.Serialize(inputs.Get("json")))
            : inputs.GetString("body") is { } body ? new StringContent(body, Encoding.UTF8) : null;
        var method = inputs.GetString("method") ?? "GET";
        using var request = HttpSupport.BuildRequest(method, uri, headers, content);
        var expected = HttpSupport.ExpectedStatuses(inputs);
        var exchange = await HttpSupport.SendAsync(
            http, request, inputs.GetDuration("timeout", TimeSpan.FromSeconds(30)),
            (int)inputs.GetInt("maxBodyBytes", 65536), context.Time, cancellationToken);
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["status"] = (long)exchange.Status,
            ["headers"] = exchange.Headers,
            ["body"] = exchange.Body,
            ["durationMs"] = exchange.DurationMs,
        };
        if (exchange.Error is { } error)
        {
            return ActionResult.Failure(context.Secrets.Apply(error), outputs) with { TimedOut = exchange.TimedOut, OutcomeUnknown = exchange.OutcomeUnknown };
        }
        if (!HttpSupport.StatusMatches(exchange.Status, expected))
        {
            return ActionResult.Failure(
                context.Secrets.Apply($"{method} {uri} returned {exchange.Status}, expected {HttpSupport.DescribeExpected(expected)}"),
                outputs);
        }
        return ActionResult.Success(outputs, changed: method is not ("GET" or "HEAD" or "OPTIONS"));
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var text = new StringBuilder()
            .Append(inputs.GetString("method") ?? "GET").Append(' ').Append(inputs.GetString("url"));
        var headers = inputs.GetStringMap("headers");
        if (headers.Count > 0)
        {
            text.Append("\nheaders: ").AppendJoin(", ", headers.Keys.Order(StringComparer.Ordinal));
        }
        if (inputs.Has("json"))
        {
            text.Append("\njson: ").Append(JsonSerializer.Serialize(inputs.Get("json")));
        }
        else if (inputs.GetString("body") is { } body)
        {
            text.Append("\nbody: ").Append(Encoding.UTF8.GetByteCount(body)).Append(" bytes");
        }
        return text.ToString();
    }
}
