using System.Collections.Concurrent;
using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Core.Inventory;

namespace Runbooks.Transports.Ssh;

/// <summary>
/// Gives the SSH executor for an inventory host: one per host, over one connection per host that every command and
/// every run sharing this factory reuses (pooled), closed after <see cref="SshTransportOptions.IdleTimeout"/> unused.
/// A host with a <c>jumpHost</c> is reached through a tunnel on the jump host's connection, which all the hosts behind
/// it share. Host keys are checked against the inventory's pinned fingerprints and its known_hosts file; an unknown or
/// changed key fails the step with the fingerprint presented and how to trust it. Disposing closes every connection.
/// </summary>
public sealed class SshExecutorFactory : ITargetExecutorFactory, IDisposable
{
    /// <summary>The transport name this factory answers for.</summary>
    public const string Transport = "ssh";

    private readonly InventoryDefinition _inventory;
    private readonly HostKeyVerifier _verifier;
    private readonly SshTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Lazy<SshConnection>> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<SshExecutor>> _executors = new(StringComparer.Ordinal);

    /// <summary>
    /// A factory for the hosts of an inventory; its known_hosts file (if any) is read now. <paramref name="options"/>
    /// default to <see cref="SshTransportOptions"/>'s defaults, <paramref name="time"/> (the idle clock) to the system's.
    /// </summary>
    public SshExecutorFactory(InventoryDefinition inventory, SshTransportOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        _inventory = inventory;
        _options = (options ?? new SshTransportOptions()).Validated();
        _time = time ?? TimeProvider.System;
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
        CheckJumpChain(host);
        return _executors.GetOrAdd(host.Name, _ => new Lazy<SshExecutor>(
            () => new SshExecutor(target, Connection(host), _options.MaxChannelsPerConnection))).Value;
    }

    /// <summary>Closes every connection, the hosts behind a jump host before the jump host.</summary>
    public void Dispose()
    {
        foreach (var executor in _executors.Values.Where(e => e.IsValueCreated))
        {
            executor.Value.Dispose();
        }
        _executors.Clear();
        // Each close waits for the server's answer: 200 of them one after another took 5–9 s at the end of a fleet
        // run. Close each depth (targets, then the jump hosts they go through) in parallel.
        foreach (var depth in _connections.Values.Where(c => c.IsValueCreated).Select(c => c.Value).GroupBy(c => c.Depth).OrderByDescending(g => g.Key))
        {
            Parallel.ForEach(depth, new ParallelOptions { MaxDegreeOfParallelism = 32 }, connection => connection.Dispose());
        }
        _connections.Clear();
    }

    private SshConnection Connection(InventoryHost host) =>
        _connections.GetOrAdd(host.Name, _ => new Lazy<SshConnection>(() => new SshConnection(
            host, _verifier, _options, _time, host.JumpHost is null ? null : Connection(_inventory.Host(host.JumpHost)!)))).Value;

    private void CheckJumpChain(InventoryHost host)
    {
        // The inventory loader refuses these (RB0503); an inventory built in code is checked here.
        var seen = new List<string> { host.Name };
        for (var next = host; next.JumpHost is not null;)
        {
            var jump = _inventory.Host(next.JumpHost) ?? throw new RunbooksException(
                $"host '{next.Name}' names jump host '{next.JumpHost}', which is not a host in inventory '{_inventory.SourcePath}'; add it there or fix jumpHost");
            if (seen.Contains(jump.Name, StringComparer.Ordinal))
            {
                throw new RunbooksException($"jump hosts lead back to themselves: {string.Join(" → ", seen.Append(jump.Name))}; fix jumpHost in inventory '{_inventory.SourcePath}'");
            }
            seen.Add(jump.Name);
            next = jump;
        }
    }
}
