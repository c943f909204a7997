using Runbooks.Core.Actions;

namespace Runbooks.Actions.Service;

/// <summary>Polls a service's state after a start, stop, restart or reload until it settles or the time is up.</summary>
internal static class ServiceWait
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Reads the state until it is active (or inactive, for <paramref name="wantActive"/> false), it failed, or
    /// <paramref name="limit"/> passed; the step's own timeout cancels earlier. Returns the last state seen.
    /// </summary>
    public static async Task<(ServiceState? State, bool Reached)> UntilAsync(ActionContext context, IServiceManager manager, string name, bool wantActive, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = context.Time.GetTimestamp();
        while (true)
        {
            var (state, _) = await manager.QueryAsync(context, name, cancellationToken);
            if (state is not null && state.Active == wantActive && state.ActiveState is not ("activating" or "deactivating"))
            {
                return (state, true);
            }
            // A failed unit stays failed until someone acts: waiting longer cannot help.
            if ((state is not null && wantActive && state.Failed) || context.Time.GetElapsedTime(started) + Interval > limit)
            {
                return (state, false);
            }
            await Task.Delay(Interval, context.Time, cancellationToken);
        }
    }
}
