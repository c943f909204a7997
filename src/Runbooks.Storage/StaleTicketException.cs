using Runbooks.Core;

namespace Runbooks.Storage;

/// <summary>
/// A step outcome was refused because its ticket no longer holds: the attempt was taken over (another worker resumed
/// the run, or a person marked it) after this worker recorded its start. The outcome is not written; the worker must
/// stop working on the run, since someone else owns it now.
/// </summary>
public sealed class StaleTicketException : RunbooksException
{
    /// <summary>Creates the exception naming the attempt.</summary>
    public StaleTicketException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception; prefer the overload that names the attempt.</summary>
    public StaleTicketException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public StaleTicketException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
