namespace Runbooks.Storage.Locks;

/// <summary>What <see cref="LockTable.EnterAsync"/> did: the request's row, and its fencing token when it now holds the target.</summary>
internal sealed record EnterResult(long Seq, long? Token);
