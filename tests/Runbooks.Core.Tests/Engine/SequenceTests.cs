using Runbooks.Core.Journal;

namespace Runbooks.Core.Tests.Engine;

public sealed class SequenceTests
{
    [Fact]
    public async Task RunAsync_StepFails_LaterStepsSkippedWithReasonAndRunFailed()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: seq
            steps:
              - { id: a, action: probe, with: { key: a } }
              - { id: b, action: probe, with: { key: b, failTimes: 1 } }
              - { id: c, action: probe, with: { key: c } }
            """);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(["a", "b"], h.Probe.Calls);
        var c = Assert.Single(result.Steps, s => s.StepId == "c");
        Assert.Equal(StepStatus.Skipped, c.Status);
        Assert.Equal("an earlier step failed", c.Error);
        Assert.Equal("step 'b' failed: probe b failing (1 left)", result.Error);
    }

    [Fact]
    public async Task RunAsync_IfFalse_StepSkippedAndRunSucceeds()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: cond
            parameters: { go: { type: bool, default: false } }
            steps:
              - { id: a, action: probe, if: "params.go", with: { key: a } }
              - { id: b, action: probe, if: "!params.go", with: { key: b } }
            """);
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(["b"], h.Probe.Calls);
        Assert.Equal("condition is false: params.go", result.Steps.Single(s => s.StepId == "a").Error);
    }

    [Fact]
    public async Task RunAsync_StepOutputs_LaterStepsAndRunOutputsReadThem()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: outs
            steps:
              - id: a
                action: shell
                with: { argv: [echo, "42"] }
                outputs: { answer: "{{ result.stdout | string.strip }}" }
              - id: b
                action: set
                with: { values: { doubled: "{{ (steps.a.outputs.answer | string.to_int) * 2 }}" } }
            outputs:
              answer: "{{ steps.a.outputs.answer }}"
              doubled: "{{ steps.b.outputs.doubled }}"
              status: "{{ steps.a.status }}"
            """);
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("42", result.Outputs["answer"]);
        Assert.Equal(84L, result.Outputs["doubled"]);
        Assert.Equal("succeeded", result.Outputs["status"]);
    }

    [Fact]
    public async Task RunAsync_ContinueOnError_RunGoesOnAndSucceeds()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: coe
            steps:
              - { id: a, action: probe, continueOnError: true, with: { key: a, failTimes: 5 } }
              - { id: b, action: probe, with: { key: b } }
            """);
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(["a", "b"], h.Probe.Calls);
        Assert.Equal(StepStatus.Failed, result.Steps.Single(s => s.StepId == "a").Status);
    }

    [Fact]
    public async Task RunAsync_ShellNonZeroExit_StepFailsWithExitCode()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: exit
            steps:
              - { id: a, action: shell, with: { argv: [sh, -c, "echo oops >&2; exit 3"] } }
            """);
        var a = Assert.Single(result.Steps);
        Assert.Equal(StepStatus.Failed, a.Status);
        Assert.Equal(3, a.ExitCode);
        Assert.Contains("oops", a.Stderr, StringComparison.Ordinal);
    }
}
