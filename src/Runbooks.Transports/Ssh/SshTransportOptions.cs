using System.Globalization;
using Runbooks.Core;

namespace Runbooks.Transports.Ssh;

/// <summary>
/// How SSH connections are opened, kept and shared (appsettings.json <c>Runbooks:Ssh</c>). A connection to a host is
/// opened at its first command, reused by every later command and run that shares the factory, and closed after
/// <see cref="IdleTimeout"/> without a command; the next command reconnects.
/// </summary>
public sealed record SshTransportOptions
{
    /// <summary>
    /// How long opening a connection (TCP, key exchange, authentication) may take; default 10s. Past it the step fails
    /// with "cannot connect to host …".
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often an open connection sends a keep-alive, so that firewalls do not drop a connection waiting on a long
    /// command; default 30s. Zero turns keep-alives off.
    /// </summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a connection may stay unused before it is closed; default 5 minutes.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many commands may run at once on one connection (each is an SSH channel); default 8. More wait for a free
    /// channel. Keep it below the host's sshd <c>MaxSessions</c> (10 by default), which also has to leave room for the
    /// channel that kills a cancelled command.
    /// </summary>
    public int MaxChannelsPerConnection { get; init; } = 8;

    /// <summary>Throws a <see cref="RunbooksException"/> listing every invalid setting.</summary>
    public SshTransportOptions Validated()
    {
        var errors = new List<string>();
        if (ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Runbooks:Ssh:ConnectTimeout must be positive (is {Format(ConnectTimeout)})");
        }
        if (KeepAlive < TimeSpan.Zero)
        {
            errors.Add($"Runbooks:Ssh:KeepAlive must be zero (off) or positive (is {Format(KeepAlive)})");
        }
        if (IdleTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Runbooks:Ssh:IdleTimeout must be positive (is {Format(IdleTimeout)})");
        }
        if (MaxChannelsPerConnection < 1)
        {
            errors.Add($"Runbooks:Ssh:MaxChannelsPerConnection must be at least 1 (is {MaxChannelsPerConnection.ToString(CultureInfo.InvariantCulture)})");
        }
        return errors.Count == 0 ? this : throw new RunbooksException(string.Join("; ", errors));
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
