using System.Globalization;
using Runbooks.Actions.Common;
using Runbooks.Core;
using Runbooks.Core.Actions;
using Runbooks.Core.Execution;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Reboot;

/// <summary>
/// Reboots the step's host and waits until it is back: reads the boot id, sends <c>systemctl reboot</c> (or
/// <c>reboot</c> without systemd; through sudo when the host has <c>sudo: true</c>), expects the connection to drop,
/// then reconnects every <c>pollInterval</c> until the boot id differs. Never on the local target.
/// </summary>
internal sealed class HostRebootAction : IRunbookAction
{
    // Fixed text: no input reaches it. Line 1 the boot id, line 2 how to reboot (sd_booted's test for systemd).
    internal const string InspectScript =
        "cat /proc/sys/kernel/random/boot_id && if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then echo systemd; else echo reboot; fi";

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "host.reboot",
        Category = "System",
        Description = "Reboots the target host and waits until it is back (its boot id has changed).",
        Inputs = new ValueShape
        {
            Kind = ValueKind.Object,
            Description = "How long to wait for the host to come back, and how often to look.",
            Fields =
            [
                new("timeout", ValueShape.Duration("How long after the reboot is sent the host may take to answer with a new boot id; past it the step fails.") with { Default = "10m" }),
                new("pollInterval", ValueShape.Duration("Time between reconnection attempts.") with { Default = "5s" }),
                new("connectTimeout", ValueShape.Duration("How long one reconnection attempt (connect and read the boot id) may take before it counts as still down.") with { Default = "30s" }),
            ],
        },
        Outputs =
        [
            new("rebooted", ValueShape.Bool("True: the host came back with a new boot id.")),
            new("bootIdBefore", ValueShape.String("The boot id before the reboot (/proc/sys/kernel/random/boot_id).")),
            new("bootIdAfter", ValueShape.String("The boot id after it.")),
            new("downSeconds", ValueShape.Number("Seconds from sending the reboot until the host answered with the new boot id.")),
        ],
        IdempotentByDefault = false,
        Example = """
            - id: reboot
              action: host.reboot
              with: { timeout: 15m, pollInterval: 10s }
            """,
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.Executor.Target.Name;
        if (context.Executor.Target.Transport == TargetInfo.Local.Transport)
        {
            return ActionResult.Failure("host.reboot cannot run on the local target: Runbooks would reboot the machine it runs on and could not wait for it; target an inventory host");
        }
        var wait = new RebootWait(context, host);
        if (wait.InvalidInputs() is { } invalid)
        {
            return ActionResult.Failure(invalid);
        }
        var inspect = await TargetCommand.RunScriptAsync(context, InspectScript, [], cancellationToken, logOutput: false);
        var lines = inspect.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (inspect.ExitCode != 0 || lines.Length != 2)
        {
            return ActionResult.Failure(context.Secrets.Apply(
                $"cannot read the boot id of host '{host}' (exit {inspect.ExitCode.ToString(CultureInfo.InvariantCulture)}): {inspect.Stderr.Trim()}; host.reboot needs Linux's /proc/sys/kernel/random/boot_id"));
        }
        var before = lines[0];
        string[] reboot = lines[1] == "systemd" ? ["systemctl", "reboot"] : ["reboot"];
        var sent = context.Time.GetUtcNow();
        context.Log.Information("rebooting {Host} ({Command}); boot id {BootId}", host, string.Join(' ', reboot), before);
        try
        {
            var result = await TargetCommand.RunArgvAsync(context, reboot, cancellationToken);
            if (result.ExitCode != 0)
            {
                return ActionResult.Failure(context.Secrets.Apply(
                    $"'{string.Join(' ', reboot)}' on host '{host}' failed with exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}: {result.Stderr.Trim()}; the host was not rebooted (does the user need sudo: true?)"));
            }
        }
        catch (ConnectionLostException)
        {
            // The normal end of a reboot command: the host closed the connection as it went down.
        }
        return await wait.UntilBackAsync(before, sent, cancellationToken);
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return $"reboot the host (systemctl reboot under systemd, else reboot), then reconnect every {DurationParser.Format(inputs.GetDuration("pollInterval", RebootWait.DefaultPollInterval))} " +
            $"until its boot id changes, for up to {DurationParser.Format(inputs.GetDuration("timeout", RebootWait.DefaultTimeout))}";
    }
}
