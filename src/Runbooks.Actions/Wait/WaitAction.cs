using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Wait;

/// <summary>
/// Waits a fixed time, or until a probe action succeeds. Time comes from the run's clock, so a fake clock drives it
/// in tests. A probe that hangs is bounded by its own timeout (e.g. http.check's) and the step's.
/// </summary>
internal sealed class WaitAction : IRunbookAction
{
    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "wait",
        Category = "Flow",
        Description = "Waits a fixed duration, or until a probe action succeeds (checked every interval, up to timeout).",
        Inputs = new ValueShape
        {
            Kind = ValueKind.Object,
            Description = "Exactly one of duration or until.",
            Fields =
            [
                new("duration", ValueShape.Duration("How long to wait.")),
                new("until", ValueShape.Object(
                    "A probe: an action run with inputs until it succeeds.",
                    new("action", ValueShape.String("The probe's action, e.g. http.check."), Required: true),
                    new("with", ValueShape.Map("The probe's inputs.", ValueShape.Any("An input value."))))),
                new("interval", ValueShape.Duration("Time between the end of one probe and the start of the next (until only).") with { Default = "5s" }),
                new("timeout", ValueShape.Duration("How long to keep probing before failing with the last probe's error (until only).") with { Default = "5m" }),
            ],
            ExactlyOneOf = [["duration", "until"]],
        },
        Outputs =
        [
            new("waitedMs", ValueShape.Int("Milliseconds waited in all.")),
            new("attempts", ValueShape.Int("Probes run (0 for a fixed duration).")),
        ],
        IdempotentByDefault = true,
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var started = context.Time.GetTimestamp();
        if (inputs.Has("duration"))
        {
            var duration = inputs.GetDuration("duration", TimeSpan.Zero);
            if (context.Host.SuspendWaitsLongerThan is { } limit && duration > limit)
            {
                // On a worker a long wait holds nothing: the run suspends and the sweep wakes it when the time comes,
                // counted from when the wait first started (a resume does not start the clock again).
                var since = context.Host.FirstStartedAt(context.StepPath) ?? context.Time.GetUtcNow();
                var wakeAt = since + duration;
                var now = context.Time.GetUtcNow();
                return now >= wakeAt
                    ? ActionResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal) { ["waitedMs"] = (long)(now - since).TotalMilliseconds, ["attempts"] = 0L })
                    : ActionResult.Suspend($"waiting {DurationParser.Format(duration)}, until {wakeAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)}", wakeAt);
            }
            await Task.Delay(duration, context.Time, cancellationToken);
            return Done(context, started, attempts: 0);
        }
        if (inputs.Get("until") is not IReadOnlyDictionary<string, object?> until || until.GetValueOrDefault("action") is not string probe)
        {
            return ActionResult.Failure("'until' must be an object with 'action' (the probe's action name) and optionally 'with'");
        }
        var probeInputs = until.GetValueOrDefault("with") as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
        var interval = inputs.GetDuration("interval", TimeSpan.FromSeconds(5));
        var timeout = inputs.GetDuration("timeout", TimeSpan.FromMinutes(5));
        if (interval <= TimeSpan.Zero)
        {
            return ActionResult.Failure($"interval must be longer than 0s; it is {DurationParser.Format(interval)}");
        }
        var attempts = 0;
        while (true)
        {
            attempts++;
            var result = await context.Host.RunActionAsync(probe, probeInputs, context, cancellationToken);
            if (result.Succeeded)
            {
                return Done(context, started, attempts);
            }
            var remaining = timeout - context.Time.GetElapsedTime(started);
            context.Log.Debug("Probe {Probe} attempt {Attempt} failed: {ProbeError}", probe, attempts, result.Error);
            if (remaining <= TimeSpan.Zero)
            {
                return ActionResult.Failure(context.Secrets.Apply(
                    $"the probe '{probe}' did not succeed within {DurationParser.Format(timeout)} ({attempts} attempts); last error: {result.Error ?? "(none given)"}"),
                    Outputs(context, started, attempts));
            }
            // The last probe runs at the deadline rather than a full interval past it.
            await Task.Delay(remaining < interval ? remaining : interval, context.Time, cancellationToken);
        }
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Has("duration"))
        {
            return $"wait {DurationParser.Format(inputs.GetDuration("duration", TimeSpan.Zero))}";
        }
        var probe = (inputs.Get("until") as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("action");
        return $"wait until {probe} succeeds, every {DurationParser.Format(inputs.GetDuration("interval", TimeSpan.FromSeconds(5)))}, " +
            $"for at most {DurationParser.Format(inputs.GetDuration("timeout", TimeSpan.FromMinutes(5)))}";
    }

    private static ActionResult Done(ActionContext context, long started, int attempts) =>
        ActionResult.Success(Outputs(context, started, attempts));

    private static Dictionary<string, object?> Outputs(ActionContext context, long started, int attempts) => new(StringComparer.Ordinal)
    {
        ["waitedMs"] = (long)context.Time.GetElapsedTime(started).TotalMilliseconds,
        ["attempts"] = (long)attempts,
    };
}
