namespace Runbooks.Core.Journal;

/// <summary>
/// The journal could not be written (its database is away). The engine never turns this into a failed run: what was
/// not recorded stays interrupted, the run stops here, and a worker continues it when the database is back
/// (docs/guarantees.md).
/// </summary>
public sealed class JournalUnavailableException(string message, Exception inner) : RunbooksException(message, inner);
