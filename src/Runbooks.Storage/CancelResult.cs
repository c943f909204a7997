namespace Runbooks.Storage;

/// <summary>The kinds of <see cref="CancelOutcome"/>.</summary>
public enum CancelResult
{
    /// <summary>The run was cancelled now.</summary>
    Cancelled,

    /// <summary>A worker runs it; it was asked to stop.</summary>
    Requested,

    /// <summary>It had already ended.</summary>
    AlreadyEnded,

    /// <summary>No such run.</summary>
    NotFound,
}
