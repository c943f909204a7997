using Runbooks.Core.Journal;

namespace Runbooks.Core.Tests.Engine;

public sealed class ControlFlowTests
{
    [Fact]
    public async Task RunAsync_ForEachWithConcurrency_NeverRunsMoreThanTheLimit()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: loop
            steps:
              - id: each
                forEach: { items: [a, b, c, d, e, f], concurrency: 2 }
                action: probe
                with: { key: "{{ item }}-{{ index }}", holdMs: 100 }
            """);
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(6, h.Probe.Calls.Count);
        Assert.Equal(2, h.Probe.MaxConcurrent);
        var each = result.Steps.Single(s => s.Path == "each");
        Assert.Equal(6L, each.Outputs["count"]);
    }

    [Fact]
    public async Task RunAsync_ForEachItemFails_NoNewItemStartsAndStepFails()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: loop
            steps:
              - id: each
                forEach: { items: [a, b, c, d], concurrency: 1 }
                action: probe
                with: { key: "{{ item }}", failTimes: "{{ if item == 'b' }}1{{ else }}0{{ end }}" }
            """);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(["a", "b"], h.Probe.Calls);
        Assert.Equal("1 of 4 item(s) failed", result.Steps.Single(s => s.Path == "each").Error);
    }

    [Fact]
    public async Task RunAsync_ForEachBlock_IterationsSeeTheirOwnSteps()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: block
            parameters: { names: { type: list, default: [x, y] } }
            steps:
              - id: each
                forEach: { items: "{{ params.names }}", as: name, concurrency: 2 }
                steps:
                  - { id: first, action: set, with: { values: { v: "{{ name }}" } } }
                  - { id: second, action: probe, with: { key: "{{ steps.first.outputs.v }}-{{ index }}" } }
            outputs:
              results: "{{ steps.each.outputs.results | array.size }}"
            """);
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(["x-0", "y-1"], h.Probe.Calls.Order());
        Assert.Equal(2L, result.Outputs["results"]);
    }

    [Fact]
    public async Task RunAsync_Parallel_BranchesRunAtTheSameTime()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: par
            steps:
              - id: both
                parallel:
                  - { id: left, action: probe, with: { key: l, holdMs: 300 } }
                  - { id: right, action: probe, with: { key: r, holdMs: 300 } }
              - { id: after, action: set, with: { values: { l: "{{ steps.left.outputs.key }}" } } }
            """);
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(2, h.Probe.MaxConcurrent);
        Assert.Equal("l", result.Steps.Single(s => s.StepId == "after").Outputs["l"]);
    }

    [Fact]
    public async Task RunAsync_ParallelBranchFails_GroupFailsAfterAllBranchesEnd()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: par
            steps:
              - id: both
                parallel:
                  - { id: left, action: probe, with: { key: l, failTimes: 1 } }
                  - { id: right, action: probe, with: { key: r, holdMs: 100 } }
            """);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(StepStatus.Succeeded, result.Steps.Single(s => s.StepId == "right").Status);
        Assert.Equal("1 of 2 branch(es) failed", result.Steps.Single(s => s.StepId == "both").Error);
    }

    [Fact]
    public async Task RunAsync_StepOnFailure_HandlersRunWithErrorAndRunStillFails()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: handlers
            steps:
              - id: fix
                action: probe
                with: { key: fix, failTimes: 1 }
                onFailure:
                  - { id: page, action: probe, with: { key: "page-{{ error.step }}" } }
            onFailure:
              - { id: notify, action: probe, with: { key: "notify-{{ error.step }}" } }
            finally:
              - { id: cleanup, action: probe, with: { key: cleanup } }
            """);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(["fix", "page-fix", "notify-fix", "cleanup"], h.Probe.Calls);
        Assert.Contains(result.Steps, s => s.Path == "fix/onFailure/page" && s.Status == StepStatus.Succeeded);
    }

    [Fact]
    public async Task RunAsync_ToleratedFailureThenRealFailure_ErrorNamesTheStepThatFailedTheRun()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: which
            steps:
              - { id: soft, action: probe, continueOnError: true, with: { key: soft, failTimes: 1 } }
              - { id: hard, action: probe, with: { key: hard, failTimes: 1 } }
            onFailure:
              - { id: page, action: probe, with: { key: "page-{{ error.step }}" } }
            """);
        Assert.Equal("step 'hard' failed: probe hard failing (1 left)", result.Error);
        Assert.Contains("page-hard", h.Probe.Calls);
    }

    [Fact]
    public async Task RunAsync_DryRunWithHandlers_PlansThemWithPlaceholderError()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: plan-handlers
            steps:
              - id: fix
                action: probe
                with: { key: fix }
                onFailure:
                  - { id: page, action: log, with: { message: "{{ error.step }}: {{ error.message }}" } }
            onFailure:
              - { id: notify, action: log, with: { message: "run failed: {{ error.message }}" } }
            """, dryRun: true);
        Assert.Equal("log (info): fix: (the error message, known at run time)", result.Steps.Single(s => s.StepId == "page").Plan);
        Assert.Equal("log (info): run failed: (the error message, known at run time)", result.Steps.Single(s => s.StepId == "notify").Plan);
    }

    [Fact]
    public async Task RunAsync_Succeeds_OnFailureSkippedButFinallyRuns()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: ok
            steps:
              - { id: a, action: probe, with: { key: a } }
            onFailure:
              - { id: notify, action: probe, with: { key: notify } }
            finally:
              - { id: cleanup, action: probe, with: { key: cleanup } }
            """);
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(["a", "cleanup"], h.Probe.Calls);
    }

    [Fact]
    public async Task RunAsync_SubRunbook_RunsChildWithParametersAndReturnsItsOutputs()
    {
        var dir = Directory.CreateTempSubdirectory("rb-sub-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "child.yaml"), """
                name: child
                parameters: { who: { type: string, required: true } }
                steps:
                  - { id: greet, action: set, with: { values: { text: "hello {{ params.who }}" } } }
                outputs: { greeting: "{{ steps.greet.outputs.text }}" }
                """);
            var parent = Path.Combine(dir.FullName, "parent.yaml");
            File.WriteAllText(parent, """
                name: parent
                steps:
                  - { id: call, action: runbook, with: { path: child.yaml, params: { who: ops } } }
                outputs: { said: "{{ steps.call.outputs.greeting }}" }
                """);
            using var h = new EngineHarness();
            var runbook = h.Loader.LoadFile(parent).EnsureValid();
            var result = await h.Engine.RunAsync(new Core.Engine.RunRequest { Runbook = runbook }, CancellationToken.None);
            Assert.Equal(RunStatus.Succeeded, result.Status);
            Assert.Equal("hello ops", result.Outputs["said"]);
            var childRun = h.Journal.Entries.Single(e => e.Kind == JournalEntryKind.RunStarted && e.Run!.Runbook == "child");
            Assert.Equal(result.RunId, childRun.Run!.ParentRunId);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
