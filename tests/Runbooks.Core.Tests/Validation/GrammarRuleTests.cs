namespace Runbooks.Core.Tests.Validation;

/// <summary>RB0101–RB0106: keys, types, enumerations, durations and names, in the grammar and in action inputs.</summary>
public sealed class GrammarRuleTests
{
    private const string DurationRule = "expected a number with a unit: ms, s, m, h or d (e.g. 500ms, 30s, 5m, 1h30m), at most 24d";
    private const string NameRule =
        "expected a name that starts with a lowercase letter, followed by lowercase letters, digits, '-' or '_' (at most 63 characters)";

    private const string ParameterTypeTypo = """
        name: params
        parameters:
          host: { type: strnig }
        steps:
          - { id: a, action: log, with: { message: hi } }
        """;

    private const string ParameterTypeTypoError =
        "rb.yaml:3:17: error RB0104 at parameters.host.type: 'strnig' is not allowed; allowed values: string, int, number, bool, duration, list, map, secret";

    [Fact]
    public void LoadText_UnknownStepKey_ReportsRB0101WithHintAndAllowedKeys()
    {
        var error = Validator.Single("""
            name: keys
            steps:
              - id: a
                action: log
                with: { message: hi }
                retyr: { attempts: 3 }
            """);
        Assert.Equal(
            "rb.yaml:6:5: error RB0101 at steps[0].retyr: unknown key 'retyr' (did you mean 'retry'?); allowed keys: " +
            "id, name, action, with, if, retry, timeout, continueOnError, idempotent, outputs, forEach, steps, parallel, onFailure",
            error);
    }

    [Fact]
    public void LoadText_UnknownActionInput_ReportsRB0101AtTheKey()
    {
        var error = Validator.Single("""
            name: keys
            steps:
              - id: a
                action: log
                with: { message: hi, levle: info }
            """);
        Assert.Equal("rb.yaml:5:26: error RB0101 at steps[0].with.levle: unknown key 'levle' (did you mean 'level'?); allowed keys: message, level", error);
    }

