namespace Runbooks.Testing.Http;

/// <summary>A request the loopback server received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query, e.g. <c>/health?x=1</c>.</param>
/// <param name="Headers">Request headers, names in lower case.</param>
/// <param name="Body">The body as UTF-8 text.</param>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
