using Runbooks.Core;
using Runbooks.Storage.Alerts;
using Serilog;

namespace Runbooks.Server.Alerts;

/// <summary>
/// Sends what the outbox holds, after the decisions that wrote it committed. A sender that fails is logged and its
/// escalation tried again later (doubling waits); it never fails intake or a run. Call <see cref="SendDueAsync"/> after
/// an intake that escalated, and on a timer (<see cref="RunAsync"/>) so a retry or a crash between commit and send is
/// caught up.
/// </summary>
public sealed class EscalationDispatcher : IDisposable
{
    private readonly EscalationOutbox _outbox;
    private readonly IReadOnlyDictionary<string, IEscalationSender> _senders;
    private readonly EscalationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>A dispatcher over <paramref name="outbox"/> with one sender per channel.</summary>
    public EscalationDispatcher(EscalationOutbox outbox, IEnumerable<IEscalationSender> senders, EscalationOptions options, ILogger log, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(senders);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        (_outbox, _options, _log, _time) = (outbox, options, log, time ?? TimeProvider.System);
        _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);
    }

    /// <summary>Sends every due escalation once; returns how many were sent. Storage errors propagate; sender errors never do.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var escalation in await _outbox.TakeDueAsync(100, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false))
        {
            var log = _log.ForContext("Escalation", escalation.Id).ForContext("Channel", escalation.Channel);
            try
            {
                if (!_senders.TryGetValue(escalation.Channel, out var sender))
                {
                    throw new RunbooksException($"no sender is configured for channel '{escalation.Channel}' (Runbooks:Alerts:Escalation)");
                }
                await sender.SendAsync(escalation, cancellationToken).ConfigureAwait(false);
                await _outbox.MarkSentAsync(escalation.Id, cancellationToken).ConfigureAwait(false);
                log.Information("Escalation {Escalation} sent on {Channel}: {Subject}", escalation.Id, escalation.Channel, escalation.Subject);
                sent++;
            }
            // A sender may fail in any way but a fatal one; none of them may stop the others or intake.
            catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException or AccessViolationException or ThreadInterruptedException) && !cancellationToken.IsCancellationRequested)
            {
                var wait = TimeSpan.FromTicks(Math.Min(_options.MaxRetryDelay.Ticks, _options.RetryDelay.Ticks * (1L << Math.Min(20, Math.Max(0, escalation.Attempts - 1)))));
                log.Error("Escalation {Escalation} on {Channel} failed (attempt {Attempt}), next try in {Wait}: {Error}", escalation.Id, escalation.Channel, escalation.Attempts, wait, ex.Message);
                await _outbox.MarkFailedAsync(escalation.Id, ex.Message, _time.GetUtcNow() + wait, cancellationToken).ConfigureAwait(false);
            }
        }
        return sent;
    }

    /// <summary>Asks <see cref="RunAsync"/> to look at the outbox now (after an intake that escalated).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _wake.Dispose();

    /// <summary>Sends due escalations every <paramref name="interval"/> (or when woken) until cancelled; storage errors are logged.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RunbooksException ex)
            {
                _log.Error("The escalation outbox cannot be read: {Error}", ex.Message);
            }
            try
            {
                await _wake.WaitAsync(interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
