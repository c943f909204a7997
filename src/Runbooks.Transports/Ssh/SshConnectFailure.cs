using System.Globalization;
using System.Net.Sockets;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;
using Runbooks.Core;
using Runbooks.Core.Inventory;

namespace Runbooks.Transports.Ssh;

/// <summary>
/// Turns SSH.NET's connect failures into messages an operator can act on: which host, why (untrusted key, refused
/// login, only broken algorithms, a jump host that will not forward, unreachable), and what to change.
/// </summary>
internal static class SshConnectFailure
{
    public static Exception Translate(InventoryHost host, InventoryHost? jump, string? hostKeyRefusal, string? tunnelFailure, Exception ex)
    {
        if (hostKeyRefusal is not null)
        {
            // The verifier's message says which key, why, and how to trust it; SSH.NET's says only "untrusted".
            return new RunbooksException(hostKeyRefusal, ex);
        }
        var endpoint = $"{host.Address}:{host.Port.ToString(CultureInfo.InvariantCulture)}";
        if (jump is not null && ex is SshConnectionException or SocketException && ex is not SshAuthenticationException)
        {
            // SSH.NET does not surface the jump host's channel-open refusal: the forwarded socket just closes before
            // the target says anything. Through a tunnel that is the jump host refusing or failing to forward.
            return new RunbooksException(
                $"cannot connect to host '{host.Name}' ({endpoint}) through jump host '{jump.Name}': the jump host closed the forwarded connection " +
                $"({tunnelFailure ?? ex.Message}); check that the sshd on '{jump.Name}' allows TCP forwarding (AllowTcpForwarding) for user " +
                $"'{jump.User ?? Environment.UserName}' and that '{jump.Name}' can reach {endpoint} (its sshd log says which)", ex);
        }
        return ex switch
        {
            SshAuthenticationException => new RunbooksException(
                $"host '{host.Name}' refused authentication as '{host.User ?? Environment.UserName}': {ex.Message}; check the host's credential in the inventory", ex),
            SshConnectionException { DisconnectReason: DisconnectReason.KeyExchangeFailed } when ex.Message.StartsWith("No matching", StringComparison.Ordinal) => new RunbooksException(
                $"host '{host.Name}' ({endpoint}) offers no algorithm Runbooks accepts: {ex.Message}. Runbooks refuses {string.Join(", ", SshConnectionSettings.Legacy)} as broken; " +
                "configure the host's sshd with modern ones (KexAlgorithms curve25519-sha256, Ciphers chacha20-poly1305@openssh.com or aes256-gcm@openssh.com, HostKeyAlgorithms ssh-ed25519)", ex),
            SshException or SocketException or TimeoutException or ProxyException => new RunbooksException(
                $"cannot connect to host '{host.Name}' ({endpoint}){(jump is null ? "" : $" through jump host '{jump.Name}'")}: {ex.Message}", ex),
            _ => ex,
        };
    }
}
