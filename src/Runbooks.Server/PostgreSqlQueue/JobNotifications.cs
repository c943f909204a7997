namespace Runbooks.Server.PostgreSqlQueue;

/// <summary>
/// What a worker waiting for a job waits on: a count of the <c>new_job</c> notifications this process has heard, and
/// whether it is listening at all. A waiter notes the count before it looks for a job and sleeps only while the count
/// is still that, so a job queued between its look and its sleep is never missed.
/// </summary>
internal sealed class JobNotifications
{
    // A plain object, not a Lock: waiters sleep with Monitor.Wait, which needs the monitor of what they locked.
    private readonly object _gate = new();
    private long _heard;
    private bool _listening;

    /// <summary>How many notifications have been heard (a reconnect counts as one: it may have missed some).</summary>
    public long Heard
    {
        get
        {
            lock (_gate)
            {
                return _heard;
            }
        }
    }

    /// <summary>Whether a connection is listening now; if not, waiters poll (nothing would wake them).</summary>
    public bool Listening
    {
        get
        {
            lock (_gate)
            {
                return _listening;
            }
        }
    }

    /// <summary>A notification came: every waiter looks again.</summary>
    public void Notify()
    {
        lock (_gate)
        {
            _heard++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// The listening connection came up or went down. Either way every waiter looks again: coming up, jobs queued while
    /// nobody listened are found; going down, waiters switch to polling.
    /// </summary>
    public void SetListening(bool listening)
    {
        lock (_gate)
        {
            _listening = listening;
            _heard++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Sleeps until a notification newer than <paramref name="seen"/> is heard, <paramref name="timeout"/> passes or
    /// <paramref name="cancellationToken"/> is cancelled (then throws).
    /// </summary>
    public void WaitForNewer(long seen, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wake = cancellationToken.Register(static state =>
        {
            var self = (JobNotifications)state!;
            lock (self._gate)
            {
                Monitor.PulseAll(self._gate);
            }
        }, this);
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_gate)
        {
            while (_heard == seen && !cancellationToken.IsCancellationRequested)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0)
                {
                    break;
                }
                // Monitor.Wait takes at most int.MaxValue ms (24.8 days): a longer poll just waits again.
                Monitor.Wait(_gate, (int)Math.Min(left, int.MaxValue));
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
    }
}
