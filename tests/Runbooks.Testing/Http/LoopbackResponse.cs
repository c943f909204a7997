namespace Runbooks.Testing.Http;

/// <summary>What the loopback server answers.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Body">The body (UTF-8).</param>
public sealed record LoopbackResponse(int Status = 200, string Body = "ok")
{
    /// <summary>Extra response headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to wait before answering (for timeout tests); real time.</summary>
    public TimeSpan Delay { get; init; }
}
