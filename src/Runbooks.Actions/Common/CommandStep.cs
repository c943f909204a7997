using System.Text;
using Runbooks.Core.Actions;
using Runbooks.Core.Execution;
using Runbooks.Core.Shapes;
using Runbooks.Core.Templates;

namespace Runbooks.Actions.Common;

/// <summary>
/// What the command actions (<c>shell</c>, <c>ssh.command</c>, <c>ssh.script</c>) share: the inputs env, workingDir,
/// stdin, okExitCodes and maxOutputBytes, the outputs exitCode, stdout and stderr, and how a finished command becomes
/// a step result (success when its exit code is allowed; otherwise a message with the code and the last lines of
/// stderr).
/// </summary>
internal static class CommandStep
{
    private const int StderrLinesInError = 10;

    /// <summary>The default of maxOutputBytes.</summary>
    public const long DefaultMaxOutputBytes = 65536;

    public static readonly FieldShape Env = new("env", ValueShape.Map("Extra environment variables for the command. The names are written literally (a value-chosen name such as BASH_FUNC_x%% could redefine commands); the values may be templates.", ValueShape.String("The variable's value.")) with { TemplateAllowed = false });

    public static readonly FieldShape WorkingDir = new("workingDir", ValueShape.String("The directory the command runs in; default: the executor's (the working directory of Runbooks locally, the login directory over SSH)."));

    public static readonly FieldShape Stdin = new("stdin", ValueShape.String("Text written to the command's standard input, which is then closed; default: closed at once."));

    public static readonly FieldShape OkExitCodes = new("okExitCodes", ValueShape.List("Exit codes that count as success.", ValueShape.Int("An exit code.")) with { Default = new object?[] { 0L }, ScalarAsList = true });

    public static readonly FieldShape MaxOutputBytes = new("maxOutputBytes", ValueShape.Int("Bytes kept of each of stdout and stderr; the rest is dropped and a truncation marker says how much.") with { Default = DefaultMaxOutputBytes, Minimum = 0, Maximum = 16 * 1024 * 1024 });

    /// <summary>exitCode, stdout and stderr.</summary>
    public static readonly IReadOnlyList<FieldShape> Outputs =
    [
        new("exitCode", ValueShape.Int("The command's exit code (127 when the program does not exist).")),
        new("stdout", ValueShape.String("Standard output, bounded by maxOutputBytes.")),
        new("stderr", ValueShape.String("Standard error, bounded by maxOutputBytes.")),
    ];

    /// <summary>A request carrying env, workingDir, stdin and maxOutputBytes, streaming masked lines into the step log.</summary>
    public static CommandRequest Request(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        return new CommandRequest
        {
            Environment = inputs.GetStringMap("env"),
            WorkingDirectory = inputs.GetString("workingDir"),
            Stdin = inputs.GetString("stdin"),
            MaxOutputBytes = (int)Math.Clamp(inputs.GetInt("maxOutputBytes", DefaultMaxOutputBytes), 0, int.MaxValue),
            OnOutput = TargetCommand.LogOutput(context),
        };
    }

    /// <summary>Runs the request and judges its exit code against okExitCodes.</summary>
    public static async Task<ActionResult> RunAsync(ActionContext context, CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var okExitCodes = ReadExitCodes(context.Inputs);
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
            Error = ok ? null : context.Secrets.Apply(FailureMessage(result, okExitCodes)),
            ExitCode = result.ExitCode,
            Stdout = result.Stdout,
            Stderr = result.Stderr,
            Changed = ok,
        };
    }

    /// <summary>The dry-run lines for workingDir, env and stdin (names and sizes only).</summary>
    public static void DescribeCommon(ActionInputs inputs, StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(text);
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
    }

    // A NUL cannot be in an argument at all (the run fails at exec); dry-run shows it as \0 rather than throwing.
    public static string Quote(string word) => ShellQuoting.Quote(word.Replace("\0", "\\0", StringComparison.Ordinal));

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
}
