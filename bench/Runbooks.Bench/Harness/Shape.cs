namespace Runbooks.Bench.Harness;

/// <summary>A benchmark shape: how many runs start at once and how many steps each has.</summary>
/// <param name="Name">How the table names it.</param>
/// <param name="Runs">Runs started together (all in flight at once).</param>
/// <param name="StepsPerRun">Steps in each run, executed one after another.</param>
internal sealed record Shape(string Name, int Runs, int StepsPerRun)
{
    public long TotalSteps => (long)Runs * StepsPerRun;
}
