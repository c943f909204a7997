namespace Runbooks.Core;

/// <summary>
/// The one exception type Runbooks throws for problems an operator can act on: an invalid runbook,
/// a template that fails to render, a parameter that does not fit its definition. Driver and library
/// errors are translated into it at the boundary so that callers handle one type.
/// </summary>
public class RunbooksException : Exception
{
    /// <summary>Creates the exception with an operator-facing message.</summary>
    public RunbooksException(string message) : base(message) { }

    /// <summary>Creates the exception with an operator-facing message and the underlying cause.</summary>
    public RunbooksException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message; prefer the overloads that say what went wrong.</summary>
    public RunbooksException() { }
}
