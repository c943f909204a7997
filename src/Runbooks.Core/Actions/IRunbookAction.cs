namespace Runbooks.Core.Actions;

/// <summary>
/// An action a step can run. Implementations are stateless and thread-safe: one instance serves every run.
/// Failures an operator should see are returned as a failed <see cref="ActionResult"/>; exceptions are for bugs
/// and are recorded as failures too.
/// </summary>
public interface IRunbookAction
{
    /// <summary>The action's name, inputs and outputs.</summary>
    ActionDescriptor Descriptor { get; }

    /// <summary>Does the work. Must honour <paramref name="cancellationToken"/> (it fires on timeout and cancel).</summary>
    Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Describes, without side effects, what <see cref="ExecuteAsync"/> would do with these inputs
    /// (e.g. the exact argv). Used by dry-run.
    /// </summary>
    string Describe(ActionInputs inputs);
}
