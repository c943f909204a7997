using System.Text;
using Runbooks.Actions.Common;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Remote;

/// <summary>
/// Uploads a script (inline, or a file beside the runbook) to an SSH host through standard input and runs it with an
/// interpreter; see <see cref="ScriptUpload"/> for the wrapper and how the temporary file is always removed.
/// </summary>
internal sealed class SshScriptAction : IRunbookAction
{
    /// <summary>The largest script uploaded, inline or from a file.</summary>
    public const int MaxScriptBytes = 1024 * 1024;

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "ssh.script",
        Category = "Command",
        Description = "Uploads a script to an SSH host through stdin into a private temporary file, runs it with an interpreter and removes it; fails when the exit code is not allowed.",
        Inputs = new ValueShape
        {
            Kind = ValueKind.Object,
            Description = "The script: exactly one of script or file.",
            Fields =
            [
                new("script", ValueShape.String("The script text (at most 1 MiB). It travels through stdin, never in a command line.")),
                new("file", ValueShape.String("A script file, relative to the runbook file (at most 1 MiB, UTF-8). Written literally: a template could let a value choose which local file is sent.") with { TemplateAllowed = false }),
                new("interpreter", ValueShape.String("The program run as '<interpreter> <tmpfile> <args...>', e.g. /usr/bin/python3. Written literally: a template could let a value choose the program.") with { Default = "/bin/sh", TemplateAllowed = false }),
                new("args", ValueShape.List("Arguments to the script, seen as $1, $2, ... (sys.argv[1:] in Python); each element is one argument.", ValueShape.String("One argument."))),
                CommandStep.Env,
                CommandStep.WorkingDir,
                CommandStep.OkExitCodes,
                CommandStep.MaxOutputBytes,
            ],
            ExactlyOneOf = [["script", "file"]],
        },
        Outputs = CommandStep.Outputs,
        IdempotentByDefault = false,
        ShellStringInputs = ["script"],
        ArgvInputs = ["args"],
        Example = """
            - id: rotate
              action: ssh.script
              with:
                file: scripts/rotate-logs.py
                interpreter: /usr/bin/python3
                args: ["/var/log/app", "7"]
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
        var (script, error) = await LoadAsync(inputs, context.RunbookPath, cancellationToken);
        if (error is not null)
        {
            return ActionResult.Failure(error);
        }
        var request = CommandStep.Request(context) with
        {
            Script = ScriptUpload.Wrapper,
            ScriptArgs = [inputs.GetString("interpreter") ?? "/bin/sh", .. inputs.GetStringList("args")],
            // Never empty: the executor redirects an empty stdin from /dev/null, and the wrapper's cat reads an empty file.
            Stdin = script,
        };
        return await CommandStep.RunAsync(context, request, cancellationToken);
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var text = new StringBuilder("upload ");
        text.Append(inputs.GetString("file") is { } file ? $"script file {file}" : $"{Encoding.UTF8.GetByteCount(inputs.GetString("script") ?? "")}-byte inline script")
            .Append(" through stdin to a private temp file, run: ")
            .Append(CommandStep.Quote(inputs.GetString("interpreter") ?? "/bin/sh")).Append(" <tmpfile>");
        foreach (var arg in inputs.GetStringList("args"))
        {
            text.Append(' ').Append(CommandStep.Quote(arg));
        }
        text.Append(" </dev/null; then remove the temp file");
        CommandStep.DescribeCommon(inputs, text);
        if (inputs.GetString("script") is { } script)
        {
            text.Append('\n').Append(script);
        }
        return text.ToString();
    }

    private static async Task<(string Script, string? Error)> LoadAsync(ActionInputs inputs, string runbookPath, CancellationToken cancellationToken)
    {
        if (inputs.GetString("script") is { } inline)
        {
            var size = Encoding.UTF8.GetByteCount(inline);
            return size > MaxScriptBytes
                ? ("", $"the inline script is {size} bytes, over the {MaxScriptBytes}-byte limit; upload a smaller script or install the program on the host")
                : (inline, null);
        }
        var file = inputs.GetString("file") ?? "";
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(runbookPath)) ?? ".";
        var path = Path.GetFullPath(file, baseDir);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return ("", $"script file '{file}' does not exist (looked for {path}; 'file' is relative to the runbook {runbookPath})");
        }
        if (info.Length > MaxScriptBytes)
        {
            return ("", $"script file '{file}' is {info.Length} bytes, over the {MaxScriptBytes}-byte limit; upload a smaller script or install the program on the host");
        }
        return (await File.ReadAllTextAsync(path, cancellationToken), null);
    }
}
