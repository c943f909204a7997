namespace Runbooks.Storage;

/// <summary>
/// Who writes to the journal: a worker's (or CLI process's) unique name and how long its run leases last without a
/// renewal. After a crash, its runs are taken over once <see cref="LeaseTtl"/> has passed on the database's clock.
/// </summary>
/// <param name="Name">Unique per process: <c>host:pid:random</c> by default.</param>
/// <param name="LeaseTtl">Lease length; renewed every third of it. Default 30 s.</param>
public sealed record JournalOwner(string Name, TimeSpan LeaseTtl)
{
    /// <summary>The default lease length.</summary>
    public static readonly TimeSpan DefaultLeaseTtl = TimeSpan.FromSeconds(30);

    /// <summary>A name for this process, with the default lease.</summary>
    public static JournalOwner ForThisProcess(string role = "cli", TimeSpan? leaseTtl = null) =>
        new($"{role}:{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}", leaseTtl ?? DefaultLeaseTtl);
}
