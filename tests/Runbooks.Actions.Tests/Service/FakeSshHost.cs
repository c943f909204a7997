using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Core.Actions;
using Runbooks.Core.Execution;
using Runbooks.Core.Inventory;
using Runbooks.Testing.Ssh;
using Runbooks.Transports.Ssh;

namespace Runbooks.Actions.Tests.Service;

/// <summary>
/// A real sshd on 127.0.0.1 whose login PATH starts with fake system commands (a class fixture: started once per
/// test class). <see cref="Reset"/> empties the ledger and the fakes' state between tests.
/// </summary>
public abstract class FakeSshHost : IDisposable
{
    private readonly SshExecutorFactory _factory;

    protected FakeSshHost(Action<FakeCommands> addFakes, Func<FakeCommands, SshdOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(addFakes);
        Fakes = new FakeCommands("h");
        addFakes(Fakes);
        Sshd = SshdFixture.Start(options?.Invoke(Fakes) ?? new SshdOptions { Environment = Fakes.Environment });
        _factory = new SshExecutorFactory(new InventoryDefinition { Hosts = [Sshd.Host("h", [Sshd.HostKeyFingerprint])], Groups = [], SourcePath = "inventory.yaml" });
        Executor = _factory.For(new TargetInfo("h", "ssh", "127.0.0.1", new Dictionary<string, string>()));
    }

    public FakeCommands Fakes { get; }

    public SshdFixture Sshd { get; }

    public ITargetExecutor Executor { get; }

    /// <summary>The fakes' state directory ($STATE).</summary>
    public string State => Fakes.StateDirectory;

    /// <summary>Every fake call so far, as "command arg arg".</summary>
    public IReadOnlyList<string> Calls() => [.. Fakes.Calls().Select(c => c.Line)];

    /// <summary>The raw calls, for exact-argument assertions.</summary>
    public IReadOnlyList<FakeCall> RawCalls() => Fakes.Calls();

    internal ActionContext Context(IReadOnlyDictionary<string, object?> inputs, FakeActionHost? host = null) =>
        Contexts.Create(inputs, executor: Executor, host: host ?? new FakeActionHost { Executor = Executor });

    /// <summary>Empties the ledger and the state directory.</summary>
    public virtual void Reset()
    {
        File.Delete(Fakes.LedgerFile);
        foreach (var entry in Directory.EnumerateFileSystemEntries(State))
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
    }

    /// <summary>Writes a state file (creating its directory).</summary>
    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(State, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Reads a state file, trimmed; null when absent.</summary>
    public string? Read(string relativePath)
    {
        var path = Path.Combine(State, relativePath);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _factory.Dispose();
            Sshd.Dispose();
            Fakes.Dispose();
        }
    }
}
