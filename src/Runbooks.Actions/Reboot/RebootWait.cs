using System.Globalization;
using Runbooks.Actions.Common;
using Runbooks.Core;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Reboot;

/// <summary>
/// Waits, on the context's clock, for a rebooted host to answer with a new boot id: each attempt reconnects (the
/// executor opens a new connection once the old one has dropped) and reads the boot id within connectTimeout.
/// </summary>
internal sealed class RebootWait(ActionContext context, string host)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _timeout = context.Inputs.GetDuration("timeout", DefaultTimeout);
    private readonly TimeSpan _pollInterval = context.Inputs.GetDuration("pollInterval", DefaultPollInterval);
    private readonly TimeSpan _connectTimeout = context.Inputs.GetDuration("connectTimeout", DefaultConnectTimeout);

    /// <summary>Why the inputs cannot work, or null.</summary>
    public string? InvalidInputs()
    {
        foreach (var (name, value) in new[] { ("timeout", _timeout), ("pollInterval", _pollInterval), ("connectTimeout", _connectTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                return $"{name} must be longer than 0s; it is {DurationParser.Format(value)}";
            }
        }
        return null;
    }

    /// <summary>Polls until the boot id differs from <paramref name="before"/> or the timeout passes.</summary>
    public async Task<ActionResult> UntilBackAsync(string before, DateTimeOffset sent, CancellationToken cancellationToken)
    {
        var time = context.Time;
        var deadline = sent + _timeout;
        DateTimeOffset? down = null;
        var lastProblem = "";
        // At least one attempt, however long the reboot command took to return or drop.
        do
        {
            await Task.Delay(_pollInterval, time, cancellationToken);
            var (bootId, problem) = await ProbeAsync(cancellationToken);
            if (bootId is not null && bootId != before)
            {
                var downSeconds = Math.Round((time.GetUtcNow() - sent).TotalSeconds, 1);
                context.Log.Information("{Host} is back after {Seconds}s with boot id {BootId}", host, downSeconds, bootId);
                return ActionResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["rebooted"] = true, ["bootIdBefore"] = before, ["bootIdAfter"] = bootId, ["downSeconds"] = downSeconds,
                }, changed: true);
            }
            if (bootId is null)
            {
                down ??= time.GetUtcNow();
            }
            lastProblem = problem ?? "the host answered with the old boot id (it has not rebooted yet)";
        }
        while (time.GetUtcNow() < deadline);
        var wentDown = down is { } at ? $"it stopped answering at {Stamp(at)}" : "it never stopped answering";
        return ActionResult.Failure(context.Secrets.Apply(
            $"host '{host}' did not come back within {DurationParser.Format(_timeout)}: the reboot was sent at {Stamp(sent)}, {wentDown}; last attempt: {lastProblem}; " +
            "check the host's console"),
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["rebooted"] = false, ["bootIdBefore"] = before }) with { Changed = true };
    }

    private async Task<(string? BootId, string? Problem)> ProbeAsync(CancellationToken cancellationToken)
    {
        using var attempt = new CancellationTokenSource(_connectTimeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
        try
        {
            var result = await TargetCommand.RunArgvAsync(context, ["cat", "/proc/sys/kernel/random/boot_id"], linked.Token, logOutput: false);
            return result.ExitCode == 0 ? (result.Stdout.Trim(), null) : (null, $"reading the boot id failed with exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"it did not answer within connectTimeout ({DurationParser.Format(_connectTimeout)})");
        }
        catch (RunbooksException ex)
        {
            // Refused, reset, timed out or dropped: still down (or going down).
            context.Log.Debug("{Host} not back yet: {Error}", host, context.Secrets.Apply(ex.Message));
            return (null, ex.Message);
        }
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
