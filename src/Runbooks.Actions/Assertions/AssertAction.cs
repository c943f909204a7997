using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Assertions;

/// <summary>
/// Fails the step when a condition is false. The engine renders <c>that: "{{ expr }}"</c> to a bool before the
/// action runs, so the action only checks the value.
/// </summary>
internal sealed class AssertAction : IRunbookAction
{
    private const string DefaultMessage = "assertion failed";

    private static readonly Task<ActionResult> Passed =
        Task.FromResult(ActionResult.Success(new Dictionary<string, object?>()));

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "assert",
        Category = "Flow",
        Description = "Fails with a message when a condition is false.",
        Inputs = ValueShape.Object(
            "The condition.",
            new("that", ValueShape.Bool("The condition, usually a template such as \"{{ steps.check.outputs.status == 200 }}\"."), Required: true),
            new("message", ValueShape.String("What the failure says; default: \"assertion failed\"."))),
        Outputs = [],
        IdempotentByDefault = true,
        IsInstant = true,
        HasNoEffects = true,
    };

    public Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var message = inputs.GetString("message") ?? DefaultMessage;
        return inputs.Get("that") switch
        {
            true => Passed,
            false => Task.FromResult(ActionResult.Failure(context.Secrets.Apply(message))),
            // The validator checks the type; a template can still render something else at run time.
            var other => Task.FromResult(ActionResult.Failure(context.Secrets.Apply(
                $"'that' must be true or false, but it is '{other ?? "null"}'; {message}"))),
        };
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        // The condition is already rendered: say whether it holds rather than echo a failure message that will not apply.
        return inputs.GetBool("that", fallback: false)
            ? "assert: condition holds"
            : $"assert: condition is false, will fail with: {inputs.GetString("message") ?? DefaultMessage}";
    }
}
