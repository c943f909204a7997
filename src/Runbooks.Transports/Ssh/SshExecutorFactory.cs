using System.Collections.Concurrent;
using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Core.Inventory;

namespace Runbooks.Transports.Ssh;

/// <summary>
/// Gives the SSH executor for an inventory host: one per host, each keeping one connection that later commands
/// reuse. Host keys are checked against the inventory's pinned fingerprints and its known_hosts file; an unknown or
/// changed key fails the step with the fingerprint presented and how to trust it. Disposing closes every connection.
/// </summary>
public sealed class SshExecutorFactory : ITargetExecutorFactory, IDisposable
{
    /// <summary>The transport name this factory answers for.</summary>
    public const string Transport = "ssh";

    private readonly InventoryDefinition _inventory;
    private readonly HostKeyVerifier _verifier;
    private readonly ConcurrentDictionary<string, Lazy<SshExecutor>> _executors = new(StringComparer.Ordinal);

    /// <summary>A factory for the hosts of an inventory; its known_hosts file (if any) is read now.</summary>
    public SshExecutorFactory(InventoryDefinition inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        _inventory = inventory;
        _verifier = HostKeyVerifier.FromFile(inventory.KnownHostsFile);
    }

    /// <inheritdoc />
    public ITargetExecutor For(TargetInfo target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!string.Equals(target.Transport, Transport, StringComparison.Ordinal))
        {
            throw new RunbooksException(
                $"target '{target.Name}' uses transport '{target.Transport}', which the SSH executor cannot run; register the executor factory for that transport");
        }
        var host = _inventory.Host(target.Name)
            ?? throw new RunbooksException(
                $"target '{target.Name}' is not a host in inventory '{_inventory.SourcePath}'; add it there or fix the runbook's targets");
        return _executors.GetOrAdd(host.Name, _ => new Lazy<SshExecutor>(() => new SshExecutor(target, host, _verifier))).Value;
    }

    /// <summary>Closes every connection.</summary>
    public void Dispose()
    {
        foreach (var executor in _executors.Values.Where(e => e.IsValueCreated))
        {
            executor.Value.Dispose();
        }
        _executors.Clear();
    }
}
