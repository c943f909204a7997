using System.Globalization;
using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;
using Runbooks.Core;
using Runbooks.Core.Inventory;

namespace Runbooks.Transports.Ssh;

/// <summary>
/// The one SSH connection to an inventory host, shared by every command (and every target tunnelled through it when
/// it is a jump host). Opened on first use, reopened after a drop, closed after the idle timeout once nothing holds
/// it. A host with a jump host connects through a tunnel on the jump host's connection; its own key is still checked
/// as its own (name, address, port), never the jump host's.
/// </summary>
internal sealed class SshConnection : IDisposable
{
    private readonly InventoryHost _host;
    private readonly HostKeyVerifier _verifier;
    private readonly SshTransportOptions _options;
    private readonly SshConnection? _jump;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly ITimer _idleTimer;
    private SshClient? _client;
    private SshTunnel? _tunnel;
    private string? _refusal;
    private int _users;
    private int _connections;
    private bool _disposed;

    public SshConnection(InventoryHost host, HostKeyVerifier verifier, SshTransportOptions options, TimeProvider time, SshConnection? jump)
    {
        _host = host;
        _verifier = verifier;
        _options = options;
        _jump = jump;
        _idleTimer = time.CreateTimer(_ => CloseIfIdle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The host this connection reaches.</summary>
    public InventoryHost Host => _host;

    /// <summary>How many hops lie between Runbooks and this host (0: direct); deeper connections close first.</summary>
    public int Depth => _jump is null ? 0 : _jump.Depth + 1;

    /// <summary>How many times a connection has been opened (one, unless it dropped or idled out).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Whether a connection is open now.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _client is { IsConnected: true };
            }
        }
    }

    /// <summary>
    /// The connected client, held until <see cref="Release"/>: a held connection is never closed as idle.
    /// </summary>
    public async Task<SshClient> AcquireAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _users++;
            _idleTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        try
        {
            return await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>Gives back a connection from <see cref="AcquireAsync"/>; the last one out starts the idle clock.</summary>
    public void Release()
    {
        lock (_gate)
        {
            if (--_users == 0 && !_disposed)
            {
                _idleTimer.Change(_options.IdleTimeout, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>
    /// Opens a tunnel through this (jump) host to <paramref name="target"/>'s address and port; the tunnel holds this
    /// connection until it is disposed.
    /// </summary>
    public async Task<SshTunnel> OpenTunnelAsync(InventoryHost target, CancellationToken cancellationToken)
    {
        var client = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return SshTunnel.Start(client, target.Address, target.Port, _gate, Release);
        }
        catch (Exception ex) when (ex is SshException or SocketException or InvalidOperationException)
        {
            Release();
            throw new RunbooksException(
                $"cannot open a tunnel through jump host '{_host.Name}' to host '{target.Name}' ({target.Address}:{target.Port.ToString(CultureInfo.InvariantCulture)}): {ex.Message}", ex);
        }
    }

    /// <summary>Closes the connection (and its tunnel through the jump host).</summary>
    public void Dispose()
    {
        SshClient? client;
        SshTunnel? tunnel;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            (client, tunnel) = (_client, _tunnel);
            (_client, _tunnel) = (null, null);
        }
        _idleTimer.Dispose();
        client?.Dispose();
        tunnel?.Dispose();
        _connectLock.Dispose();
    }

    private void CloseIfIdle()
    {
        SshClient? client;
        SshTunnel? tunnel;
        lock (_gate)
        {
            if (_users > 0 || _disposed)
            {
                return; // a command arrived just as the timer fired
            }
            (client, tunnel) = (_client, _tunnel);
            (_client, _tunnel) = (null, null);
        }
        client?.Dispose();
        tunnel?.Dispose();
    }

    private async Task<SshClient> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SshClient? stale;
            SshTunnel? staleTunnel;
            lock (_gate)
            {
                if (_client is { IsConnected: true })
                {
                    return _client;
                }
                (stale, staleTunnel) = (_client, _tunnel);
                (_client, _tunnel) = (null, null);
            }
            stale?.Dispose();
            staleTunnel?.Dispose();
            var tunnel = _jump is null ? null : await _jump.OpenTunnelAsync(_host, cancellationToken).ConfigureAwait(false);
            try
            {
                var client = await OpenAsync(tunnel, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    (_client, _tunnel) = (client, tunnel);
                }
                return client;
            }
            catch
            {
                tunnel?.Dispose();
                throw;
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task<SshClient> OpenAsync(SshTunnel? tunnel, CancellationToken cancellationToken)
    {
        _refusal = null;
        var info = SshConnectionSettings.For(_host, _options, tunnel is null ? null : (tunnel.Address, tunnel.Port));
        var client = new SshClient(info)
        {
            KeepAliveInterval = _options.KeepAlive > TimeSpan.Zero ? _options.KeepAlive : Timeout.InfiniteTimeSpan,
        };
        client.HostKeyReceived += OnHostKeyReceived;
        try
        {
            Interlocked.Increment(ref _connections);
            // Connect blocks through key exchange and authentication: on its own thread (see DedicatedThread), and a
            // cancel aborts it by closing the client.
            using (cancellationToken.Register(static state => ((SshClient)state!).Dispose(), client))
            {
                await DedicatedThread.Run(client.Connect).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            return client;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new OperationCanceledException($"connecting to host '{_host.Name}' was cancelled", null, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException or AccessViolationException))
        {
            client.Dispose();
            throw SshConnectFailure.Translate(_host, _jump?.Host, _refusal, tunnel?.Failure, ex);
        }
    }

    private void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
    {
        // Always the target's own identity, even through a tunnel: the key must belong to this host, not the jump.
        var verdict = _verifier.Verify(_host.Name, _host.Address, _host.Port, _host.HostKeys, e.HostKeyName, e.HostKey, out var message);
        e.CanTrust = verdict == HostKeyVerdict.Trusted;
        if (!e.CanTrust)
        {
            _refusal = message;
        }
    }
}
