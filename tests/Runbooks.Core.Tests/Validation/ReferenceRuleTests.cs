namespace Runbooks.Core.Tests.Validation;

/// <summary>RB0201, RB0301–RB0306, RB0310: actions exist, templates parse and read only what exists and has run.</summary>
public sealed class ReferenceRuleTests
{
    private const string Unreachable =
        "has not run at this point: it comes later, runs in a parallel branch beside this one, or is inside a forEach; " +
        "a step can read only steps that finish before it";

    [Fact]
    public void LoadText_UnknownAction_ReportsRB0201AtTheActionValue()
    {
        var error = Validator.Single("""
            name: actions
            steps:
              - id: a
                action: shel
                with: { argv: [uptime] }
            """);
        Assert.Equal(
            "rb.yaml:4:13: error RB0201 at steps[0].action: unknown action 'shel' (did you mean 'shell'?); " +
            "available actions: approval, assert, audit.check, disk.usage, file.exists, file.line, file.read, file.write, host.reboot, http.check, http.request, log, notify.webhook, package.check, package.install, package.remove, package.update, process.kill, process.list, runbook, service.disable, service.enable, service.reload, service.restart, service.start, service.status, service.stop, set, shell, ssh.command, ssh.script, wait",
            error);
    }

    [Fact]
    public void LoadText_UnknownAction_ReportsRB0201WithHintAndActions()
    {
        var error = Validator.Single("""
            name: actions
            steps:
              - { id: a, action: shel, with: { argv: [uptime] } }
            """);
        Assert.EndsWith(
            ": error RB0201 at steps[0].action: unknown action 'shel' (did you mean 'shell'?); " +
            "available actions: approval, assert, audit.check, disk.usage, file.exists, file.line, file.read, file.write, host.reboot, http.check, http.request, log, notify.webhook, package.check, package.install, package.remove, package.update, process.kill, process.list, runbook, service.disable, service.enable, service.reload, service.restart, service.start, service.status, service.stop, set, shell, ssh.command, ssh.script, wait",
            error);
        Assert.StartsWith("rb.yaml:3:", error);
    }

    [Fact]
    public void LoadText_TemplateSyntaxError_ReportsRB0301AtTheToken()
    {
        var error = Validator.Single("""
            name: templates
            parameters:
              host: { type: string }
            steps:
              - id: a
                action: log
                with: { message: "{{ params.host ) }}" }
            """);
        Assert.Equal(
            "rb.yaml:7:38: error RB0301 at steps[0].with.message: Template syntax error: Invalid token found `)`. Expecting <EOL>/end of line.",
            error);
    }

    [Fact]
    public void LoadText_TemplateWithStatement_ReportsRB0301()
    {
        var error = Validator.Single("""
            name: templates
            steps:
              - id: a
                action: log
                with: { message: "{{ with params }}{{ host }}{{ end }}" }
            """);
        Assert.Equal(
            "rb.yaml:5:26: error RB0301 at steps[0].with.message: `with` is not supported in runbook templates: " +
            "it hides which variables the template reads. Write the full path instead, e.g. `params.host`.",
            error);
    }

    [Fact]
    public void LoadText_UnknownParameter_ReportsRB0302WithHint()
    {
        var error = Validator.Single("""
            name: refs
            parameters:
              host: { type: string }
            steps:
              - id: a
                action: log
                with: { message: "{{ params.hots }}" }
            """);
        Assert.Equal("rb.yaml:7:26: error RB0302 at steps[0].with.message: unknown parameter 'hots' (did you mean 'host'?); declared parameters: host", error);
    }

    [Fact]
    public void LoadText_UnknownStep_ReportsRB0303WithHint()
    {
        var error = Validator.Single("""
            name: refs
            steps:
              - { id: check, action: log, with: { message: hi } }
              - id: show
                action: log
                with: { message: "{{ steps.chek.status }}" }
            """);
        Assert.Equal("rb.yaml:6:26: error RB0303 at steps[1].with.message: unknown step 'chek' (did you mean 'check'?); steps: check, show", error);
    }

    [Fact]
    public void LoadText_ForwardReference_ReportsRB0304()
    {
        var error = Validator.Single("""
            name: refs
            steps:
              - id: first
                action: log
                with: { message: "{{ steps.second.status }}" }
              - { id: second, action: log, with: { message: hi } }
            """);
        Assert.Equal($"rb.yaml:5:26: error RB0304 at steps[0].with.message: step 'second' {Unreachable}", error);
    }

