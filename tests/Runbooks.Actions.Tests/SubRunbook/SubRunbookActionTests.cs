using Runbooks.Actions.SubRunbook;
using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Core.Actions;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.SubRunbook;

public sealed class SubRunbookActionTests
{
    private readonly SubRunbookAction _action = new();

    [Fact]
    public async Task ExecuteAsync_RelativePath_ResolvesAgainstTheCallersDirectory()
    {
        var host = new FakeActionHost { SubRunbookResult = ActionResult.Success(Map(("restarted", 2L))) };
        var parameters = Map(("service", "web"));

        var result = await _action.ExecuteAsync(Create(
            Map(("path", "../lib/restart.yaml"), ("params", parameters)), host: host, runbookPath: "/srv/runbooks/deploy/main.yaml"), default);

        var call = Assert.Single(host.SubRunbookCalls);
        Assert.Equal("/srv/runbooks/lib/restart.yaml", call.Path);
        Assert.Same(parameters, call.Parameters);
        Assert.Same(host.SubRunbookResult, result);
    }

    [Fact]
    public async Task ExecuteAsync_AbsolutePath_IsKept()
    {
        var host = new FakeActionHost();

        await _action.ExecuteAsync(Create(Map(("path", "/opt/rb/x.yaml")), host: host), default);

        Assert.Equal("/opt/rb/x.yaml", Assert.Single(host.SubRunbookCalls).Path);
        Assert.Empty(host.SubRunbookCalls[0].Parameters);
    }

    [Fact]
    public async Task ExecuteAsync_SubRunbookFails_ReturnsItsFailure()
    {
        var host = new FakeActionHost { SubRunbookResult = ActionResult.Failure("step 'restart' failed") };

        var result = await _action.ExecuteAsync(Create(Map(("path", "x.yaml")), host: host), default);

        Assert.Equal("step 'restart' failed", result.Error);
    }
}
