using Runbooks.Actions.Log;
using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Core.Secrets;
using Serilog.Events;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Log;

public sealed class LogActionTests
{
    private readonly LogAction _action = new();

    [Theory]
    [InlineData("debug", LogEventLevel.Debug)]
    [InlineData("info", LogEventLevel.Information)]
    [InlineData("warning", LogEventLevel.Warning)]
    [InlineData("error", LogEventLevel.Error)]
    public async Task ExecuteAsync_Level_WritesAtThatLevel(string level, LogEventLevel expected)
    {
        var sink = new CollectingSink();

        var result = await _action.ExecuteAsync(Create(Map(("message", "deploying 1.4"), ("level", level)), sink: sink), default);

        Assert.True(result.Succeeded);
        var logged = Assert.Single(sink.Events);
        Assert.Equal(expected, logged.Level);
        Assert.Equal("\"deploying 1.4\"", logged.Properties["LogMessage"].ToString());
    }

    [Fact]
    public async Task ExecuteAsync_MessageWithSecret_IsMasked()
    {
        var sink = new CollectingSink();
        var secrets = new SecretMasker();
        secrets.Add("hunter2");

        await _action.ExecuteAsync(Create(Map(("message", "password is hunter2")), sink: sink, secrets: secrets), default);

        Assert.Equal("\"password is ***\"", Assert.Single(sink.Events).Properties["LogMessage"].ToString());
    }
}
