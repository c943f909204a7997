using Runbooks.Core.Journal;
using Runbooks.Core.Tests.Engine;

namespace Runbooks.Core.Tests.Validation;

/// <summary>
/// <c>designer:</c>: the visual designer's node positions, kept in the file. Their shape is checked like any key
/// (RB0101–RB0103), a position must name a step of the runbook (RB0120), and a run never reads them.
/// </summary>
public sealed class DesignerRuleTests
{
    // Lines 1–11: the steps; line 12: "designer:"; the designer's own lines start at 13.
    private const string Steps = """
        name: laid-out
        steps:
          - id: check
            action: log
            with: { message: hi }
          - id: each
            forEach: { items: [a, b] }
            steps:
              - id: inner
                action: log
                with: { message: "{{ item }}" }

        """;

    private static string WithDesigner(string designer) => Steps + "designer:\n" + designer + "\n";

    [Fact]
    public void LoadText_PositionsForStepsNestedOnesIncluded_IsValid()
    {
        Validator.Valid(WithDesigner("""
              positions:
                check: { x: 120, y: -40.5 }
                inner: { x: 0, y: 1e3 }
            """));
    }

    [Fact]
    public void LoadText_EmptyDesignerMap_IsValid()
    {
        Validator.Valid(WithDesigner("  {}"));
    }

    [Fact]
    public void LoadText_UnknownKeyUnderDesigner_ReportsRB0101NamingTheAllowedKeys()
    {
        var error = Validator.Single(WithDesigner("""
              zoom: 1.5
            """));
        Assert.Equal("rb.yaml:13:3: error RB0101 at designer.zoom: unknown key 'zoom'; allowed keys: positions", error);
    }

    [Fact]
    public void LoadText_UnknownKeyInAPosition_ReportsRB0101WithAHint()
    {
        var error = Validator.Single(WithDesigner("""
              positions:
                check: { x: 1, y: 2, z: 3 }
            """));
        Assert.Equal("rb.yaml:14:26: error RB0101 at designer.positions.check.z: unknown key 'z' (did you mean 'x'?); allowed keys: x, y", error);
    }

    [Fact]
    public void LoadText_PositionThatIsNotANumber_ReportsRB0103()
    {
        var error = Validator.Single(WithDesigner("""
              positions:
                check: { x: 10px, y: 2 }
            """));
        Assert.Equal("rb.yaml:14:17: error RB0103 at designer.positions.check.x: expected a number, got a string ('10px')", error);
    }

    [Fact]
    public void LoadText_PositionWithATemplate_ReportsRB0103BecauseTheLayoutIsNeverRendered()
    {
        var error = Validator.Single(WithDesigner("""
              positions:
                check: { x: "{{ params.x }}", y: 2 }
            """));
        Assert.Equal("rb.yaml:14:17: error RB0103 at designer.positions.check.x: expected a number, got a string ('{{ params.x }}')", error);
    }

    [Fact]
    public void LoadText_PositionWithoutY_ReportsRB0102()
    {
        var error = Validator.Single(WithDesigner("""
              positions:
                check: { x: 1 }
            """));
        Assert.Equal("rb.yaml:14:12: error RB0102 at designer.positions.check: missing required key 'y'", error);
    }

    [Fact]
    public void LoadText_PositionsThatAreAList_ReportsRB0103()
    {
        var error = Validator.Single(WithDesigner("""
              positions: [check]
            """));
        Assert.Equal("rb.yaml:13:14: error RB0103 at designer.positions: expected a map, got a list", error);
    }

    [Fact]
    public void LoadText_PositionForAStepTheRunbookDoesNotHave_ReportsRB0120WithAHintAndTheSteps()
    {
        var error = Validator.Single(WithDesigner("""
              positions:
                chek: { x: 1, y: 2 }
            """));
        Assert.Equal(
            "rb.yaml:14:5: error RB0120 at designer.positions.chek: a position for step 'chek', which the runbook does not have (did you mean 'check'?); " +
            "its steps: check, each, inner; remove the position or rename it to the step's id",
            error);
    }

    [Fact]
    public async Task RunAsync_RunbookWithPositions_RunsExactlyAsWithout()
    {
        const string Probe = """
            name: laid-out
            steps:
              - id: a
                action: probe
                with: { key: one }

            """;
        using var plain = new EngineHarness();
        using var laidOut = new EngineHarness();

        var without = await plain.RunAsync(Probe);
        var with = await laidOut.RunAsync(Probe + "designer:\n  positions:\n    a: { x: 10, y: 20 }\n");

        Assert.Equal((RunStatus.Succeeded, RunStatus.Succeeded), (without.Status, with.Status));
        Assert.Equal(plain.Probe.Calls, laidOut.Probe.Calls);
        Assert.Equal(without.Steps.Select(s => (s.Path, s.Status)), with.Steps.Select(s => (s.Path, s.Status)));
    }
}
