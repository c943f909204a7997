namespace Runbooks.Core.Tests.Validation;

/// <summary>RB0308–RB0309: sub-runbooks are loaded from the caller's folder, must be valid, and may not call each other in a cycle.</summary>
public sealed class SubRunbookRuleTests
{
    private const string Cycle = "a sub-runbook may not call a runbook that is already running";

    // The path's value is at line 5, column 19.
    private static string Calling(string name, string path) => $$"""
        name: {{name}}
        steps:
          - id: call
            action: runbook
            with: { path: {{path}} }
        """;

    [Fact]
    public void LoadFile_TwoRunbooksCallEachOther_ReportsRB0308WithTheChain()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("a.yaml", Calling("a", "b.yaml"));
        var b = dir.Write("b.yaml", Calling("b", "a.yaml"));
        var errors = Validator.Loader.LoadFile(a).Diagnostics.Select(d => d.ToString());
        Assert.Equal(
        [
            $"{a}:5:19: error RB0309 at steps[0].with.path: sub-runbook 'b.yaml' is invalid (1 problem(s), listed with its file name)",
            $"{b}:5:19: error RB0308 at steps[0].with.path: runbooks call each other in a cycle: a.yaml → b.yaml → a.yaml; {Cycle}",
        ], errors);
    }

    [Fact]
    public void LoadFile_RunbookCallsItself_ReportsRB0308()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("a.yaml", Calling("a", "a.yaml"));
        var error = Assert.Single(Validator.Loader.LoadFile(a).Diagnostics).ToString();
        Assert.Equal($"{a}:5:19: error RB0308 at steps[0].with.path: runbooks call each other in a cycle: a.yaml → a.yaml; {Cycle}", error);
    }

    [Fact]
    public void LoadFile_SubRunbookMissing_ReportsRB0309WhereItLooked()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("a.yaml", Calling("a", "missing.yaml"));
        var error = Assert.Single(Validator.Loader.LoadFile(a).Diagnostics).ToString();
        Assert.Equal(
            $"{a}:5:19: error RB0309 at steps[0].with.path: sub-runbook 'missing.yaml' not found (looked at {Path.Combine(dir.Path, "missing.yaml")}); " +
            "paths are relative to this runbook's folder",
            error);
    }

    [Fact]
    public void LoadFile_SubRunbookInvalid_ReportsRB0309AndItsProblems()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("a.yaml", Calling("a", "child.yaml"));
        var child = dir.Write("child.yaml", "name: Child\nsteps:\n  - { id: x, action: log, with: { message: hi } }\n");
        var errors = Validator.Loader.LoadFile(a).Diagnostics.Select(d => d.ToString());
        Assert.Equal(
        [
            $"{a}:5:19: error RB0309 at steps[0].with.path: sub-runbook 'child.yaml' is invalid (1 problem(s), listed with its file name)",
            $"{child}:1:7: error RB0106 at name: 'Child' is not valid; expected a name that starts with a lowercase letter, " +
            "followed by lowercase letters, digits, '-' or '_' (at most 63 characters)",
        ], errors);
    }
}
