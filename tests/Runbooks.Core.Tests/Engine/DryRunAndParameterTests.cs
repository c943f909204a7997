using Runbooks.Core.Diagnostics;
using Runbooks.Core.Journal;

namespace Runbooks.Core.Tests.Engine;

public sealed class DryRunAndParameterTests
{
    [Fact]
    public async Task RunAsync_DryRun_DescribesEveryStepAndChangesNothing()
    {
        using var h = new EngineHarness();
        var marker = Path.Combine(Path.GetTempPath(), $"rb-dry-{Guid.NewGuid():N}");
        var result = await h.RunAsync($$$"""
            name: plan
            parameters: { path: { type: string, default: "{{{marker}}}" } }
            steps:
              - { id: touch, action: shell, with: { argv: [touch, "{{ params.path }}"] } }
              - { id: probe, action: probe, with: { key: p } }
            """, dryRun: true);
        Assert.False(File.Exists(marker));
        Assert.Empty(h.Probe.Calls);
        Assert.All(result.Steps, s => Assert.Equal(StepStatus.Planned, s.Status));
        Assert.Equal($"run: touch {marker}", result.Steps[0].Plan);
        Assert.True(result.DryRun);
    }

    [Fact]
    public async Task RunAsync_RequiredParameterMissing_ThrowsBeforeAnythingRuns()
    {
        using var h = new EngineHarness();
        var ex = await Assert.ThrowsAsync<RunbookValidationException>(() => h.RunAsync("""
            name: params
            parameters: { host: { type: string, required: true } }
            steps:
              - { id: a, action: probe, with: { key: "{{ params.host }}" } }
            """));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal(RuleCodes.MissingParameter, d.Code);
        Assert.Equal("parameter 'host' (string) is required; pass it with -p host=…", d.Message);
        Assert.Empty(h.Journal.Entries);
    }

    [Theory]
    [InlineData("count", "abc", "parameter 'count': expected an int, got 'abc'")]
    [InlineData("env", "qa", "parameter 'env': 'qa' is not allowed; allowed values: prod, staging")]
    [InlineData("unit", "nginx; reboot", "parameter 'unit': 'nginx; reboot' does not match the pattern [a-z0-9@._-]+ (the whole value must match)")]
    public async Task RunAsync_ParameterDoesNotFit_ReportsExactly(string name, string value, string message)
    {
        using var h = new EngineHarness();
        var ex = await Assert.ThrowsAsync<RunbookValidationException>(() => h.RunAsync("""
            name: params
            parameters:
              count: { type: int, default: 1 }
              env: { type: string, allowed: [prod, staging], default: prod }
              unit: { type: string, pattern: "[a-z0-9@._-]+", default: nginx }
            steps:
              - { id: a, action: probe }
            """, new Dictionary<string, object?> { [name] = value }));
        Assert.Equal(message, Assert.Single(ex.Diagnostics).Message);
    }

    [Fact]
    public async Task RunAsync_UndeclaredParameter_SuggestsTheClosestName()
    {
        using var h = new EngineHarness();
        var ex = await Assert.ThrowsAsync<RunbookValidationException>(() => h.RunAsync("""
            name: params
            parameters: { service: { type: string, default: nginx } }
            steps:
              - { id: a, action: probe }
            """, new Dictionary<string, object?> { ["servce"] = "x" }));
        Assert.Equal("'params' has no parameter 'servce' (did you mean 'service'?); its parameters: service", Assert.Single(ex.Diagnostics).Message);
    }

    [Fact]
    public async Task RunAsync_ListParameterFromCommandLine_IsSplitOnCommas()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: list
            parameters: { services: { type: list, required: true } }
            steps:
              - { id: each, forEach: { items: "{{ params.services }}" }, action: probe, with: { key: "{{ item }}" } }
            """, new Dictionary<string, object?> { ["services"] = "nginx, php-fpm" });
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(["nginx", "php-fpm"], h.Probe.Calls);
    }
}
