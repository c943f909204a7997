namespace Runbooks.Core.Tests.Validation;

/// <summary>RB0107–RB0112: step ids, exactly-one-of inputs, ranges, parameter patterns and defaults, step shapes.</summary>
public sealed class StructureRuleTests
{
    [Fact]
    public void LoadText_NestedStepReusesId_ReportsRB0107AtTheSecond()
    {
        var error = Validator.Single("""
            name: ids
            steps:
              - id: check
                action: log
                with: { message: a }
              - id: loop
                forEach: { items: [1, 2] }
                steps:
                  - id: check
                    action: log
                    with: { message: b }
            """);
        Assert.Equal(
            "rb.yaml:9:13: error RB0107 at steps[1].steps[0].id: duplicate step id 'check' (first used at line 3); " +
            "step ids must be unique across the runbook, nested steps included",
            error);
    }

    [Fact]
    public void LoadText_ShellWithNeitherArgvNorScript_ReportsRB0108None()
    {
        var error = Validator.Single("""
            name: shell
            steps:
              - id: a
                action: shell
                with: { env: { A: b } }
            """);
        Assert.Equal("rb.yaml:5:11: error RB0108 at steps[0].with: exactly one of 'argv', 'script' is required, found none", error);
    }

    [Fact]
    public void LoadText_ShellWithArgvAndScript_ReportsRB0108Both()
    {
        var error = Validator.Single("""
            name: shell
            steps:
              - id: a
                action: shell
                with: { argv: [ls], script: ls }
            """);
        Assert.Equal("rb.yaml:5:11: error RB0108 at steps[0].with: exactly one of 'argv', 'script' is required, found 'argv' and 'script'", error);
    }

    [Fact]
    public void LoadText_ZeroAttempts_ReportsRB0109()
    {
        var error = Validator.Single("""
            name: ranges
            steps:
              - id: a
                action: log
                with: { message: hi }
                retry: { attempts: 0 }
            """);
        Assert.Equal("rb.yaml:6:24: error RB0109 at steps[0].retry.attempts: 0 is out of range; allowed: 1 to 100", error);
    }

    [Fact]
    public void LoadText_InputBelowMinimum_ReportsRB0109()
    {
        var error = Validator.Single("""
            name: ranges
            steps:
              - id: a
                action: shell
                with: { argv: [uptime], maxOutputBytes: -1 }
            """);
        Assert.Equal("rb.yaml:5:45: error RB0109 at steps[0].with.maxOutputBytes: -1 is out of range; allowed: 0 to 16777216", error);
    }

    [Fact]
    public void LoadText_UnterminatedPattern_ReportsRB0110AtThePattern()
    {
        var error = Validator.Single("""
            name: patterns
            parameters:
              unit: { type: string, pattern: "[a-z" }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        Assert.StartsWith("rb.yaml:3:34: error RB0110 at parameters.unit.pattern: '[a-z' is not a valid regular expression: ", error);
    }

    [Fact]
    public void LoadText_UnterminatedPattern_ReportsRB0110InTheAuthorsTerms()
    {
        var error = Validator.Single("""
            name: patterns
            parameters:
              unit: { type: string, pattern: "[a-z" }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        Assert.Equal(
            "rb.yaml:3:34: error RB0110 at parameters.unit.pattern: '[a-z' is not a valid regular expression: " +
            "Invalid pattern '[a-z' at offset 4. Unterminated [] set.",
            error);
    }

    [Fact]
    public void LoadText_PatternThatEscapesItsAnchors_ReportsRB0110()
    {
        var error = Validator.Single("""
            name: patterns
            parameters:
              unit: { type: string, pattern: "a)|(.*" }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        Assert.Equal(
            "rb.yaml:3:34: error RB0110 at parameters.unit.pattern: 'a)|(.*' is not a valid regular expression: " +
            "Invalid pattern 'a)|(.*' at offset 2. Too many )'s.",
            error);
    }

    [Fact]
    public void LoadText_DefaultOfWrongType_ReportsRB0111()
    {
        var error = Validator.Single("""
            name: defaults
            parameters:
              count: { type: int, default: abc }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        Assert.Equal("rb.yaml:3:32: error RB0111 at parameters.count.default: the default does not fit the parameter: expected an int, got 'abc'", error);
    }

    [Fact]
    public void LoadText_DefaultOutsideAllowed_ReportsRB0111()
    {
        var error = Validator.Single("""
            name: defaults
            parameters:
              env: { type: string, allowed: [prod, staging], default: qa }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        Assert.Equal("rb.yaml:3:59: error RB0111 at parameters.env.default: the default does not fit the parameter: 'qa' is not allowed; allowed values: prod, staging", error);
    }

    [Theory]
    [InlineData("action: log\n    with: { message: hi }\n    parallel:\n      - { id: b, action: log, with: { message: hi } }",
        "a parallel group has only 'parallel' branches; move 'action', 'forEach' or 'steps' into a branch")]
    [InlineData("forEach: { items: [1] }\n    action: log\n    with: { message: hi }\n    steps:\n      - { id: b, action: log, with: { message: hi } }",
        "a forEach step has either 'action' (run per item) or 'steps' (a block per item), not both")]
    [InlineData("forEach: { items: [1] }",
        "a forEach step needs 'action' (run per item) or 'steps' (a block per item)")]
    [InlineData("steps:\n      - { id: b, action: log, with: { message: hi } }",
        "'steps' belongs to a forEach step; use 'parallel' for branches that run at the same time")]
    [InlineData("name: nothing to do",
        "a step needs 'action', 'forEach' or 'parallel'")]
    public void LoadText_StepShapeWrong_ReportsRB0112(string body, string message)
    {
        var error = Validator.Single($"name: shapes\nsteps:\n  - id: a\n    {body}\n");
        Assert.Equal($"rb.yaml:3:5: error RB0112 at steps[0]: {message}", error);
    }

    [Fact]
    public void LoadText_WithButNoAction_ReportsRB0112Once()
    {
        var errors = Validator.Errors("""
            name: shapes
            steps:
              - id: a
                with: { message: hi }
            """);
        Assert.Equal(["rb.yaml:3:5: error RB0112 at steps[0]: a step needs 'action', 'forEach' or 'parallel'"], errors);
    }
}
