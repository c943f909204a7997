using System.Text;
using Runbooks.Actions.Common;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Remote;

/// <summary>
/// Runs one command on an SSH host: an argv (each element one argument, quoted for the remote shell) or a shell
/// string run by <c>/bin/sh -c</c>, where the validator's rule RB0307 requires untrusted values to be quoted.
/// </summary>
internal sealed class SshCommandAction : IRunbookAction
{
    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "ssh.command",
        Category = "Command",
        Description = "Runs a command on an SSH host (argv, or a shell string for /bin/sh -c); fails when the exit code is not allowed or the target is not an SSH host.",
        Inputs = new ValueShape
        {
            Kind = ValueKind.Object,
            Description = "The command: exactly one of argv or command.",
            Fields =
            [
                new("argv", ValueShape.List("The program and its arguments; each element reaches the program as exactly one argument (single-quoted for the remote shell, never split).", ValueShape.String("One argument."))),
                new("command", ValueShape.String("A shell command line, run on the host as '/bin/sh -c <command>'. Untrusted values in it must go through | shell.quote (rule RB0307).")),
                CommandStep.Env,
                CommandStep.WorkingDir,
                CommandStep.Stdin,
                CommandStep.OkExitCodes,
                CommandStep.MaxOutputBytes,
            ],
            ExactlyOneOf = [["argv", "command"]],
        },
        Outputs = CommandStep.Outputs,
        IdempotentByDefault = false,
        ShellStringInputs = ["command"],
        ArgvInputs = ["argv"],
        Example = """
            - id: disk_hogs
              action: ssh.command
              with:
                command: "du -xsh /var/log/* | sort -h | tail -5"
            """,
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SshTargetCheck.Refuse(context, Descriptor.Name) is { } refused)
        {
            return refused;
        }
        var inputs = context.Inputs;
        var request = CommandStep.Request(context) with
        {
            Argv = inputs.Has("argv") ? inputs.GetStringList("argv") : null,
            Script = inputs.GetString("command"),
            Interpreter = "/bin/sh",
        };
        return await CommandStep.RunAsync(context, request, cancellationToken);
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var text = new StringBuilder();
        if (inputs.Has("argv"))
        {
            text.Append("run over ssh: ").AppendJoin(' ', inputs.GetStringList("argv").Select(CommandStep.Quote));
        }
        else
        {
            text.Append("run over ssh with /bin/sh -c: ").Append(inputs.GetString("command"));
        }
        CommandStep.DescribeCommon(inputs, text);
        return text.ToString();
    }
}
