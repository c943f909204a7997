using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Tests.Validation;

/// <summary>Ways past RB0307 found in review; each must stay closed.</summary>
public sealed class ShellInjectionBypassTests
{
    private static string Runbook(string script, string parameter = "s: { type: string, default: x }") => $$"""
        name: bypass
        parameters:
          {{parameter}}
          list: { type: list, default: [a] }
        steps:
          - id: run
            action: shell
            with:
              script: {{script}}
        """;

    [Theory]
    [InlineData("'{{ x = params.s | shell.quote }}echo {{ x | string.replace \"''\" \"\" }}'")]
    [InlineData("'{{ for v in params.list }}echo {{ v }}{{ end }}'")]
    [InlineData("'{{ capture c }}{{ params.s }}{{ end }}echo {{ c | shell.quote }}'")]
    public void LoadText_ShellStringDefiningLocals_ReportsRB0307(string script)
    {
        var errors = Validator.Errors(Runbook(script));
        Assert.Contains(errors, e => e.Contains(RuleCodes.UnquotedShellValue, StringComparison.Ordinal) && e.Contains("may not define template variables", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("'echo {{ params.s }}{{ if false; params = 0; end }}'", "'params'")]
    [InlineData("'{{ func f(target); ret 1; end }}echo {{ target.name }}'", "'target'")]
    public void LoadText_TemplateRedefiningARoot_ReportsIt(string script, string name)
    {
        var errors = Validator.Errors(Runbook(script));
        Assert.Contains(errors, e => e.Contains($"the template redefines {name}, which Runbooks provides", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_ForEachAsARootName_ReportsRB0106()
    {
        var errors = Validator.Errors("""
            name: bypass
            parameters: { list: { type: list, default: [a] } }
            steps:
              - id: each
                forEach: { items: "{{ params.list }}", as: target }
                action: shell
                with: { script: "echo {{ target }}" }
            """);
        Assert.Contains("rb.yaml:5:48: error RB0106 at steps[0].forEach.as: 'target' is a name Runbooks provides in templates and cannot name the item; choose another (e.g. host, service)", errors);
    }

    [Fact]
    public void LoadText_ListParameterWithPattern_IsStillUntrusted()
    {
        var errors = Validator.Errors(Runbook("\"echo {{ params.hosts | array.join ' ' }}\"", "hosts: { type: list, pattern: \"[a-z0-9.-]+\", default: [a] }"));
        Assert.Contains(errors, e => e.Contains("RB0307 at steps[0].with.script: 'params.hosts' is put into a shell string without quoting", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("'echo \"{{ params.s | shell.quote }}\"'")]
    [InlineData("'echo `cat {{ params.s | shell.quote }}`'")]
    public void LoadText_QuotedValueInsideShellQuotes_ReportsRB0307(string script)
    {
        var errors = Validator.Errors(Runbook(script));
        Assert.Contains(errors, e => e.Contains("is quoted with shell.quote but stands inside shell quotes or backticks", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("|\n          # don't worry: it's quoted\n          echo {{ params.s | shell.quote }}")]
    [InlineData("'echo \"done\" {{ params.s | shell.quote }} \\\"x'")]
    [InlineData("'x=$(cat {{ params.s | shell.quote }})'")]
    public void LoadText_QuotedValueOutsideQuotes_IsValid(string script) => Validator.Valid(Runbook(script));
}

/// <summary>Second review: holes that print shell syntax, scanner gaps, literal-only inputs.</summary>
public sealed class ShellSyntaxInHolesTests
{
    private static IReadOnlyList<string> Errors(string with) => Validator.Errors($$"""
        name: holes
        parameters:
          s: { type: string, default: x }
          m: { type: map, default: {} }
        steps:
          - id: run
            action: shell
            with:
              {{with}}
        """);

    [Theory]
    [InlineData("script: \"echo {{ \\\"'\\\" }}{{ params.s | shell.quote }}{{ \\\"'\\\" }}\"")]
    [InlineData("script: \"echo {{ if true }}'{{ else }}'{{ end }}{{ params.s | shell.quote }}'\"")]
    [InlineData("script: \"echo {{ true ? params.s : 'x' | shell.quote }}\"")]
    public void LoadText_HoleThatCanPrintShellSyntax_ReportsRB0307(string with) =>
        Assert.Contains(Errors(with), e => e.Contains("a shell string may only insert values", StringComparison.Ordinal));

    [Theory]
    [InlineData("script: |\n        echo \\ #'\n        {{ params.s | shell.quote }}\n        '", "inside shell quotes")]
    [InlineData("script: \"echo \\\"\\r{{ params.s | shell.quote }}\\\"\"", "inside shell quotes")]
    [InlineData("script: |\n        cat <<EOF\n        {{ params.s | shell.quote }}\n        EOF", "in a here-document")]
    public void LoadText_QuotedValueTheScannerMustNotMisplace_ReportsRB0307(string with, string where) =>
        Assert.Contains(Errors(with), e => e.Contains("RB0307", StringComparison.Ordinal) && e.Contains(where, StringComparison.Ordinal));

    [Theory]
    [InlineData("argv: [env]\n      env: \"{{ params.m }}\"")]
    [InlineData("script: echo\n      interpreter: \"{{ params.s }}\"")]
    public void LoadText_LiteralOnlyInputAsTemplate_ReportsRB0103(string with) =>
        Assert.Contains(Errors(with), e => e.Contains("RB0103", StringComparison.Ordinal) && e.Contains("must be written out literally", StringComparison.Ordinal));
}
