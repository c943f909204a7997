namespace Runbooks.Core.Tests.Validation;

/// <summary>Every problem is reported at once, in file order; close misspellings get a "did you mean", far ones do not.</summary>
public sealed class AllErrorsTests
{
    private const string StepKeys =
        "id, name, action, with, if, retry, timeout, continueOnError, idempotent, outputs, forEach, steps, parallel, onFailure";

    [Fact]
    public void LoadText_NineProblems_ReportsAllInFileOrder()
    {
        var errors = Validator.Errors("""
            name: Bad_Name
            version: [1, 2]
            parameters: { host: { type: string } }
            steps:
              - id: check
                action: shell
                with: { script: "ping {{ params.host }}" }
                retyr: { attempts: 3 }
              - id: check
                action: log
                with: { message: "{{ steps.later.status }} {{ parms.x }}" }
                timeout: soon
              - id: later
                action: wait
                with: { duration: 5 }
            """);
        Assert.Equal(
        [
            "rb.yaml:1:7: error RB0106 at name: 'Bad_Name' is not valid; expected a name that starts with a lowercase letter, followed by lowercase letters, digits, '-' or '_' (at most 63 characters)",
            "rb.yaml:2:10: error RB0103 at version: expected a string, got a list",
            "rb.yaml:7:30: error RB0307 at steps[0].with.script: 'params.host' is put into a shell string without quoting, so a value such as '; rm -rf /' would run as a command; " +
                "write {{ params.host | shell.quote }}, pass it as an argument ('argv' or 'args') instead, or constrain the parameter with 'allowed' or 'pattern'",
            $"rb.yaml:8:5: error RB0101 at steps[0].retyr: unknown key 'retyr' (did you mean 'retry'?); allowed keys: {StepKeys}",
            "rb.yaml:9:9: error RB0107 at steps[1].id: duplicate step id 'check' (first used at line 5); step ids must be unique across the runbook, nested steps included",
            "rb.yaml:11:26: error RB0304 at steps[1].with.message: step 'later' has not run at this point: it comes later, runs in a parallel branch beside this one, or is inside a forEach; " +
                "a step can read only steps that finish before it",
            "rb.yaml:11:51: error RB0306 at steps[1].with.message: unknown variable 'parms' (did you mean 'params'?); available here: alert, params, run, secrets, steps, target",
            "rb.yaml:12:14: error RB0105 at steps[1].timeout: 'soon' is not a duration; expected a number with a unit: ms, s, m, h or d (e.g. 500ms, 30s, 5m, 1h30m), at most 24d",
            "rb.yaml:15:23: error RB0105 at steps[2].with.duration: '5' is not a duration; expected a number with a unit: ms, s, m, h or d (e.g. 500ms, 30s, 5m, 1h30m), at most 24d",
        ], errors);
    }

    [Theory]
    [InlineData("retyr", "retry")]
    [InlineData("timout", "timeout")]
    [InlineData("contineOnError", "continueOnError")]
    [InlineData("Action", "action")]
    public void LoadText_CloseMisspelling_SuggestsTheKey(string key, string suggestion)
    {
        var error = Validator.Single($"name: hints\nsteps:\n  - id: a\n    action: log\n    with: {{ message: hi }}\n    {key}: 1\n");
        Assert.Equal($"rb.yaml:6:5: error RB0101 at steps[0].{key}: unknown key '{key}' (did you mean '{suggestion}'?); allowed keys: {StepKeys}", error);
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("frobnicate")]
    [InlineData("x")]
    public void LoadText_FarMisspelling_ListsKeysWithoutSuggestion(string key)
    {
        var error = Validator.Single($"name: hints\nsteps:\n  - id: a\n    action: log\n    with: {{ message: hi }}\n    {key}: 1\n");
        Assert.Equal($"rb.yaml:6:5: error RB0101 at steps[0].{key}: unknown key '{key}'; allowed keys: {StepKeys}", error);
    }

    [Fact]
    public void LoadText_FarActionName_ListsActionsWithoutSuggestion()
    {
        var error = Validator.Single("name: hints\nsteps:\n  - { id: a, action: frobnicate }\n");
        Assert.EndsWith(
            "error RB0201 at steps[0].action: unknown action 'frobnicate'; available actions: approval, assert, audit.check, disk.usage, file.exists, file.line, file.read, file.write, host.reboot, http.check, http.request, log, notify.webhook, package.check, package.install, package.remove, package.update, process.kill, process.list, runbook, service.disable, service.enable, service.reload, service.restart, service.start, service.status, service.stop, set, shell, ssh.command, ssh.script, wait",
            error);
    }

    [Fact]
    public void LoadText_FarVariable_ListsRootsWithoutSuggestion()
    {
        var error = Validator.Single("name: hints\nsteps:\n  - { id: a, action: log, with: { message: \"{{ hostname }}\" } }\n");
        Assert.EndsWith("error RB0306 at steps[0].with.message: unknown variable 'hostname'; available here: alert, params, run, secrets, steps, target", error);
    }
}
