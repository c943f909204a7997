namespace Runbooks.Bench.Harness;

/// <summary>
/// One engine under test. Each round gets a fresh instance: <see cref="PrepareAsync"/> (not timed) builds the
/// engine and its definitions, <see cref="RunAsync"/> (timed) runs the shape to completion, and disposal tears down.
/// </summary>
internal interface IBenchEngine : IAsyncDisposable
{
    /// <summary>Loads definitions and starts background machinery; not timed.</summary>
    Task PrepareAsync(Shape shape);

    /// <summary>Runs every run of the shape to completion; throws when a run did not succeed.</summary>
    Task RunAsync(Shape shape);
}
