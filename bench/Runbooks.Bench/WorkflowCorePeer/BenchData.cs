namespace Runbooks.Bench.WorkflowCorePeer;

/// <summary>A workflow's data: its parameter, every step's output, and (hosted runs) whom to tell when it ends.</summary>
internal sealed class BenchData
{
    public string Greeting { get; set; } = Harness.StepTemplate.Greeting;

    /// <summary>Step outputs by step id, as Runbooks keeps <c>steps.&lt;id&gt;.outputs</c>.</summary>
    public Dictionary<int, string> Outputs { get; } = [];

    /// <summary>The id of the definition's last step: reaching it ends the run.</summary>
    public int LastStepId { get; set; } = -1;

    /// <summary>Set for hosted runs, which have no awaitable end; the sync runner returns the instance instead.</summary>
    internal RunCountdown? Countdown { get; set; }
}
