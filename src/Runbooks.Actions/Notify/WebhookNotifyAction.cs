using System.Text.Json;
using Runbooks.Actions.Http;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Notify;

/// <summary>
/// POSTs a JSON notification to a webhook (Slack, Teams, Mattermost, a chat bridge …). A notification that fails
/// is a failed result with a masked reason, never an exception: the step's <c>continueOnError</c> decides whether
/// the run goes on.
/// </summary>
internal sealed class WebhookNotifyAction(HttpClient http) : IRunbookAction
{
    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "notify.webhook",
        Category = "Notify",
        Description = "POSTs a JSON message to a webhook URL.",
        Inputs = ValueShape.Object(
            "The notification: text, json, or both (text is then added to the json object as 'text').",
            new("url", ValueShape.String("The webhook's absolute http:// or https:// URL (often a secret)."), Required: true),
            new("text", ValueShape.String("The message; alone it is sent as {\"text\": \"...\"}.")),
            new("json", ValueShape.Any("The JSON body, sent as it is (with text, it must be an object).")),
            new("headers", ValueShape.Map("Request headers.", ValueShape.String("The header's value."))),
            new("expectStatus", ValueShape.List("Statuses that count as delivered; default: any 2xx.", ValueShape.Int("A status code.") with { Minimum = 100, Maximum = 599 }) with { ScalarAsList = true }),
            new("timeout", ValueShape.Duration("Time limit for the webhook's answer.") with { Default = "10s" })),
        Outputs = [new("status", ValueShape.Int("The webhook's status; 0 when no response arrived."))],
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
        var body = Body(inputs, out var bodyError);
        if (body is null)
        {
            return ActionResult.Failure(bodyError!);
        }
        using var request = HttpSupport.BuildRequest("POST", uri, inputs.GetStringMap("headers"), HttpSupport.Json(body));
        var expected = HttpSupport.ExpectedStatuses(inputs);
        var exchange = await HttpSupport.SendAsync(
            http, request, inputs.GetDuration("timeout", TimeSpan.FromSeconds(10)), 4096, context.Time, cancellationToken);
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal) { ["status"] = (long)exchange.Status };
        var error = exchange.Error ?? (HttpSupport.StatusMatches(exchange.Status, expected)
            ? null
            : $"the webhook answered {exchange.Status}, expected {HttpSupport.DescribeExpected(expected)}: {exchange.Body}");
        // Webhook URLs usually carry their token in the path, so the error text is masked as a whole.
        return error is null
            ? ActionResult.Success(outputs, changed: true)
            : ActionResult.Failure(context.Secrets.Apply($"notification not delivered: {error}"), outputs) with
            {
                TimedOut = exchange.TimedOut,
                OutcomeUnknown = exchange.OutcomeUnknown,
            };
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return $"POST to webhook {inputs.GetString("url")}: {Body(inputs, out var error) ?? error}";
    }

    private static string? Body(ActionInputs inputs, out string? error)
    {
        error = null;
        var text = inputs.GetString("text");
        if (!inputs.Has("json"))
        {
            if (text is null)
            {
                error = "set 'text', 'json' or both: there is nothing to send";
                return null;
            }
            return JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = text });
        }
        var json = inputs.Get("json");
        if (text is null)
        {
            return JsonSerializer.Serialize(json);
        }
        if (json is not IReadOnlyDictionary<string, object?> map)
        {
            error = "'text' can only be combined with a 'json' object (it is added as its 'text' key); send the text inside json instead";
            return null;
        }
        // The object's own 'text' wins: the author wrote it there on purpose.
        var merged = new Dictionary<string, object?>(map, StringComparer.Ordinal);
        merged.TryAdd("text", text);
        return JsonSerializer.Serialize(merged);
    }
}
