namespace Runbooks.Bench.Harness;

/// <summary>
/// A benchmark shape: how many runs start at once, how many steps each has, and how many times in a row a round
/// repeats that (so that a round of one short run is long enough to time on a noisy machine).
/// </summary>
/// <param name="Name">How the table names it.</param>
/// <param name="Runs">Runs started together (all in flight at once).</param>
/// <param name="StepsPerRun">Steps in each run, executed one after another.</param>
/// <param name="Repeats">Times a round does the whole thing, one after another.</param>
internal sealed record Shape(string Name, int Runs, int StepsPerRun, int Repeats = 1)
{
    public long TotalSteps => (long)Runs * StepsPerRun * Repeats;
}
