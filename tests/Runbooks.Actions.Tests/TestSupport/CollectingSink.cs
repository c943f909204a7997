using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Runbooks.Actions.Tests.TestSupport;

/// <summary>Keeps every log event, for assertions on what an action logged.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}
