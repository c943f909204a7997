namespace Runbooks.Core.Alerts;

/// <summary>
/// The notification as a whole cannot be read (not JSON, an unsupported Alertmanager payload version, no alerts list):
/// answer 400 with <see cref="Exception.Message"/>; retrying the same body cannot help.
/// </summary>
public sealed class AlertPayloadException : RunbooksException
{
    /// <summary>Creates the exception with no message; prefer the overloads that say what went wrong.</summary>
    public AlertPayloadException()
    {
    }

    /// <summary>Creates the exception with what is wrong and what is expected.</summary>
    public AlertPayloadException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public AlertPayloadException(string message, Exception inner) : base(message, inner)
    {
    }
}
