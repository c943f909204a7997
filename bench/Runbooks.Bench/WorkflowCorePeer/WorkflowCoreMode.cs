namespace Runbooks.Bench.WorkflowCorePeer;

/// <summary>How WorkflowCore runs a workflow.</summary>
internal enum WorkflowCoreMode
{
    /// <summary>
    /// The usual way: <c>IWorkflowHost.StartWorkflow</c>; the host's queue consumer executes one pass (one step of a
    /// chain), persists the instance, and queues it again for the next step.
    /// </summary>
    Hosted,

    /// <summary>
    /// <c>ISyncWorkflowRunner.RunWorkflowSync</c>: the caller's task loops executor passes itself, persisting after
    /// each, with no queue in between — WorkflowCore's fastest in-process path.
    /// </summary>
    SyncRunner,
}
