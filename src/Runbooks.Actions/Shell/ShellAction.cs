using System.Text;
using Runbooks.Core.Actions;
using Runbooks.Core.Execution;
using Runbooks.Core.Shapes;
using Runbooks.Core.Templates;

namespace Runbooks.Actions.Shell;

/// <summary>
/// Runs a command on the step's target through its executor (this machine, or a host over SSH): an argv with no
/// shell involved, or a script run by an interpreter.
/// </summary>
internal sealed class ShellAction : IRunbookAction
{
    private const int StderrLinesInError = 10;

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
                new("env", ValueShape.Map("Extra environment variables for the command. The names are written literally (a value-chosen name such as BASH_FUNC_x%% could redefine commands); the values may be templates.", ValueShape.String("The variable's value.")) with { TemplateAllowed = false }),
                new("workingDir", ValueShape.String("The directory the command runs in; default: the executor's (the working directory of Runbooks locally, the login directory over SSH).")),
                new("stdin", ValueShape.String("Text written to the command's standard input, which is then closed; default: closed at once.")),
                new("okExitCodes", ValueShape.List("Exit codes that count as success.", ValueShape.Int("An exit code.")) with { Default = new object?[] { 0L }, ScalarAsList = true }),
                new("maxOutputBytes", ValueShape.Int("Bytes kept of each of stdout and stderr; the rest is dropped and a truncation marker says how much.") with { Default = 65536L, Minimum = 0, Maximum = 16 * 1024 * 1024 }),
            ],
            ExactlyOneOf = [["argv", "script"]],
        },
        Outputs =
        [
            new("exitCode", ValueShape.Int("The command's exit code (127 when the program does not exist).")),
            new("stdout", ValueShape.String("Standard output, bounded by maxOutputBytes.")),
            new("stderr", ValueShape.String("Standard error, bounded by maxOutputBytes.")),
        ],
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
        var okExitCodes = ReadExitCodes(inputs);
        var log = context.Log;
        var secrets = context.Secrets;
        var request = new CommandRequest
        {
            Argv = inputs.Has("argv") ? inputs.GetStringList("argv") : null,
            Script = inputs.GetString("script"),
            Interpreter = inputs.GetString("interpreter") ?? "/bin/sh",
            ScriptArgs = inputs.GetStringList("args"),
            Environment = inputs.GetStringMap("env"),
            WorkingDirectory = inputs.GetString("workingDir"),
            Stdin = inputs.GetString("stdin"),
            MaxOutputBytes = (int)Math.Clamp(inputs.GetInt("maxOutputBytes", 65536), 0, int.MaxValue),
            OnOutput = line => log.Information("{Stream}: {Line}", line.Stream, secrets.Apply(line.Text)),
        };
        var result = await context.Executor.RunAsync(request, cancellationToken);
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["exitCode"] = (long)result.ExitCode,
            ["stdout"] = result.Stdout,
            ["stderr"] = result.Stderr,
        };
        var ok = okExitCodes.Contains(result.ExitCode);
        return new ActionResult
        {
            Succeeded = ok,
            Outputs = outputs,
            Error = ok ? null : secrets.Apply(FailureMessage(result, okExitCodes)),
            ExitCode = result.ExitCode,
            Stdout = result.Stdout,
            Stderr = result.Stderr,
            Changed = ok,
        };
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var text = new StringBuilder();
        if (inputs.Has("argv"))
        {
            text.Append("run: ").AppendJoin(' ', inputs.GetStringList("argv").Select(ShellQuote));
        }
        else
        {
            text.Append("run script with ").Append(inputs.GetString("interpreter") ?? "/bin/sh");
            var args = inputs.GetStringList("args");
            if (args.Count > 0)
            {
                text.Append(", args: ").AppendJoin(' ', args.Select(ShellQuote));
            }
            text.Append('\n').Append(inputs.GetString("script"));
        }
        if (inputs.GetString("workingDir") is { } dir)
        {
            text.Append("\nin: ").Append(dir);
        }
        var env = inputs.GetStringMap("env");
        if (env.Count > 0)
        {
            text.Append("\nenv: ").AppendJoin(", ", env.Keys.Order(StringComparer.Ordinal));
        }
        if (inputs.GetString("stdin") is { } stdin)
        {
            text.Append("\nstdin: ").Append(Encoding.UTF8.GetByteCount(stdin)).Append(" bytes");
        }
        return text.ToString();
    }

    // An absent or empty list means the default, [0]: a step that accepts no exit code at all cannot succeed.
    private static List<long> ReadExitCodes(ActionInputs inputs)
    {
        List<long> codes = [.. inputs.GetStringList("okExitCodes").Select(s => long.TryParse(s, out var code) ? code : long.MinValue)];
        return codes.Count > 0 ? codes : [0L];
    }

    private static string FailureMessage(CommandResult result, List<long> okExitCodes)
    {
        var message = new StringBuilder()
            .Append("exit code ").Append(result.ExitCode)
            .Append(" is not one of okExitCodes [").AppendJoin(", ", okExitCodes).Append(']');
        var tail = LastLines(result.Stderr.Length > 0 ? result.Stderr : result.Stdout, StderrLinesInError);
        if (tail.Length > 0)
        {
            message.Append("; last lines of ").Append(result.Stderr.Length > 0 ? "stderr" : "stdout").Append(":\n").Append(tail);
        }
        return message.ToString();
    }

    private static string LastLines(string text, int count)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - count)));
    }

    // A NUL cannot be in an argument at all (the run fails at exec); dry-run shows it as \0 rather than throwing.
    private static string ShellQuote(string word) => ShellQuoting.Quote(word.Replace("\0", "\\0", StringComparison.Ordinal));
}
