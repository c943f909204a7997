namespace Runbooks.Core.Tests.Validation;

/// <summary>RB0307: untrusted values reach a shell <c>script</c> only through <c>shell.quote</c>; argv elements are safe.</summary>
public sealed class ShellQuotingRuleTests
{
    private const string Danger = "is put into a shell string without quoting, so a value such as '; rm -rf /' would run as a command; write";

    // The script's text starts at line 12, column 22: "echo {{ X" puts X at column 30.
    private static string Runbook(string script) => $$"""
        name: quoting
        parameters:
          unit: { type: string }
          env: { type: string, allowed: [prod, staging] }
          svc: { type: string, pattern: "[a-z]+" }
          count: { type: int }
        steps:
          - id: check
            action: shell
            with: { argv: [systemctl, status] }
          - id: run
            with: { script: "{{script}}" }
            action: shell
        """;

    [Fact]
    public void LoadText_UnquotedParameterInScript_ReportsRB0307SuggestingConstraints()
    {
        var error = Validator.Single(Runbook("echo {{ params.unit }}"));
        Assert.Equal(
            $"rb.yaml:12:30: error RB0307 at steps[1].with.script: 'params.unit' {Danger} {{{{ params.unit | shell.quote }}}}, " +
            "pass it as an argument ('argv' or 'args') instead, or constrain the parameter with 'allowed' or 'pattern'",
            error);
    }

    [Theory]
    [InlineData("steps.check.outputs.stdout")]
    [InlineData("secrets.token")]
    [InlineData("alert.labels.instance")]
    public void LoadText_UnquotedUntrustedValueInScript_ReportsRB0307(string value)
    {
        var error = Validator.Single(Runbook($"echo {{{{ {value} }}}}"));
        Assert.Equal(
            $"rb.yaml:12:30: error RB0307 at steps[1].with.script: '{value}' {Danger} {{{{ {value} | shell.quote }}}}, " +
            "pass it as an argument ('argv' or 'args') instead",
            error);
    }

    [Theory]
    [InlineData("echo {{ params.unit | shell.quote }}")]
    [InlineData("echo {{ params.unit | string.upcase | shell.quote }}")]
    [InlineData("echo {{ shell.quote params.unit }}")]
    [InlineData("echo {{ params.env }}")]
    [InlineData("echo {{ params.svc }}")]
    [InlineData("echo {{ params.count }}")]
    [InlineData("echo {{ run.id }} {{ target.name }}")]
    public void LoadText_QuotedOrConstrainedValueInScript_IsValid(string script) => Validator.Valid(Runbook(script));

    [Fact]
    public void LoadText_ForEachItemInScript_ReportsRB0307()
    {
        var error = Validator.Single("""
            name: quoting
            steps:
              - id: each
                forEach: { items: [a, b] }
                action: shell
                with: { script: "echo {{ item }} {{ index }}" }
            """);
        Assert.Equal($"rb.yaml:6:30: error RB0307 at steps[0].with.script: 'item' {Danger} {{{{ item | shell.quote }}}}, pass it as an argument ('argv' or 'args') instead", error);
    }

    [Fact]
    public void LoadText_UnquotedValuesInArgvAndArgs_AreValid() => Validator.Valid("""
        name: quoting
        parameters:
          unit: { type: string }
        steps:
          - { id: a, action: shell, with: { argv: [systemctl, restart, "{{ params.unit }}"] } }
          - { id: b, action: shell, with: { script: 'systemctl restart "$1"', args: ["{{ params.unit }}", "{{ steps.a.outputs.stdout }}"] } }
        """);

    [Fact]
    public void LoadText_UnquotedParameterInBlockScript_ReportsTheLineAndColumnInTheScript()
    {
        var error = Validator.Single("""
            name: quoting
            parameters:
              unit: { type: string }
            steps:
              - id: a
                action: shell
                with:
                  script: |
                    echo start
                    systemctl restart {{ params.unit }}
            """);
        Assert.StartsWith("rb.yaml:10:30: error RB0307 at steps[0].with.script: 'params.unit' ", error);
    }
}
