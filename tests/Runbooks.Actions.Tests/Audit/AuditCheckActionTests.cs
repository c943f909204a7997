using Runbooks.Actions.Audit;
using Runbooks.Core.Actions;
using Runbooks.Core.Secrets;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Audit;

public sealed class AuditCheckActionTests
{
    private readonly AuditCheckAction _action = new();

    private Task<ActionResult> Judge(object? actual, string op, object? expected, params (string Key, object? Value)[] more)
    {
        var inputs = Map(("check", "c"), ("actual", actual), ("operator", op), ("expected", expected), ("severity", "medium"), ("failOnFinding", false));
        foreach (var (key, value) in more)
        {
            inputs[key] = value;
        }
        return _action.ExecuteAsync(Create(inputs), default);
    }

    private async Task<bool> PassAsync(object? actual, string op, object? expected)
    {
        var result = await Judge(actual, op, expected);
        Assert.True(result.Succeeded, result.Error);
        return (bool)result.Outputs["pass"]!;
    }

    [Theory]
    [InlineData("no", "equals", "no", true)]
    [InlineData("yes", "equals", "no", false)]
    [InlineData("No", "equals", "no", false)]
    [InlineData(22L, "equals", "22", true)]
    [InlineData("22", "equals", 22.0, true)]
    [InlineData(true, "equals", "True", true)]
    [InlineData("false", "equals", true, false)]
    [InlineData("yes", "notEquals", "no", true)]
    [InlineData("no", "notEquals", "no", false)]
    [InlineData(3L, "lessThan", 4L, true)]
    [InlineData(4L, "lessThan", 4L, false)]
    [InlineData(4L, "atMost", 4L, true)]
    [InlineData("4.5", "atMost", 4L, false)]
    [InlineData(5L, "greaterThan", 4.9, true)]
    [InlineData(4L, "greaterThan", 4L, false)]
    [InlineData(4L, "atLeast", "4", true)]
    [InlineData(3L, "atLeast", 4L, false)]
    [InlineData("OpenSSH_9.2p1", "matches", @"^OpenSSH_9\.", true)]
    [InlineData("OpenSSH_8.4p1", "matches", @"^OpenSSH_9\.", false)]
    [InlineData(8080L, "matches", "^80", true)]
    [InlineData("aes128-ctr,3des-cbc", "contains", "3des", true)]
    [InlineData("aes128-ctr", "contains", "3des", false)]
    public async Task ExecuteAsync_ScalarOperator_JudgesAsDocumented(object actual, string op, object expected, bool pass)
    {
        Assert.Equal(pass, await PassAsync(actual, op, expected));
    }

    [Fact]
    public async Task ExecuteAsync_In_PassesWhenActualIsOneOfTheList()
    {
        Assert.True(await PassAsync("prohibit-password", "in", List("no", "prohibit-password")));
        Assert.False(await PassAsync("yes", "in", List("no", "prohibit-password")));
        Assert.True(await PassAsync("3", "in", List(1L, 2L, 3L)));
    }

    [Fact]
    public async Task ExecuteAsync_ContainsOnAListOrAMap_LooksForAnElementOrAKey()
    {
        Assert.True(await PassAsync(List("a", "b"), "contains", "b"));
        Assert.False(await PassAsync(List("a", "b"), "contains", "c"));
        Assert.True(await PassAsync(Map(("Port", "22")), "contains", "Port"));
    }

    [Fact]
    public async Task ExecuteAsync_EqualsOnListsAndMaps_ComparesStructurally()
    {
        Assert.True(await PassAsync(List(), "equals", List()));
        Assert.False(await PassAsync(List("3des-cbc"), "equals", List()));
        Assert.True(await PassAsync(List(1L, "x"), "equals", List("1", "x")));
        Assert.True(await PassAsync(Map(("a", 1L)), "equals", Map(("a", 1.0))));
        Assert.False(await PassAsync(Map(("a", 1L)), "equals", Map(("b", 1L))));
    }