    [Fact]
    public void LoadText_SiblingParallelBranch_ReportsRB0304ButAfterTheGroupIsFine()
    {
        var error = Validator.Single("""
            name: refs
            steps:
              - id: group
                parallel:
                  - { id: left, action: log, with: { message: hi } }
                  - id: right
                    action: log
                    with: { message: "{{ steps.left.status }}" }
              - id: after
                action: log
                with: { message: "{{ steps.left.status }} {{ steps.right.status }}" }
            """);
        Assert.Equal($"rb.yaml:8:30: error RB0304 at steps[0].parallel[1].with.message: step 'left' {Unreachable}", error);
    }

    [Fact]
    public void LoadText_StepInsideForEachReadFromOutside_ReportsRB0304()
    {
        var error = Validator.Single("""
            name: refs
            steps:
              - id: loop
                forEach: { items: [1, 2] }
                steps:
                  - { id: inner, action: log, with: { message: "{{ item }}" } }
              - id: after
                action: log
                with: { message: "{{ steps.inner.status }} {{ steps.loop.outputs.count }}" }
            """);
        Assert.Equal($"rb.yaml:9:26: error RB0304 at steps[1].with.message: step 'inner' {Unreachable}", error);
    }

    [Fact]
    public void LoadText_UnknownShellOutput_ReportsRB0305ListingItsOutputs()
    {
        var error = Validator.Single("""
            name: refs
            steps:
              - { id: check, action: shell, with: { argv: [uptime] } }
              - id: show
                action: log
                with: { message: "{{ steps.check.outputs.stdot }}" }
            """);
        Assert.Equal(
            "rb.yaml:6:26: error RB0305 at steps[1].with.message: step 'check' (action shell) has no output 'stdot' (did you mean 'stdout'?); " +
            "its outputs: exitCode, stdout, stderr",
            error);
    }

    [Fact]
    public void LoadText_UnknownStepMember_ReportsRB0305ListingMembers()
    {
        var error = Validator.Single("""
            name: refs
            steps:
              - { id: check, action: shell, with: { argv: [uptime] } }
              - id: show
                action: log
                with: { message: "{{ steps.check.output.stdout }}" }
            """);
        Assert.Equal(
            "rb.yaml:6:26: error RB0305 at steps[1].with.message: steps.check has no member 'output' (did you mean 'outputs'?); " +
            "allowed: status, outputs, error, attempts, changed, durationMs",
            error);
    }

    [Fact]
    public void LoadText_SetOutputs_AreKnownFromItsValuesKeys()
    {
        var error = Validator.Single("""
            name: refs
            steps:
              - { id: facts, action: set, with: { values: { version: "1.2" } } }
              - id: show
                action: log
                with: { message: "{{ steps.facts.outputs.version }} {{ steps.facts.outputs.verison }}" }
            """);
        Assert.Equal(
            "rb.yaml:6:60: error RB0305 at steps[1].with.message: step 'facts' (action set) has no output 'verison' (did you mean 'version'?); its outputs: version",
            error);
    }

    [Fact]
    public void LoadText_UnknownVariable_ReportsRB0306WithHintAndRoots()
    {
        var error = Validator.Single("""
            name: refs
            steps:
              - id: a
                action: log
                with: { message: "{{ parms.host }}" }
            """);
        Assert.Equal(
            "rb.yaml:5:26: error RB0306 at steps[0].with.message: unknown variable 'parms' (did you mean 'params'?); " +
            "available here: alert, params, run, secrets, steps, target",
            error);
    }

    [Fact]
    public void LoadText_StepReadsItself_ReportsRB0310()
    {
        var error = Validator.Single("""
            name: refs
            steps:
              - id: check
                action: shell
                with: { argv: [uptime] }
                outputs:
                  load: "{{ steps.check.outputs.stdout }}"
            """);
        Assert.Equal(
            "rb.yaml:7:17: error RB0310 at steps[0].outputs.load: step 'check' reads its own result; " +
            "in its 'outputs' use result.outputs, result.stdout or result.exitCode",
            error);
    }
}
