using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.SubRunbook;

/// <summary>
/// Runs another runbook to completion as a child of this run and returns its outputs or its failure. The path is
/// resolved against the directory of the calling runbook's file, so a library of runbooks can move as a whole.
/// </summary>
internal sealed class SubRunbookAction : IRunbookAction
{
    private static readonly IReadOnlyDictionary<string, object?> NoParams = new Dictionary<string, object?>();

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "runbook",
        Category = "Flow",
        Description = "Runs another runbook as a child of this run and returns its outputs.",
        Inputs = ValueShape.Object(
            "The runbook to run.",
            new("path", ValueShape.String("The runbook file, relative to the directory of the calling runbook."), Required: true),
            new("params", ValueShape.Map("Its parameters, by name.", ValueShape.Any("A parameter value.")))),
        IdempotentByDefault = false,
    };

    public Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = Resolve(context.RunbookPath, context.Inputs.RequireString("path"));
        var parameters = context.Inputs.Get("params") as IReadOnlyDictionary<string, object?> ?? NoParams;
        return context.Host.RunSubRunbookAsync(path, parameters, context, cancellationToken);
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var parameters = inputs.Get("params") as IReadOnlyDictionary<string, object?> ?? NoParams;
        return $"run runbook {inputs.GetString("path")}" +
            (parameters.Count == 0 ? "" : " with " + string.Join(", ", parameters.Keys.Order(StringComparer.Ordinal)));
    }

    /// <summary>The sub-runbook's full path: absolute paths stay, relative ones start at the caller's directory.</summary>
    internal static string Resolve(string callerPath, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(callerPath)) ?? Directory.GetCurrentDirectory();
        return Path.GetFullPath(path, directory);
    }
}
