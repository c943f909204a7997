namespace Runbooks.Actions.Http;

/// <summary>What one HTTP request produced.</summary>
/// <param name="Status">The status code, or 0 when no response arrived.</param>
/// <param name="Headers">Response headers, lower-case names.</param>
/// <param name="Body">The body, bounded, with a truncation marker when cut.</param>
/// <param name="Duration">From sending to the end of the (bounded) body.</param>
/// <param name="Error">Why no response arrived, or null.</param>
internal sealed record HttpExchange(int Status, Dictionary<string, object?> Headers, string Body, TimeSpan Duration, string? Error)
{
    /// <summary>No answer arrived within the request's own time limit.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The request may have reached the server although no answer arrived (timed out, reset, cut off).</summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>The duration as the <c>durationMs</c> output.</summary>
    public long DurationMs => (long)Duration.TotalMilliseconds;
}
