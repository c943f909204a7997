namespace Runbooks.Bench.Harness;

/// <summary>An engine as the table names it, and how to make a fresh instance of it per round.</summary>
/// <param name="Name">The table's name for it.</param>
/// <param name="IsRunbooks">True for the engine whose ratio is reported; false for a peer.</param>
/// <param name="Create">A fresh, unprepared instance.</param>
internal sealed record Contender(string Name, bool IsRunbooks, Func<IBenchEngine> Create);
