namespace Runbooks.Server.Api;

/// <summary>The kinds of <see cref="SaveOutcome"/>.</summary>
internal enum SaveResultKind
{
    Saved,
    Conflict,
    Missing,
    Invalid,
}
