using System.Net;

namespace Runbooks.Testing.Alertmanager;

/// <summary>A socket a process listens on (TCP in LISTEN state) or has bound (UDP), as <c>/proc/net</c> shows it.</summary>
/// <param name="Protocol"><c>tcp</c>, <c>tcp6</c>, <c>udp</c> or <c>udp6</c>.</param>
/// <param name="EndPoint">The local address and port.</param>
public sealed record ListeningSocket(string Protocol, IPEndPoint EndPoint)
{
    /// <inheritdoc />
    public override string ToString() => $"{Protocol} {EndPoint}";
}