    [Fact]
    public async Task ExecuteAsync_Failing_IsAFindingAndTheStepSucceeds()
    {
        var result = await Judge("yes", "in", List("no", "prohibit-password"), ("check", "sshd PermitRootLogin"), ("severity", "high"), ("remediation", "set it to no"));

        Assert.True(result.Succeeded);
        Assert.False(result.Changed);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["check"] = "sshd PermitRootLogin", ["pass"] = false, ["severity"] = "high", ["actual"] = "yes",
                ["expected"] = List("no", "prohibit-password"), ["operator"] = "in", ["remediation"] = "set it to no",
                ["message"] = "sshd PermitRootLogin: failed (actual yes, expected one of [no, prohibit-password])",
            },
            result.Outputs);
    }

    [Fact]
    public async Task ExecuteAsync_FailingWithFailOnFinding_FailsTheStepAndKeepsTheFinding()
    {
        var result = await Judge(91L, "atMost", 85L, ("check", "disk /var"), ("failOnFinding", true));

        Assert.False(result.Succeeded);
        Assert.Equal("disk /var: failed (actual 91, expected <= 85)", result.Error);
        Assert.Equal(false, result.Outputs["pass"]);
    }

    [Fact]
    public async Task ExecuteAsync_PassingWithFailOnFinding_Succeeds()
    {
        var result = await Judge(12L, "atMost", 85L, ("failOnFinding", true));

        Assert.True(result.Succeeded);
        Assert.Equal("c: passed (actual 12, expected <= 85)", result.Outputs["message"]);
    }

    [Fact]
    public async Task ExecuteAsync_ExplicitPass_TakesTheVerdictAndShowsExpected()
    {
        var result = await _action.ExecuteAsync(Create(Map(("check", "tls www"), ("actual", "12 days left"), ("expected", ">= 30 days"), ("pass", false), ("severity", "critical"))), default);

        Assert.True(result.Succeeded);
        Assert.Equal((false, "pass", "critical"), ((bool)result.Outputs["pass"]!, result.Outputs["operator"], result.Outputs["severity"]));
        Assert.Equal("tls www: failed (actual 12 days left, expected >= 30 days)", result.Outputs["message"]);
    }

    [Fact]
    public async Task ExecuteAsync_ExplicitPassWithoutExpected_SaysOnlyActual()
    {
        var result = await _action.ExecuteAsync(Create(Map(("check", "reboot"), ("actual", false), ("pass", true))), default);

        Assert.Equal("reboot: passed (actual false)", result.Outputs["message"]);
        Assert.Null(result.Outputs["expected"]);
    }

    [Fact]
    public async Task ExecuteAsync_OperatorWithoutExpected_FailsSayingWhatIsMissing()
    {
        var result = await Judge("no", "equals", null);

        Assert.False(result.Succeeded);
        Assert.Equal("check 'c': operator equals needs expected (what actual is judged against); give expected, or decide with pass instead of operator", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_BadRegex_FailsNamingTheProblem()
    {
        var result = await Judge("abc", "matches", "(unclosed");

        Assert.False(result.Succeeded);
        Assert.StartsWith("check 'c': expected is not a valid regular expression: Invalid pattern '(unclosed'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_RegexThatBacktracksWithoutEnd_FailsInsteadOfHanging()
    {
        var result = await Judge(new string('a', 40) + "!", "matches", "^(a+)+$");

        Assert.False(result.Succeeded);
        Assert.Equal("check 'c': the regular expression '^(a+)+$' took longer than 1 s on actual; simplify it (nested quantifiers such as (a+)+ backtrack without end)", result.Error);
    }

    [Theory]
    [InlineData("yes", true, "check 'c': equals cannot compare actual, a string ('yes'), with expected, a bool (true); convert one in the template (e.g. '| string.to_int') so both are numbers, bools, strings, lists or maps")]
    [InlineData("many", 3L, "check 'c': equals cannot compare actual, a string ('many'), with expected, an int (3); convert one in the template (e.g. '| string.to_int') so both are numbers, bools, strings, lists or maps")]
    public async Task ExecuteAsync_EqualsAcrossTypes_FailsNamingBothTypes(object actual, object expected, string error)
    {
        var result = await Judge(actual, "equals", expected);

        Assert.False(result.Succeeded);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_EqualsListWithScalar_FailsAsAMismatch()
    {
        var result = await Judge(List("a"), "equals", "a");

        Assert.Equal("check 'c': equals cannot compare actual, a list, with expected, a string ('a'); convert one in the template (e.g. '| string.to_int') so both are numbers, bools, strings, lists or maps", result.Error);
    }

    [Theory]
    [InlineData("unlimited", 6L, "check 'c': atMost compares numbers, but actual is a string ('unlimited')")]
    [InlineData(6L, "six", "check 'c': atMost compares numbers, but expected is a string ('six')")]
    [InlineData(true, 1L, "check 'c': atMost compares numbers, but actual is a bool (true)")]
    public async Task ExecuteAsync_OrderingWithANonNumber_FailsNamingTheSide(object actual, object expected, string error)
    {
        var result = await Judge(actual, "atMost", expected);

        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_InWithoutAList_Fails()
    {
        var result = await Judge("no", "in", "no,yes");

        Assert.Equal("check 'c': in needs expected to be a list of allowed values, but it is a string ('no,yes')", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_MatchesWithANonString_Fails()
    {
        Assert.Equal("check 'c': matches needs expected to be a regular expression (a string), but it is an int (5)", (await Judge("5", "matches", 5L)).Error);
        Assert.Equal("check 'c': matches needs actual to be a string, number or bool, but it is a list", (await Judge(List("a"), "matches", "a")).Error);
    }

    [Fact]
    public async Task ExecuteAsync_ContainsWithWrongTypes_Fails()
    {
        Assert.Equal("check 'c': contains needs actual to be a string, a list or a map, but it is an int (5)", (await Judge(5L, "contains", "5")).Error);
        Assert.Equal("check 'c': contains on a map looks for a key, so expected must be a string, but it is an int (1)", (await Judge(Map(("a", 1L)), "contains", 1L)).Error);
        Assert.Equal("check 'c': contains on a string needs expected to be a string, number or bool, but it is a list", (await Judge("abc", "contains", List("a"))).Error);
    }

    [Fact]
    public async Task ExecuteAsync_ErrorEchoingASecret_IsMasked()
    {
        var secrets = new SecretMasker();
        secrets.Add("hunter22");
        var context = Create(Map(("check", "c"), ("actual", "hunter22"), ("operator", "atMost"), ("expected", 3L)), secrets: secrets);

        var result = await _action.ExecuteAsync(context, default);

        Assert.Equal("check 'c': atMost compares numbers, but actual is a string ('***')", result.Error);
    }

    [Fact]
    public void Describe_Operator_SaysWhatIsJudgedAndThatNothingRunsOnTheTarget()
    {
        var text = _action.Describe(new ActionInputs(Map(("check", "disk /"), ("actual", 40L), ("operator", "atMost"), ("expected", 85L), ("severity", "high"), ("failOnFinding", false))));

        Assert.Equal("audit check 'disk /' (high), judged here, nothing runs on the target: actual 40, expected <= 85; a failure is recorded as a finding", text);
    }

    [Fact]
    public void Describe_PassWithFailOnFinding_SaysTheStepFails()
    {
        var text = _action.Describe(new ActionInputs(Map(("check", "tls"), ("actual", "x"), ("pass", true), ("failOnFinding", true))));

        Assert.Equal("audit check 'tls' (medium), judged here, nothing runs on the target: pass is true; a failure fails the step", text);
    }
}
