using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;
using Serilog.Events;

namespace Runbooks.Actions.Log;

/// <summary>Writes a message to the run's log (with the run's properties, and <c>LogMessage</c> holding the text).</summary>
internal sealed class LogAction : IRunbookAction
{
    private static readonly Task<ActionResult> Done =
        Task.FromResult(ActionResult.Success(new Dictionary<string, object?>()));

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "log",
        Category = "Flow",
        Description = "Writes a message to the run's log.",
        Inputs = ValueShape.Object(
            "The message.",
            new("message", ValueShape.String("The text to log; secrets in it are masked."), Required: true),
            new("level", ValueShape.Enum("The log level.", "debug", "info", "warning", "error") with { Default = "info" })),
        IdempotentByDefault = true,
        IsInstant = true,
        HasNoEffects = true,
    };

    public Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var level = Level(context.Inputs.GetString("level"));
        context.Log.Write(level, "{LogMessage}", context.Secrets.Apply(context.Inputs.RequireString("message")));
        return Done;
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return $"log ({inputs.GetString("level") ?? "info"}): {inputs.GetString("message")}";
    }

    private static LogEventLevel Level(string? level) => level switch
    {
        "debug" => LogEventLevel.Debug,
        "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        _ => LogEventLevel.Information,
    };
}
