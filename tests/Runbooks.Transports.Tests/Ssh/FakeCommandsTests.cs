using Runbooks.Core.Execution;
using Runbooks.Testing.Ssh;
using Runbooks.Transports.Ssh;

namespace Runbooks.Transports.Tests.Ssh;

/// <summary>The fake-command ledger that system-action tests rely on, proven over a real sshd login.</summary>
public sealed class FakeCommandsTests : IDisposable
{
    private readonly FakeCommands _fakes = new("web-9");
    private readonly SshdFixture _sshd;

    public FakeCommandsTests()
    {
        _fakes.Add("systemctl", "echo \"fake systemctl $1\"; exit 3");
        _sshd = SshdFixture.Start(new SshdOptions { Environment = _fakes.Environment });
    }

    public void Dispose()
    {
        _sshd.Dispose();
        _fakes.Dispose();
    }

    [Fact]
    public async Task Calls_CommandRunOverSsh_RecordsHostCommandAndExactArguments()
    {
        using var factory = SshExecutorTests.Factory(_sshd.Host("web-9", [_sshd.HostKeyFingerprint]));
        var executor = factory.For(SshExecutorTests.Target("web-9"));

        var result = await executor.RunAsync(new CommandRequest { Argv = ["systemctl", "is-active", "a b\tc", "x\\y z", ""] }, CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("fake systemctl is-active\n", result.Stdout);
        var call = Assert.Single(_fakes.Calls());
        Assert.Equal(("web-9", "systemctl"), (call.Host, call.Command));
        Assert.Equal(["is-active", "a b\tc", "x\\y z", ""], call.Args);
    }
}
