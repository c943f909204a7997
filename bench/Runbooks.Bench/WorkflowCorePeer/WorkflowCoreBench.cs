using Microsoft.Extensions.DependencyInjection;
using Runbooks.Bench.Harness;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Runbooks.Bench.WorkflowCorePeer;

/// <summary>
/// WorkflowCore 3.22.0 with its defaults for storage — in-memory persistence, single-node queue and lock — and the
/// tuning in <see cref="Tune"/>, running the same shapes as the Runbooks engine.
/// </summary>
internal sealed class WorkflowCoreBench(WorkflowCoreMode mode) : IBenchEngine
{
    private ServiceProvider? _services;
    private IWorkflowHost? _host;
    private ChainWorkflow? _workflow;

    /// <summary>
    /// WorkflowCore's fastest settings for this work (tried and compared; see docs/performance.md): wake idle
    /// consumers after 1 ms instead of 100 ms, let as many workflows run at once as Runbooks runs, and switch off
    /// the background services these shapes do not use (event consumer, search indexing, the persistence poller —
    /// runnable workflows are queued directly — and lifecycle event publishing).
    /// </summary>
    public static void Tune(WorkflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseIdleTime(TimeSpan.FromMilliseconds(1));
        options.UsePollInterval(TimeSpan.FromSeconds(10));
        options.UseMaxConcurrentWorkflows(64);
        options.EnableEvents = false;
        options.EnableIndexes = false;
        options.EnablePolling = false;
        options.EnableLifeCycleEventsPublisher = false;
    }

    public Task PrepareAsync(Shape shape)
    {
        var shared = new SetStepShared(BenchLogging.Logger);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow(Tune);
        // Step bodies come from the container, as WorkflowCore recommends; one per execution.
        services.AddTransient(_ => new SetStep(shared));
        _services = services.BuildServiceProvider();
        _host = _services.GetRequiredService<IWorkflowHost>();
        _workflow = new ChainWorkflow(shape.StepsPerRun);
        _services.GetRequiredService<IWorkflowRegistry>().RegisterWorkflow(_workflow);
        _host.Start();
        return Task.CompletedTask;
    }

    public Task RunAsync(Shape shape) => mode == WorkflowCoreMode.Hosted ? RunHostedAsync(shape) : RunSyncAsync(shape);

    private async Task RunHostedAsync(Shape shape)
    {
        var host = _host ?? throw new InvalidOperationException("PrepareAsync first.");
        var countdown = new RunCountdown(shape.Runs);
        for (var i = 0; i < shape.Runs; i++)
        {
            await host.StartWorkflow(_workflow!.Id, _workflow.Version, new BenchData { LastStepId = _workflow.LastStepId, Countdown = countdown });
        }
        await countdown.Done;
    }

    private async Task RunSyncAsync(Shape shape)
    {
        var runner = _services?.GetRequiredService<ISyncWorkflowRunner>() ?? throw new InvalidOperationException("PrepareAsync first.");
        var workflow = _workflow!;
        Task<WorkflowInstance> RunOne() =>
            runner.RunWorkflowSync(workflow.Id, workflow.Version, new BenchData { LastStepId = workflow.LastStepId }, null, TimeSpan.FromMinutes(10));
        var instances = shape.Runs == 1 ? [await RunOne()] : await Task.WhenAll(Enumerable.Range(0, shape.Runs).Select(_ => Task.Run(RunOne)));
        foreach (var instance in instances)
        {
            var data = (BenchData)instance.Data;
            if (instance.Status != WorkflowStatus.Complete || data.Outputs.GetValueOrDefault(workflow.LastStepId) != StepTemplate.Expected(instance.Id))
            {
                throw new InvalidOperationException($"Workflow {instance.Id} ended {instance.Status} without the expected output.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _host?.Stop();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
