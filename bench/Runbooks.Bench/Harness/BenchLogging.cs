using Serilog;

namespace Runbooks.Bench.Harness;

/// <summary>The logger both engines write to: Information and above, into a <see cref="FormattingNullSink"/>.</summary>
internal static class BenchLogging
{
    public static FormattingNullSink Sink { get; } = new();

    public static ILogger Logger { get; } = new LoggerConfiguration()
        .MinimumLevel.Information()
        .WriteTo.Sink(Sink)
        .CreateLogger();
}
