using System.Text;
using System.Text.RegularExpressions;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Files;

/// <summary>
/// Ensures a line is present in (or absent from) a text file on the target, like Ansible's lineinfile: the file is
/// read through the executor, edited in C# by <see cref="LineEditor"/> and written back by <see cref="AtomicFileWriter"/>.
/// </summary>
internal sealed class FileLineAction : IRunbookAction
{
    /// <summary>The largest file edited; a longer one is refused rather than cut.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "file.line",
        Category = "Files",
        Description = "Ensures a line is present in or absent from a text file on the target (like Ansible lineinfile), written atomically with a backup; no change when nothing is to do.",
        Inputs = ValueShape.Object("The file, the line and where it goes.",
            FileInputs.Path("The text file on the target (at most 4 MiB, UTF-8)."),
            new FieldShape("line", ValueShape.String("The whole line, without a line break. Required with state present; with absent (and no regexp) lines equal to it are removed.")),
            new FieldShape("regexp", ValueShape.String("A .NET regular expression searched in each line. present: the last matching line is replaced by line (if none matches, line is added as if there were no regexp); absent: every matching line is removed.")),
            new FieldShape("state", ValueShape.Enum("Whether the line should be in the file.", "present", "absent") with { Default = "present" }),
            new FieldShape("insertAfter", ValueShape.String("Where an added line goes: after the last line matching this regular expression, or EOF (the end). Default EOF; the end also when nothing matches.")),
            new FieldShape("insertBefore", ValueShape.String("Where an added line goes: before the last line matching this regular expression, or BOF (the start); the end when nothing matches.")),
            new FieldShape("create", ValueShape.Bool("With state present, create the file when it does not exist (otherwise that is an error).") with { Default = false }),
            FileInputs.Backup),
        Outputs =
        [
            new("changed", ValueShape.Bool("Whether the file was rewritten.")),
            new("matches", ValueShape.Int("How many lines matched regexp (or equalled line when there is no regexp) before the edit.")),
            new("backupPath", ValueShape.String("Where the old file was kept; null when nothing was rewritten or backup is false.")),
        ],
        IdempotentByDefault = true,
        Example = """
            - id: no_root_login
              action: file.line
              with:
                path: /etc/ssh/sshd_config
                regexp: "^#?PermitRootLogin\\b"
                line: "PermitRootLogin no"
            """,
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var path = inputs.RequireString("path");
        var (edit, problem) = Parse(inputs);
        if (edit is null)
        {
            return ActionResult.Failure(problem!);
        }
        var read = await FileContent.ReadAsync(context, path, MaxFileBytes, cancellationToken);
        string text;
        if (read.Missing)
        {
            if (!edit.Present)
            {
                return ActionResult.Success(FileLineOutputs(false, 0, null));
            }
            if (!inputs.GetBool("create", false))
            {
                return ActionResult.Failure($"{read.Error}; set create: true to create it with the line");
            }
            text = "";
        }
        else if (read.Error is not null)
        {
            return ActionResult.Failure(read.Error);
        }
        else if (read.Truncated)
        {
            return ActionResult.Failure($"'{path}' is larger than {MaxFileBytes} bytes; file.line edits files up to that size");
        }
        else
        {
            var (decoded, error) = FileContent.Decode(read.Bytes, truncated: false, path);
            if (decoded is null)
            {
                return ActionResult.Failure(error!);
            }
            text = decoded;
        }
        (string Text, bool Changed, int Matches) result;
        try
        {
            result = LineEditor.Apply(text, edit);
        }
        catch (RegexMatchTimeoutException)
        {
            return ActionResult.Failure($"a regular expression took longer than {RegexTimeout.TotalSeconds}s on a line of '{path}'; simplify it (avoid nested repetition)");
        }
        if (!result.Changed && !read.Missing)
        {
            return ActionResult.Success(FileLineOutputs(false, result.Matches, null));
        }
        var (backupPath, writeError) = await AtomicFileWriter.WriteAsync(
            context, path, result.Text, null, null, null, inputs.GetBool("backup", true), cancellationToken);
        return writeError is null
            ? ActionResult.Success(FileLineOutputs(true, result.Matches, backupPath), changed: true)
            : ActionResult.Failure(writeError);
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var text = new StringBuilder()
            .Append("ensure line ").Append(inputs.GetString("state") ?? "present").Append(" in ").Append(inputs.GetString("path"))
            .Append(": read the file, edit it in memory, write it back atomically only if it changes");
        foreach (var name in (string[])["line", "regexp", "insertAfter", "insertBefore"])
        {
            if (inputs.GetString(name) is { } value)
            {
                text.Append('\n').Append(name).Append(": ").Append(value);
            }
        }
        return text.ToString();
    }

    private static (LineEdit? Edit, string? Problem) Parse(ActionInputs inputs)
    {
        var present = (inputs.GetString("state") ?? "present") == "present";
        var line = inputs.GetString("line");
        if (line is not null && line.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return (null, "'line' contains a line break; file.line adds or removes one line at a time");
        }
        if (present && line is null)
        {
            return (null, "'line' is required with state present: it is the line the file should contain");
        }
        if (!present && line is null && !inputs.Has("regexp"))
        {
            return (null, "state absent needs 'line' (remove lines equal to it) or 'regexp' (remove lines matching it)");
        }
        if (inputs.Has("insertAfter") && inputs.Has("insertBefore"))
        {
            return (null, "set insertAfter or insertBefore, not both");
        }
        try
        {
            var before = inputs.GetString("insertBefore");
            var after = inputs.GetString("insertAfter");
            return (new LineEdit(
                line,
                Compile(inputs.GetString("regexp")),
                present,
                after is null or "EOF" ? null : Compile(after),
                before is null or "BOF" ? null : Compile(before),
                AtStart: before == "BOF"), null);
        }
        catch (ArgumentException ex)
        {
            return (null, $"a regular expression is not valid: {ex.Message}");
        }
    }

    private static Regex? Compile(string? pattern) =>
        pattern is null ? null : new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);

    private static Dictionary<string, object?> FileLineOutputs(bool changed, int matches, string? backupPath) => new(StringComparer.Ordinal)
    {
        ["changed"] = changed,
        ["matches"] = (long)matches,
        ["backupPath"] = backupPath,
    };
}
