using System.Collections.Concurrent;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Core.Tests.Engine;

/// <summary>
/// A test action that records what the engine did around it: how many ran at once, what the journal held when it
/// started, and which keys it was called with. It can fail a set number of times, or block until released.
/// </summary>
internal sealed class ProbeAction : IRunbookAction
{
    private int _running;
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();

    public int MaxConcurrent;
    public readonly ConcurrentQueue<string> Calls = new();
    public Func<ActionContext, Task>? OnStart { get; set; }

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "probe",
        Category = "Test",
        Description = "test probe",
        Inputs = ValueShape.Object("probe inputs",
            new FieldShape("key", ValueShape.String("call key") with { Default = "x" }),
            new FieldShape("failTimes", ValueShape.Int("fail this many calls per key first") with { Default = 0L }),
            new FieldShape("holdMs", ValueShape.Int("hold this long (real time)") with { Default = 0L }),
            new FieldShape("exitCode", ValueShape.Int("reported exit code") with { Default = 0L })),
        Outputs = [new FieldShape("key", ValueShape.String("the key")), new FieldShape("call", ValueShape.Int("call number"))],
        IdempotentByDefault = true,
    };

    public string Describe(ActionInputs inputs) => $"probe {inputs.GetString("key")}";

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var key = context.Inputs.GetString("key")!;
        Calls.Enqueue(key);
        var now = Interlocked.Increment(ref _running);
        InterlockedMax(ref MaxConcurrent, now);
        try
        {
            if (OnStart is { } onStart)
            {
                await onStart(context);
            }
            var hold = context.Inputs.GetInt("holdMs", 0);
            if (hold > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(hold), cancellationToken);
            }
            var left = _failuresLeft.GetOrAdd(key, _ => (int)context.Inputs.GetInt("failTimes", 0));
            var outputs = new Dictionary<string, object?> { ["key"] = key, ["call"] = (long)Calls.Count(c => c == key) };
            if (left > 0)
            {
                _failuresLeft[key] = left - 1;
                return new ActionResult { Succeeded = false, Error = $"probe {key} failing ({left} left)", ExitCode = (int)context.Inputs.GetInt("exitCode", 1), Outputs = outputs };
            }
            return new ActionResult { Succeeded = true, Outputs = outputs, ExitCode = (int)context.Inputs.GetInt("exitCode", 0) };
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
