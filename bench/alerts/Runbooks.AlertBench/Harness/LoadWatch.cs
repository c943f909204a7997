namespace Runbooks.AlertBench.Harness;

/// <summary>Samples the 1-minute load once a second while a measurement runs; <see cref="Highest"/> goes beside its numbers.</summary>
internal sealed class LoadWatch : IDisposable
{
    private readonly Timer _timer;
    private readonly Lock _lock = new();
    private double _highest;

    public LoadWatch()
    {
        Start = MachineLoad.OneMinute();
        _highest = Start;
        _timer = new Timer(_ => Sample(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The 1-minute load when the measurement began.</summary>
    public double Start { get; }

    /// <summary>The highest 1-minute load seen so far.</summary>
    public double Highest
    {
        get
        {
            Sample();
            lock (_lock)
            {
                return _highest;
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = MachineLoad.OneMinute();
        lock (_lock)
        {
            _highest = double.IsNaN(now) ? _highest : Math.Max(_highest, now);
        }
    }
}
