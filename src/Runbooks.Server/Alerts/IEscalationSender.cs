using Runbooks.Storage.Alerts;

namespace Runbooks.Server.Alerts;

/// <summary>Sends an escalation on one channel. Throws when it could not; the dispatcher logs it and tries again later.</summary>
public interface IEscalationSender
{
    /// <summary>The channel name the outbox rows carry (<c>webhook</c>, <c>email</c>).</summary>
    string Channel { get; }

    /// <summary>Sends <paramref name="escalation"/>.</summary>
    Task SendAsync(AlertEscalation escalation, CancellationToken cancellationToken);
}
