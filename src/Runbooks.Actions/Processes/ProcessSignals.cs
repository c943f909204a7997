using System.Globalization;
using Runbooks.Actions.Common;
using Runbooks.Core.Actions;

namespace Runbooks.Actions.Processes;

/// <summary>The fixed scripts process.kill runs: send a signal to PIDs, and ask which PIDs still run.</summary>
internal static class ProcessSignals
{
    /// <summary>$1 = signal name, $2… = PIDs. Never signals its own shell. Prints each PID it signalled.</summary>
    public const string KillScript = """
        sig=$1
        shift
        for pid do
          [ "$pid" = "$$" ] && continue
          kill -s "$sig" "$pid" 2>/dev/null && echo "$pid"
        done
        exit 0
        """;

    /// <summary>$1… = PIDs; prints those still running (a zombie, dead but not yet reaped, counts as gone).</summary>
    public const string AliveScript = """
        for pid do
          s=$(ps -o stat= -p "$pid" 2>/dev/null) || continue
          case $s in *Z*) ;; *) echo "$pid" ;; esac
        done
        exit 0
        """;

    public static async Task<List<long>> SignalAsync(ActionContext context, string signal, IEnumerable<long> pids, CancellationToken cancellationToken) =>
        Pids((await TargetCommand.RunScriptAsync(context, KillScript, [signal, .. pids.Select(Text)], cancellationToken)).Stdout);

    public static async Task<List<long>> AliveAsync(ActionContext context, IReadOnlyCollection<long> pids, CancellationToken cancellationToken) =>
        pids.Count == 0 ? [] : Pids((await TargetCommand.RunScriptAsync(context, AliveScript, [.. pids.Select(Text)], cancellationToken, logOutput: false)).Stdout);

    /// <summary>Polls until none of the PIDs runs or the time is up; returns those still running.</summary>
    public static async Task<List<long>> WaitGoneAsync(ActionContext context, IReadOnlyCollection<long> pids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = context.Time.GetTimestamp();
        while (true)
        {
            var alive = await AliveAsync(context, pids, cancellationToken);
            if (alive.Count == 0 || context.Time.GetElapsedTime(started) >= timeout)
            {
                return alive;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), context.Time, cancellationToken);
        }
    }

    private static string Text(long pid) => pid.ToString(CultureInfo.InvariantCulture);

    private static List<long> Pids(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => long.Parse(l.Trim(), CultureInfo.InvariantCulture))];
}
