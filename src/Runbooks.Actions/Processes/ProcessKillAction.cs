using System.Globalization;
using System.Text;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Processes;

/// <summary>
/// Signals processes on the target chosen by PID or by the process.list filters, waits for them to end and, with
/// escalate, sends KILL to those that did not. PID 1, the action's own shells and their ancestors are never signalled.
/// </summary>
internal sealed class ProcessKillAction : IRunbookAction
{
    /// <summary>How long to wait for processes to vanish after KILL (the kernel needs a moment, a D-state process longer).</summary>
    public static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(5);

    /// <summary>Signals after which the action waits for the process to be gone; others (HUP, USR1, USR2) usually ask a process to reload.</summary>
    private static readonly string[] Terminating = ["TERM", "INT", "QUIT", "KILL"];

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "process.kill",
        Category = "Processes",
        Description = "Sends a signal to processes on the target chosen by pid or by name/pattern/user, waits until they are gone and optionally escalates to KILL; finding none succeeds unchanged unless mustExist.",
        Inputs = ValueShape.Object("Which processes and how. Give pids, or at least one of name, pattern, user.",
            new FieldShape("pids", ValueShape.List("Process ids to signal (those not running are ignored).", ValueShape.Int("A process id above 1.") with { Minimum = 2 }) with { ScalarAsList = true }),
            ProcessFilter.NameField, ProcessFilter.PatternField, ProcessFilter.UserField,
            new FieldShape("signal", ValueShape.Enum("The signal sent.", "TERM", "INT", "HUP", "QUIT", "KILL", "USR1", "USR2") with { Default = "TERM" }),
            new FieldShape("timeout", ValueShape.Duration("After TERM, INT, QUIT or KILL: how long to wait for the processes to be gone.") with { Default = "10s" }),
            new FieldShape("escalate", ValueShape.Bool("Send KILL to the processes still running when timeout is up.") with { Default = false }),
            new FieldShape("mustExist", ValueShape.Bool("Fail when no process matches.") with { Default = false })),
        Outputs =
        [
            new("killed", ValueShape.List("PIDs the signal was sent to.", ValueShape.Int("A process id."))),
            new("remaining", ValueShape.List("PIDs still running at the end (after KILL with escalate); non-empty means the step failed.", ValueShape.Int("A process id."))),
            new("escalated", ValueShape.List("PIDs that got KILL after the timeout.", ValueShape.Int("A process id."))),
        ],
        IdempotentByDefault = false,
        Example = """
            - id: stop_stuck_backup
              action: process.kill
              with: { pattern: "^/usr/bin/rsync .*backup", timeout: 30s, escalate: true }
            """,
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var (filter, error) = ProcessFilter.From(inputs);
        if (filter is null)
        {
            return ActionResult.Failure(error!);
        }
        var pids = inputs.GetStringList("pids").Select(p => long.TryParse(p, CultureInfo.InvariantCulture, out var v) ? v : 0).ToList();
        if (pids.Count > 0 == !filter.IsEmpty)
        {
            return ActionResult.Failure("give either pids or at least one of name, pattern, user (not both): process.kill needs to know which processes");
        }
        if (pids.Any(p => p <= 1))
        {
            return ActionResult.Failure("pids must be above 1: PID 1 (init) and process groups (0 or negative) are never signalled");
        }
        var (processes, protectedPids, listError) = await ProcessTable.ListAsync(context, cancellationToken);
        if (processes is null)
        {
            return ActionResult.Failure(listError!);
        }
        var chosen = (pids.Count > 0 ? processes.Where(p => pids.Contains(p.Pid)) : processes.Where(filter.Matches))
            .Select(p => p.Pid).Where(p => !protectedPids.Contains(p)).Order().ToList();
        if (chosen.Count == 0)
        {
            return inputs.GetBool("mustExist", false)
                ? ActionResult.Failure($"no process on {context.Executor.Target.Name} matches {Describe(inputs)}; mustExist is true")
                : ActionResult.Success(Outputs([], [], []));
        }
        var signal = inputs.GetString("signal") ?? "TERM";
        var killed = await ProcessSignals.SignalAsync(context, signal, chosen, cancellationToken);
        List<long> remaining = [];
        List<long> escalated = [];
        if (Terminating.Contains(signal))
        {
            remaining = await ProcessSignals.WaitGoneAsync(context, killed, inputs.GetDuration("timeout", TimeSpan.FromSeconds(10)), cancellationToken);
            if (remaining.Count > 0 && inputs.GetBool("escalate", false) && signal != "KILL")
            {
                escalated = await ProcessSignals.SignalAsync(context, "KILL", remaining, cancellationToken);
                remaining = await ProcessSignals.WaitGoneAsync(context, remaining, AfterKill, cancellationToken);
            }
        }
        var outputs = Outputs(killed, remaining, escalated);
        if (remaining.Count > 0)
        {
            var hint = inputs.GetBool("escalate", false) || signal == "KILL"
                ? "even KILL did not end them (a process in uninterruptible I/O, state D, waits for its device)"
                : "set escalate: true to send KILL after the timeout, or a longer timeout";
            return new ActionResult
            {
                Succeeded = false,
                Error = $"{remaining.Count} process(es) still running on {context.Executor.Target.Name} after {signal}: {string.Join(", ", remaining)}; {hint}",
                Outputs = outputs,
                Changed = killed.Count > 0,
            };
        }
        return ActionResult.Success(outputs, changed: killed.Count > 0);
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var text = new StringBuilder();
        var pids = inputs.GetStringList("pids");
        text.Append(pids.Count > 0 ? "pids " + string.Join(", ", pids) : string.Join(", ", ((string[])["name", "pattern", "user"]).Where(inputs.Has).Select(n => $"{n} {inputs.GetString(n)}")));
        text.Append(": kill -s ").Append(inputs.GetString("signal") ?? "TERM");
        if (inputs.GetBool("escalate", false))
        {
            text.Append(", KILL after ").Append(inputs.GetString("timeout") ?? "10s");
        }
        return text.ToString();
    }

    private static Dictionary<string, object?> Outputs(List<long> killed, List<long> remaining, List<long> escalated) => new(StringComparer.Ordinal)
    {
        ["killed"] = killed.Cast<object?>().ToList(),
        ["remaining"] = remaining.Cast<object?>().ToList(),
        ["escalated"] = escalated.Cast<object?>().ToList(),
    };
}
