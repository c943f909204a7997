using System.Collections.Concurrent;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Storage.Tests.Durability;

/// <summary>
/// <c>test.gate</c>: records that it started (per run and step path) and, with <c>block: true</c>, waits until the test
/// opens the gate — the way a test holds a worker inside a step to "crash" it there. Not idempotent by default.
/// </summary>
internal sealed class GateAction : IRunbookAction
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "test.gate",
        Category = "Test",
        Description = "Records its call; blocks until the test opens it when block is true.",
        Inputs = ValueShape.Object("Test inputs.", new FieldShape("block", ValueShape.Bool("Wait for the test.") with { Default = false })),
    };

    /// <summary>Every call as <c>runId/stepPath</c>, in order.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>How many calls were made for a step path (any run).</summary>
    public int CallsOf(string stepPath) => _calls.Count(c => c.EndsWith("/" + stepPath, StringComparison.Ordinal));

    /// <summary>Waits until a blocking call is inside the action.</summary>
    public async Task<bool> EnteredAsync()
    {
        try
        {
            await _entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Lets every blocked call (and later ones) through.</summary>
    public void Open() => _open.TrySetResult();

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _calls.Enqueue($"{context.RunId}/{context.StepPath}");
        if (context.Inputs.GetBool("block", false))
        {
            _entered.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
        }
        return ActionResult.Success(new Dictionary<string, object?> { ["call"] = (long)_calls.Count }, changed: true);
    }

    public string Describe(ActionInputs inputs) => "test gate";
}
