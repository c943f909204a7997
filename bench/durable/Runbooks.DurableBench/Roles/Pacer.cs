using System.Diagnostics;

namespace Runbooks.DurableBench.Roles;

/// <summary>Spaces submissions evenly at a rate (0: as fast as possible), without drifting when one is late.</summary>
internal sealed class Pacer(double perSecond)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task WaitForTurnAsync(int index)
    {
        if (perSecond <= 0)
        {
            return;
        }
        var due = TimeSpan.FromSeconds(index / perSecond) - _clock.Elapsed;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due).ConfigureAwait(false);
        }
    }
}
