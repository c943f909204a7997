namespace Runbooks.Core.Execution;

/// <summary>
/// The connection to a target dropped while a command ran: the command may have finished, may still be running, or
/// may never have started its work. The engine records the step's outcome as <em>unknown</em> and re-runs it only
/// when the step is idempotent.
/// </summary>
public sealed class ConnectionLostException : RunbooksException
{
    /// <summary>Creates the exception with a message naming the host and the cause.</summary>
    public ConnectionLostException(string message, Exception? innerException = null)
        : base(message, innerException!)
    {
    }
}
