namespace Runbooks.Storage.Tests.Locks;

/// <summary>
/// Records every hold as an interval on one shared sequence (not a clock), so overlap is decided by order alone:
/// serialized holds have each start after the previous end.
/// </summary>
internal sealed class HoldLedger
{
    private readonly List<(long Start, long End, long Token)> _holds = [];
    private long _sequence;
    private int _inside;
    private int _mostInside;

    public async Task HoldAsync(long fencingToken)
    {
        var start = Interlocked.Increment(ref _sequence);
        var inside = Interlocked.Increment(ref _inside);
        lock (_holds)
        {
            _mostInside = Math.Max(_mostInside, inside);
        }
        await Task.Delay(5); // a step acting on the host; another holder would show up inside it
        Interlocked.Decrement(ref _inside);
        var end = Interlocked.Increment(ref _sequence);
        lock (_holds)
        {
            _holds.Add((start, end, fencingToken));
        }
    }

    public void AssertSerialized(int expected)
    {
        Assert.Equal(1, _mostInside);
        var holds = _holds.OrderBy(h => h.Start).ToList();
        Assert.Equal(expected, holds.Count);
        for (var i = 1; i < holds.Count; i++)
        {
            Assert.True(holds[i].Start > holds[i - 1].End, $"hold {i} [{holds[i].Start}, {holds[i].End}] overlaps [{holds[i - 1].Start}, {holds[i - 1].End}]");
            Assert.True(holds[i].Token > holds[i - 1].Token, $"hold {i} has token {holds[i].Token}, not above {holds[i - 1].Token}");
        }
    }
}
