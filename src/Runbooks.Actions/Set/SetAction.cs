using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Set;

/// <summary>
/// Makes values available as the step's outputs. It is the benchmark's hot path: no copying, no allocation
/// beyond the result itself, and a completed task.
/// </summary>
internal sealed class SetAction : IRunbookAction
{
    private static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "set",
        Category = "Flow",
        Description = "Sets the step's outputs to the given values.",
        Inputs = ValueShape.Object(
            "The values.",
            new FieldShape("values", ValueShape.Map("The outputs, by name; any value.", ValueShape.Any("An output value.")), Required: true)),
        IdempotentByDefault = true,
        IsInstant = true,
        HasNoEffects = true,
    };

    public Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Inputs are immutable rendered data, so the map can be handed on as the outputs as it is.
        var values = context.Inputs.Get("values") as IReadOnlyDictionary<string, object?> ?? None;
        return Task.FromResult(ActionResult.Success(values));
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var values = inputs.Get("values") as IReadOnlyDictionary<string, object?> ?? None;
        return "set " + (values.Count == 0 ? "nothing" : string.Join(", ", values.Keys.Order(StringComparer.Ordinal)));
    }
}
