using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Files;

/// <summary>Reports whether a path exists on the target and, if so, its type and attributes (a symlink is not followed).</summary>
internal sealed class FileExistsAction : IRunbookAction
{
    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "file.exists",
        Category = "Files",
        Description = "Reports whether a path exists on the target, its type, size, mode, owner, group and modification time; never fails for a missing path.",
        Inputs = ValueShape.Object("The path to look at.",
            FileInputs.Path("The path on the target (absolute, or relative to the login directory). A symbolic link is reported as such, not followed.")),
        Outputs =
        [
            new("exists", ValueShape.Bool("Whether anything is at the path (a dangling symbolic link counts).")),
            new("type", ValueShape.Enum("What is there; null when nothing is.", "file", "directory", "symlink", "other")),
            new("sizeBytes", ValueShape.Int("Size in bytes (of the link itself for a symlink); null when absent.")),
            new("mode", ValueShape.String("Permission bits as a 4-digit octal string, e.g. 0644; null when absent.")),
            new("owner", ValueShape.String("Owning user name (the numeric id when it has no name); null when absent.")),
            new("group", ValueShape.String("Owning group name; null when absent.")),
            new("modified", ValueShape.String("Last modification, ISO 8601 UTC (e.g. 2025-01-31T12:00:00Z); null when absent.")),
        ],
        IdempotentByDefault = true,
        Example = """
            - id: lock
              action: file.exists
              with: { path: /var/run/app.lock }
            """,
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Inputs.RequireString("path");
        var (state, error) = await FileProbe.ProbeAsync(context, path, sha256: false, cancellationToken);
        if (state is null)
        {
            return ActionResult.Failure(error!);
        }
        return ActionResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["exists"] = state.Exists,
            ["type"] = state.Exists ? state.Type : null,
            ["sizeBytes"] = state.Exists ? state.Size : null,
            ["mode"] = state.Exists ? state.OctalMode : null,
            ["owner"] = state.Exists ? state.Owner : null,
            ["group"] = state.Exists ? state.Group : null,
            ["modified"] = state.Exists ? state.Modified : null,
        });
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return $"inspect (stat, no symlink followed): {inputs.GetString("path")}";
    }
}
