using Runbooks.Core.Actions;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;

namespace Runbooks.Actions.Tests.Audit;

/// <summary>What the validator says about audit.check steps before anything runs.</summary>
public sealed class AuditCheckValidationTests
{
    private static readonly RunbookLoader Loader = new(new ActionRegistry(BuiltInActions.Create(new HttpClient())), new ScribanTemplateEngine());

    [Fact]
    public void LoadText_OperatorOrPass_IsValid()
    {
        Assert.Empty(Errors("check: a, actual: 1, operator: atMost, expected: 2"));
        Assert.Empty(Errors("check: a, actual: 1, pass: true"));
        Assert.Empty(Errors("check: a, actual: 1, operator: \"{{ 'in' }}\", expected: [1]"));
    }

    [Fact]
    public void LoadText_BothOperatorAndPass_IsRefused()
    {
        var error = Assert.Single(Errors("check: a, actual: 1, operator: equals, expected: 1, pass: true"));
        Assert.EndsWith("exactly one of 'operator', 'pass' is required, found 'operator' and 'pass'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_NeitherOperatorNorPass_IsRefused()
    {
        var error = Assert.Single(Errors("check: a, actual: 1, expected: 1"));
        Assert.EndsWith("exactly one of 'operator', 'pass' is required, found none", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_UnknownOperator_ListsTheAllowedOnes()
    {
        var error = Assert.Single(Errors("check: a, actual: 1, operator: below, expected: 1"));
        Assert.Contains("'below'", error, StringComparison.Ordinal);
        Assert.Contains("equals, notEquals, lessThan, atMost, greaterThan, atLeast, matches, contains, in", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_UnknownSeverity_ListsTheAllowedOnes()
    {
        var error = Assert.Single(Errors("check: a, actual: 1, pass: true, severity: urgent"));
        Assert.Contains("info, low, medium, high, critical", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_MissingCheckOrActual_IsRefused()
    {
        var errors = Errors("operator: equals, expected: 1");

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("'check'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'actual'", StringComparison.Ordinal));
    }

    private static List<string> Errors(string with) =>
        [.. Loader.LoadText($"name: audit\nsteps:\n  - id: a\n    action: audit.check\n    with: {{ {with} }}\n", "rb.yaml").Diagnostics.Select(d => d.ToString())];
}
