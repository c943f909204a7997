using Runbooks.Core.Execution;
using Runbooks.Core.Inventory;
using Runbooks.Testing.Ssh;
using Runbooks.Transports.Ssh;

namespace Runbooks.Actions.Tests.Remote;

/// <summary>
/// A class fixture: a real sshd on 127.0.0.1 and the SSH executor for it (host "h", its key pinned), so the host
/// actions run exactly as they do against an inventory host. Also a scratch directory the tests act in.
/// </summary>
public sealed class SshHost : IDisposable
{
    private readonly SshdFixture _sshd = new();
    private readonly SshExecutorFactory _factory;

    public SshHost()
    {
        _factory = new SshExecutorFactory(new InventoryDefinition
        {
            Hosts = [_sshd.Host("h", [_sshd.HostKeyFingerprint])],
            Groups = [],
            SourcePath = "inventory.yaml",
        });
        Executor = _factory.For(new TargetInfo("h", "ssh", "127.0.0.1", new Dictionary<string, string>()));
    }

    /// <summary>Runs commands on the test sshd.</summary>
    public ITargetExecutor Executor { get; }

    /// <summary>A fresh directory for one test (the sshd runs on this machine, so the test can look at it directly).</summary>
    public static string NewDirectory() => Directory.CreateTempSubdirectory("runbooks-host-").FullName;

    public void Dispose()
    {
        _factory.Dispose();
        _sshd.Dispose();
    }
}
