using System.Text.RegularExpressions;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Http;

/// <summary>
/// Checks that an HTTP endpoint is healthy: the expected status and, optionally, a body that contains a string or
/// matches a regular expression. The usual probe for <c>wait.until</c>.
/// </summary>
internal sealed class HttpCheckAction(HttpClient http) : IRunbookAction
{
    /// <summary>A pattern that backtracks longer than this is a failed check, not a hung step.</summary>
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "http.check",
        Category = "HTTP",
        Description = "Checks that a URL answers with the expected status (and body); fails with the reason when it does not.",
        Inputs = ValueShape.Object(
            "The check.",
            new("url", ValueShape.String("The absolute http:// or https:// URL."), Required: true),
            new("method", ValueShape.Enum("The HTTP method.", HttpSupport.Methods) with { Default = "GET" }),
            new("headers", ValueShape.Map("Request headers.", ValueShape.String("The header's value."))),
            new("expectStatus", ValueShape.List("Statuses that count as healthy.", ValueShape.Int("A status code.") with { Minimum = 100, Maximum = 599 }) with { ScalarAsList = true, Default = new object?[] { 200L } }),
            new("bodyContains", ValueShape.String("Text the body must contain (ordinal, case-sensitive).")),
            new("bodyMatches", ValueShape.String("A .NET regular expression the body must match somewhere; evaluation is limited to 1s.")),
            new("timeout", ValueShape.Duration("Time limit for the response and its body.") with { Default = "10s" }),
            new("maxBodyBytes", ValueShape.Int("Bytes of the body kept and searched; the rest is dropped.") with { Default = 65536L, Minimum = 0, Maximum = 16 * 1024 * 1024 })),
        Outputs =
        [
            new("status", ValueShape.Int("The response status; 0 when no response arrived.")),
            new("healthy", ValueShape.Bool("Whether every condition held.")),
            new("durationMs", ValueShape.Int("Milliseconds from sending to the end of the body.")),
            new("body", ValueShape.String("The response body, bounded by maxBodyBytes.")),
        ],
        IdempotentByDefault = true,
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
        Regex? pattern = null;
        if (inputs.GetString("bodyMatches") is { } regex)
        {
            try
            {
                pattern = new Regex(regex, RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException ex)
            {
                return ActionResult.Failure($"bodyMatches '{regex}' is not a valid regular expression: {ex.Message}");
            }
        }
        var method = inputs.GetString("method") ?? "GET";
        var expected = HttpSupport.ExpectedStatuses(inputs);
        if (expected.Count == 0)
        {
            expected.Add(200);
        }
        using var request = HttpSupport.BuildRequest(method, uri, inputs.GetStringMap("headers"), content: null);
        var exchange = await HttpSupport.SendAsync(
            http, request, inputs.GetDuration("timeout", TimeSpan.FromSeconds(10)),
            (int)inputs.GetInt("maxBodyBytes", 65536), context.Time, cancellationToken);
        var reason = exchange.Error ?? Unhealthy(exchange, expected, inputs.GetString("bodyContains"), pattern);
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["status"] = (long)exchange.Status,
            ["healthy"] = reason is null,
            ["durationMs"] = exchange.DurationMs,
            ["body"] = exchange.Body,
        };
        return reason is null
            ? ActionResult.Success(outputs)
            : ActionResult.Failure(context.Secrets.Apply($"{method} {uri} is unhealthy: {reason}"), outputs) with { TimedOut = exchange.TimedOut };
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var expected = HttpSupport.ExpectedStatuses(inputs);
        var text = $"check {inputs.GetString("method") ?? "GET"} {inputs.GetString("url")} answers {(expected.Count == 0 ? "200" : HttpSupport.DescribeExpected(expected))}";
        if (inputs.GetString("bodyContains") is { } contains)
        {
            text += $" with a body containing '{contains}'";
        }
        if (inputs.GetString("bodyMatches") is { } matches)
        {
            text += $" with a body matching /{matches}/";
        }
        return text;
    }

    private static string? Unhealthy(HttpExchange exchange, List<long> expected, string? contains, Regex? pattern)
    {
        if (!HttpSupport.StatusMatches(exchange.Status, expected))
        {
            return $"status {exchange.Status}, expected {HttpSupport.DescribeExpected(expected)}";
        }
        if (contains is not null && !exchange.Body.Contains(contains, StringComparison.Ordinal))
        {
            return $"the body does not contain '{contains}'";
        }
        if (pattern is null)
        {
            return null;
        }
        try
        {
            return pattern.IsMatch(exchange.Body) ? null : $"the body does not match /{pattern}/";
        }
        catch (RegexMatchTimeoutException)
        {
            return $"matching the body against /{pattern}/ took longer than {RegexTimeout.TotalSeconds:0}s; simplify the pattern";
        }
    }
}
