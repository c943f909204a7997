using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Core.Inventory;
using Runbooks.Transports.Local;
using Runbooks.Transports.Ssh;

namespace Runbooks.Transports;

/// <summary>
/// The executor factory a composition root gives the engine: <c>local</c> targets run as local processes, inventory
/// hosts over SSH. The SSH side (and its known_hosts file) is set up at the first remote target, so local runs never
/// touch it. Disposing closes every SSH connection.
/// </summary>
public sealed class TransportRouter : ITargetExecutorFactory, IDisposable
{
    private readonly LocalExecutorFactory _local = new();
    private readonly Lazy<SshExecutorFactory>? _ssh;

    /// <summary>
    /// A router for local targets and, when <paramref name="inventory"/> is given, its hosts, connected with
    /// <paramref name="ssh"/> (default: <see cref="SshTransportOptions"/>'s defaults).
    /// </summary>
    public TransportRouter(InventoryDefinition? inventory, SshTransportOptions? ssh = null)
    {
        _ssh = inventory is null ? null : new Lazy<SshExecutorFactory>(() => new SshExecutorFactory(inventory, ssh));
    }

    /// <inheritdoc />
    public ITargetExecutor For(TargetInfo target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Transport switch
        {
            "local" => _local.For(target),
            SshExecutorFactory.Transport when _ssh is not null => _ssh.Value.For(target),
            SshExecutorFactory.Transport => throw new RunbooksException(
                $"target '{target.Name}' is an SSH host, but no inventory is configured (Runbooks:Inventory in appsettings.json)"),
            _ => throw new RunbooksException($"target '{target.Name}' uses transport '{target.Transport}', which Runbooks does not have"),
        };
    }

    /// <summary>Closes every SSH connection.</summary>
    public void Dispose()
    {
        if (_ssh is { IsValueCreated: true })
        {
            _ssh.Value.Dispose();
        }
    }
}
