using System.Collections.Concurrent;
using Hangfire.Logging;
using Serilog;
using Serilog.Events;

namespace Runbooks.Server;

/// <summary>
/// Hangfire's warnings and errors in the server's own log (source context <c>Hangfire.…</c>), and nothing below
/// Warning. Set once, it also saves CPU on every job: without a provider set, Hangfire looks one up each time it
/// creates a logger — several times per job — and for Serilog that meant reflection and compiled expressions each time
/// (bench/durable's profile: about 1% of a worker's CPU).
/// </summary>
internal sealed class HangfireLogBridge(ILogger log) : ILogProvider
{
    private readonly ConcurrentDictionary<string, ILog> _loggers = new(StringComparer.Ordinal);

    public ILog GetLogger(string name) => _loggers.GetOrAdd(name, n => new Forwarder(log.ForContext("SourceContext", n)));

    private sealed class Forwarder(ILogger log) : ILog
    {
        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (logLevel < LogLevel.Warn)
            {
                return false;
            }
            var level = logLevel switch
            {
                LogLevel.Warn => LogEventLevel.Warning,
                LogLevel.Error => LogEventLevel.Error,
                _ => LogEventLevel.Fatal,
            };
            if (messageFunc is null)
            {
                return log.IsEnabled(level);
            }
            log.Write(level, exception, "Hangfire: {HangfireMessage}", messageFunc());
            return true;
        }
    }
}
