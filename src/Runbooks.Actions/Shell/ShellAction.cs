using System.Text;
using Runbooks.Actions.Common;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Shell;

/// <summary>
/// Runs a command on the step's target through its executor (this machine, or a host over SSH): an argv with no
/// shell involved, or a script run by an interpreter.
/// </summary>
internal sealed class ShellAction : IRunbookAction
{
    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "shell",
        Category = "Command",
        Description = "Runs a program (argv, no shell) or a script on the target; fails when the exit code is not allowed.",
        Inputs = new ValueShape
        {
            Kind = ValueKind.Object,
            Description = "The command: exactly one of argv or script.",
            Fields =
            [
                new("argv", ValueShape.List("The program and its arguments; each element reaches the program as exactly one argument, never split by a shell.", ValueShape.String("One argument."))),
                new("script", ValueShape.String("A script, run as '<interpreter> -c <script> runbooks-script <args...>'; $1, $2, ... are the args.")),
                new("interpreter", ValueShape.String("The program that runs script; it must accept '-c <script> <name> <args...>' like sh and bash. Written literally: a template could let a value choose the program.") with { Default = "/bin/sh", TemplateAllowed = false }),
                new("args", ValueShape.List("Arguments to script, seen as $1, $2, ...; each element is one argument. Only with script.", ValueShape.String("One argument."))),
                CommandStep.Env,
                CommandStep.WorkingDir,
                CommandStep.Stdin,
                CommandStep.OkExitCodes,
                CommandStep.MaxOutputBytes,
            ],
            ExactlyOneOf = [["argv", "script"]],
        },
        Outputs = CommandStep.Outputs,
        IdempotentByDefault = false,
        ShellStringInputs = ["script"],
        ArgvInputs = ["argv", "args"],
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        if (inputs.Has("argv") && inputs.GetStringList("args").Count > 0)
        {
            return ActionResult.Failure("'args' is only used with 'script'; with 'argv', put the arguments in argv itself");
        }
        var request = CommandStep.Request(context) with
        {
            Argv = inputs.Has("argv") ? inputs.GetStringList("argv") : null,
            Script = inputs.GetString("script"),
            Interpreter = inputs.GetString("interpreter") ?? "/bin/sh",
            ScriptArgs = inputs.GetStringList("args"),
        };
        return await CommandStep.RunAsync(context, request, cancellationToken);
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var text = new StringBuilder();
        if (inputs.Has("argv"))
        {
            text.Append("run: ").AppendJoin(' ', inputs.GetStringList("argv").Select(CommandStep.Quote));
        }
        else
        {
            text.Append("run script with ").Append(inputs.GetString("interpreter") ?? "/bin/sh");
            var args = inputs.GetStringList("args");
            if (args.Count > 0)
            {
                text.Append(", args: ").AppendJoin(' ', args.Select(CommandStep.Quote));
            }
            text.Append('\n').Append(inputs.GetString("script"));
        }
        CommandStep.DescribeCommon(inputs, text);
        return text.ToString();
    }
}
