using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Runbooks.Transports.Ssh;

/// <summary>
/// A forwarded port on a jump host's connection: a listener on 127.0.0.1 and a free port whose connections the jump
/// host relays (direct-tcpip) to one target's address and port. The target's SSH connection runs over it, end to end
/// encrypted; the jump host sees only ciphertext. Holding a tunnel keeps the jump connection open; disposing it
/// stops the listener and lets the jump connection go idle.
/// </summary>
internal sealed class SshTunnel : IDisposable
{
    private readonly ForwardedPortLocal _port;
    private readonly SshClient _client;
    private readonly Lock _sync;
    private readonly Action _release;
    private int _disposed;

    private SshTunnel(ForwardedPortLocal port, SshClient client, Lock sync, Action release)
    {
        _port = port;
        _client = client;
        _sync = sync;
        _release = release;
    }

    /// <summary>The local address to connect to.</summary>
    public string Address => _port.BoundHost;

    /// <summary>The local port to connect to.</summary>
    public int Port => (int)_port.BoundPort;

    /// <summary>An error SSH.NET reported on the forwarded port (e.g. the jump connection failing), or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>
    /// Starts a tunnel on <paramref name="client"/> (connected to the jump host) to <paramref name="address"/>:<paramref name="port"/>.
    /// <paramref name="release"/> runs once when the tunnel is disposed. <paramref name="sync"/> guards the client's
    /// list of forwarded ports, which SSH.NET does not lock.
    /// </summary>
    public static SshTunnel Start(SshClient client, string address, int port, Lock sync, Action release)
    {
        // Port 0: the operating system picks a free port; BoundPort reports it once started.
        var forwarded = new ForwardedPortLocal("127.0.0.1", 0, address, (uint)port);
        var tunnel = new SshTunnel(forwarded, client, sync, release);
        forwarded.Exception += (_, e) => tunnel.Failure ??= e.Exception.Message;
        lock (sync)
        {
            client.AddForwardedPort(forwarded);
        }
        try
        {
            forwarded.Start();
        }
        catch
        {
            lock (sync)
            {
                client.RemoveForwardedPort(forwarded);
            }
            forwarded.Dispose();
            throw;
        }
        return tunnel;
    }

    /// <summary>Stops the listener and releases the jump connection.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            _port.Stop();
            lock (_sync)
            {
                _client.RemoveForwardedPort(_port);
            }
        }
        catch (Exception ex) when (ex is SshException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The jump connection is already gone, and the port with it.
        }
        _port.Dispose();
        _release();
    }
}
