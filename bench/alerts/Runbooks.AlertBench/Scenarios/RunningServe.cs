using Runbooks.AlertBench.Harness;

namespace Runbooks.AlertBench.Scenarios;

/// <summary>A started <c>runbooks serve</c>: where its API listens and the operator key to call it with. Disposing drains and stops it.</summary>
internal sealed record RunningServe(ChildProcess Process, Uri Api, string Key) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
