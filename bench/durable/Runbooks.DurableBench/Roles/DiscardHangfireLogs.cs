using Hangfire;
using Hangfire.Logging;

namespace Runbooks.DurableBench.Roles;

/// <summary>
/// The log provider every helper role sets, as a production Hangfire set-up does: `runbooks serve` sets its own
/// (HangfireLogBridge), and without one Hangfire looks a provider up, by reflection, each time it creates a logger — a
/// per-job cost the bare Hangfire peer must not pay when the product does not.
/// </summary>
internal sealed class DiscardHangfireLogs : ILogProvider, ILog
{
    public static void Install() => GlobalConfiguration.Configuration.UseLogProvider(new DiscardHangfireLogs());

    public ILog GetLogger(string name) => this;

    public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
}
