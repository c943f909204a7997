using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Files;

/// <summary>The inputs the file actions share, declared once so that validator, docs and designer agree.</summary>
internal static class FileInputs
{
    public static FieldShape Path(string description) => new("path", ValueShape.String(description) with
    {
        // Non-empty, no NUL or line break (an argument to a remote command cannot hold those).
        Pattern = "^[^\\x00\\r\\n]+$",
        PatternDescription = "a non-empty path without NUL or line breaks",
    }, Required: true);

    public static readonly FieldShape Mode = new("mode", ValueShape.String("Permission bits in octal, e.g. '0644' or '600' (quote it in YAML). Default: the existing file's mode; for a new file, 0666 minus the login umask.") with
    {
        Pattern = "^[0-7]{3,4}$",
        PatternDescription = "3 or 4 octal digits such as 0644",
    });

    public static readonly FieldShape Owner = new("owner", ValueShape.String("Owning user (name or numeric id). Default: the existing file's; for a new file, the login user. Changing it needs root.") with
    {
        Pattern = "^[A-Za-z0-9_][A-Za-z0-9_.-]*[$]?$",
        PatternDescription = "a user name or numeric id",
    });

    public static readonly FieldShape Group = new("group", ValueShape.String("Owning group (name or numeric id). Default: the existing file's; for a new file, the login user's group.") with
    {
        Pattern = "^[A-Za-z0-9_][A-Za-z0-9_.-]*[$]?$",
        PatternDescription = "a group name or numeric id",
    });

    public static readonly FieldShape Backup = new("backup", ValueShape.Bool("Keep the old file as '<path>.<UTC timestamp>.bak' (e.g. app.conf.20250101T120000Z.bak) before replacing it; its path is the output backupPath.") with { Default = true });
}
