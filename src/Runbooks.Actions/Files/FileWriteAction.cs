using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Files;

/// <summary>
/// Writes a file on the target atomically (see <see cref="AtomicFileWriter"/>), keeping a backup of the old one, and
/// does nothing when the content's SHA-256 and the wanted attributes already match.
/// </summary>
internal sealed partial class FileWriteAction : IRunbookAction
{
    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "file.write",
        Category = "Files",
        Description = "Writes a text file on the target atomically (temp file + rename), keeping a backup; no change when content and attributes already match.",
        Inputs = ValueShape.Object("The file, its content and attributes.",
            FileInputs.Path("The file on the target (absolute, or relative to the login directory). Its directory must exist; a symbolic link is refused."),
            new FieldShape("content", ValueShape.String("The whole new content, written exactly (UTF-8). Sent through stdin, never in a command line."), Required: true),
            FileInputs.Mode,
            FileInputs.Owner,
            FileInputs.Group,
            FileInputs.Backup),
        Outputs =
        [
            new("changed", ValueShape.Bool("Whether the file was written (false: content and attributes already matched).")),
            new("sha256", ValueShape.String("SHA-256 of the content, lower-case hex.")),
            new("backupPath", ValueShape.String("Where the old file was kept; null when nothing was replaced or backup is false.")),
        ],
        IdempotentByDefault = true,
        Example = """
            - id: motd
              action: file.write
              with:
                path: /etc/motd
                content: "Maintenance tonight 22:00 UTC\n"
                mode: "0644"
            """,
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var path = inputs.RequireString("path");
        var content = inputs.GetString("content") ?? "";
        var mode = inputs.GetString("mode");
        if (mode is not null && !OctalMode().IsMatch(mode))
        {
            return ActionResult.Failure($"mode '{mode}' is not valid; expected 3 or 4 octal digits such as 0644");
        }
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        var (state, error) = await FileProbe.ProbeAsync(context, path, sha256: true, cancellationToken);
        if (state is null)
        {
            return ActionResult.Failure(error!);
        }
        if (state.Type is not ("file" or "absent"))
        {
            return ActionResult.Failure($"'{path}' on {context.Executor.Target.Name} is a {state.Type}, not a regular file; file.write replaces regular files only{(state.Type == "symlink" ? " (write the file the link points to)" : "")}");
        }
        var owner = inputs.GetString("owner");
        var group = inputs.GetString("group");
        if (state.Sha256 == sha256 && state.ModeIs(mode) && state.OwnerIs(owner) && state.GroupIs(group))
        {
            return ActionResult.Success(Outputs(changed: false, sha256, null));
        }
        var (backupPath, writeError) = await AtomicFileWriter.WriteAsync(
            context, path, content, mode, owner, group, inputs.GetBool("backup", true), cancellationToken);
        return writeError is null
            ? ActionResult.Success(Outputs(changed: true, sha256, backupPath), changed: true)
            : ActionResult.Failure(writeError);
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var content = inputs.GetString("content") ?? "";
        var text = new StringBuilder()
            .Append("write ").Append(Encoding.UTF8.GetByteCount(content)).Append(" bytes (sha256 ")
            .Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))))
            .Append(") to ").Append(inputs.GetString("path"))
            .Append(" via a temp file in its directory and rename, unless content and attributes already match");
        foreach (var name in (string[])["mode", "owner", "group"])
        {
            if (inputs.GetString(name) is { } value)
            {
                text.Append("; ").Append(name).Append(' ').Append(value);
            }
        }
        text.Append(inputs.GetBool("backup", true) ? "; old file kept as <path>.<UTC timestamp>.bak" : "; no backup");
        return text.ToString();
    }

    internal static Dictionary<string, object?> Outputs(bool changed, string? sha256, string? backupPath) => new(StringComparer.Ordinal)
    {
        ["changed"] = changed,
        ["sha256"] = sha256,
        ["backupPath"] = backupPath,
    };

    [GeneratedRegex("^[0-7]{3,4}$", RegexOptions.CultureInvariant)]
    internal static partial Regex OctalMode();
}
