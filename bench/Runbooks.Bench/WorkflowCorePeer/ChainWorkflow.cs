using WorkflowCore.Interface;

namespace Runbooks.Bench.WorkflowCorePeer;

/// <summary>The WorkflowCore twin of the benchmark runbook: <c>steps</c> <see cref="SetStep"/>s chained with Then.</summary>
internal sealed class ChainWorkflow(int steps) : IWorkflow<BenchData>
{
    public string Id => $"bench-{steps}";

    public int Version => 1;

    /// <summary>The id of the chain's last step, known once built.</summary>
    public int LastStepId { get; private set; } = -1;

    public void Build(IWorkflowBuilder<BenchData> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var step = builder.StartWith<SetStep>();
        for (var i = 1; i < steps; i++)
        {
            step = step.Then<SetStep>();
        }
        LastStepId = step.Step.Id;
    }
}