    [Fact]
    public void LoadText_NoName_ReportsRB0102AtTheDocument()
    {
        var error = Validator.Single("""
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        Assert.Equal("rb.yaml:1:1: error RB0102: missing required key 'name'", error);
    }

    [Fact]
    public void LoadText_StepWithoutId_ReportsRB0102AtTheStep()
    {
        var error = Validator.Single("""
            name: ids
            steps:
              - action: log
                with: { message: hi }
            """);
        Assert.Equal("rb.yaml:3:5: error RB0102 at steps[0]: missing required key 'id'", error);
    }

    [Fact]
    public void LoadText_RequiredInputMissing_ReportsRB0102AtWith()
    {
        var error = Validator.Single("""
            name: inputs
            steps:
              - id: a
                action: log
                with: { level: info }
            """);
        Assert.Equal("rb.yaml:5:11: error RB0102 at steps[0].with: missing required key 'message'", error);
    }

    [Fact]
    public void LoadText_TargetsWithoutHosts_ReportsRB0102()
    {
        var error = Validator.Single("""
            name: fleet
            targets: { strategy: { concurrency: 2 } }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        Assert.Equal("rb.yaml:2:10: error RB0102 at targets: targets needs at least one of 'hosts', 'groups' or 'selector', or write targets: local", error);
    }

    [Fact]
    public void LoadText_StringForBool_ReportsRB0103()
    {
        var error = Validator.Single("""
            name: types
            steps:
              - id: a
                action: log
                with: { message: hi }
                continueOnError: maybe
            """);
        Assert.Equal("rb.yaml:6:22: error RB0103 at steps[0].continueOnError: expected a bool (true or false), got a string ('maybe')", error);
    }

    [Fact]
    public void LoadText_StepIsAString_ReportsRB0103()
    {
        var error = Validator.Single("""
            name: types
            steps:
              - restart nginx
            """);
        Assert.Equal("rb.yaml:3:5: error RB0103 at steps[0]: a step is a map with id and action, got a string", error);
    }

    [Fact]
    public void LoadText_DocumentIsAList_ReportsRB0103()
    {
        var error = Validator.Single("""
            - name: types
            """);
        Assert.Equal("rb.yaml:1:1: error RB0103: a runbook is a map with name and steps, got a list", error);
    }

    [Fact]
    public void LoadText_InputOfWrongType_ReportsRB0103AtTheItem()
    {
        var error = Validator.Single("""
            name: types
            steps:
              - id: a
                action: shell
                with: { argv: [uptime], okExitCodes: [zero] }
            """);
        Assert.Equal("rb.yaml:5:43: error RB0103 at steps[0].with.okExitCodes[0]: expected an int, got a string ('zero')", error);
    }

    [Fact]
    public void LoadText_InputValueReadingOutOfRange_StillReportsRB0103()
    {
        var error = Validator.Single("""
            name: types
            steps:
              - id: a
                action: shell
                with: { argv: [uptime], maxOutputBytes: out of range }
            """);
        Assert.Equal("rb.yaml:5:45: error RB0103 at steps[0].with.maxOutputBytes: expected an int, got a string ('out of range')", error);
    }

    [Theory]
    [InlineData("retry", "a map")]
    [InlineData("forEach", "a map")]
    [InlineData("onFailure", "a list")]
    public void LoadText_TemplateForAStructuralKey_ReportsRB0103(string key, string expected)
    {
        var error = Validator.Single($"name: types\nsteps:\n  - id: a\n    action: log\n    with: {{ message: hi }}\n    {key}: \"{{{{ params.n }}}}\"\n");
        Assert.Equal($"rb.yaml:6:{key.Length + 7}: error RB0103 at steps[0].{key}: expected {expected}, got a string ('{{{{ params.n }}}}')", error);
    }

    [Fact]
    public void LoadText_BackoffNotInEnum_ReportsRB0104()
    {
        var error = Validator.Single("""
            name: enums
            steps:
              - id: a
                action: log
                with: { message: hi }
                retry: { backoff: linear }
            """);
        Assert.Equal("rb.yaml:6:23: error RB0104 at steps[0].retry.backoff: 'linear' is not allowed; allowed values: fixed, exponential", error);
    }

    [Fact]
    public void LoadText_InputNotInEnum_ReportsRB0104()
    {
        var error = Validator.Single("""
            name: enums
            steps:
              - id: a
                action: log
                with: { message: hi, level: loud }
            """);
        Assert.Equal("rb.yaml:5:33: error RB0104 at steps[0].with.level: 'loud' is not allowed; allowed values: debug, info, warning, error", error);
    }

    [Fact]
    public void LoadText_UnknownParameterType_ReportsRB0104()
    {
        var errors = Validator.Errors(ParameterTypeTypo);
        Assert.Equal([ParameterTypeTypoError], errors.Distinct());
    }

    [Fact]
    public void LoadText_UnknownParameterType_ReportsRB0104Once() =>
        Assert.Equal(ParameterTypeTypoError, Validator.Single(ParameterTypeTypo));

    [Fact]
    public void LoadText_TimeoutInWords_ReportsRB0105()
    {
        var error = Validator.Single("""
            name: durations
            steps:
              - id: a
                action: log
                with: { message: hi }
                timeout: 5 minutes
            """);
        Assert.Equal($"rb.yaml:6:14: error RB0105 at steps[0].timeout: '5 minutes' is not a duration; {DurationRule}", error);
    }

    [Fact]
    public void LoadText_InputDurationWithoutUnit_ReportsRB0105()
    {
        var error = Validator.Single("""
            name: durations
            steps:
              - id: a
                action: wait
                with: { duration: 5 }
            """);
        Assert.Equal($"rb.yaml:5:23: error RB0105 at steps[0].with.duration: '5' is not a duration; {DurationRule}", error);
    }

    [Fact]
    public void LoadText_UppercaseRunbookName_ReportsRB0106()
    {
        var error = Validator.Single("""
            name: Restart_Nginx
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        Assert.Equal($"rb.yaml:1:7: error RB0106 at name: 'Restart_Nginx' is not valid; {NameRule}", error);
    }

    [Fact]
    public void LoadText_StepIdWithSpace_ReportsRB0106()
    {
        var error = Validator.Single("""
            name: names
            steps:
              - id: Check Disk
                action: log
                with: { message: hi }
            """);
        Assert.Equal(
            "rb.yaml:3:9: error RB0106 at steps[0].id: 'Check Disk' is not valid; expected an id that starts with a lowercase letter, " +
            "followed by lowercase letters, digits or '_' (at most 63 characters; no '-', which templates would read as minus in steps.<id>)",
            error);
    }

    [Fact]
    public void LoadText_ParameterNameWithDash_ReportsRB0106()
    {
        var error = Validator.Single("""
            name: names
            parameters:
              Host-Name: { type: string }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        Assert.Equal(
            "rb.yaml:3:3: error RB0106 at parameters.Host-Name: 'Host-Name' is not a valid parameter name; " +
            "start with a lowercase letter, then letters, digits or '_' (it is used as params.Host-Name)",
            error);
    }
}
