namespace Runbooks.Core.Engine;

/// <summary>Which exceptions the engine may record as a step failure; fatal ones are never caught.</summary>
internal static class ExceptionFilters
{
    public static bool IsCatchable(this Exception exception) =>
        exception is not (OutOfMemoryException or StackOverflowException or AccessViolationException or ThreadInterruptedException);
}
