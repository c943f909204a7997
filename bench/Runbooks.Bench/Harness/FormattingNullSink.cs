using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Runbooks.Bench.Harness;

/// <summary>
/// A Serilog sink that does a text sink's work — renders timestamp, level, message and every property — then
/// throws the text away instead of writing it, so logging costs CPU and allocations but no I/O. Both engines log
/// through the same logger and so through this sink.
/// </summary>
internal sealed class FormattingNullSink : ILogEventSink
{
    private const string Template = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    [ThreadStatic]
    private static StringWriter? t_buffer;

    private readonly MessageTemplateTextFormatter _formatter = new(Template, CultureInfo.InvariantCulture);
    private long _events;
    private long _characters;

    /// <summary>Events rendered so far.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Characters rendered so far (kept so the rendering cannot be optimised away).</summary>
    public long Characters => Interlocked.Read(ref _characters);

    public void Emit(LogEvent logEvent)
    {
        var buffer = t_buffer ??= new StringWriter(CultureInfo.InvariantCulture);
        _formatter.Format(logEvent, buffer);
        var builder = buffer.GetStringBuilder();
        Interlocked.Add(ref _characters, builder.Length);
        Interlocked.Increment(ref _events);
        builder.Clear();
    }
}
