namespace Runbooks.Storage.Schema;

/// <summary>One schema version: the statements that take the database from the previous version to this one.</summary>
/// <param name="Version">1, 2, 3 … in order, never reused; a released migration is never edited, only followed.</param>
/// <param name="Description">What it changes, recorded in the migrations table.</param>
/// <param name="Statements">The SQL, one statement per element.</param>
internal sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements);
