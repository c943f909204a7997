using System.Globalization;

namespace Runbooks.Actions.Files;

/// <summary>What <see cref="FileProbe"/> found at a path (the path itself: a symbolic link is not followed).</summary>
internal sealed record FileState
{
    /// <summary>Nothing is there.</summary>
    public static readonly FileState Absent = new() { Type = "absent" };

    /// <summary>file, directory, symlink, other or absent.</summary>
    public required string Type { get; init; }

    public long Size { get; init; }

    /// <summary>The permission bits, as stat's %a prints them (e.g. 644, 4755).</summary>
    public string Mode { get; init; } = "";

    public string Uid { get; init; } = "";

    public string Gid { get; init; } = "";

    public string Owner { get; init; } = "";

    public string Group { get; init; } = "";

    public long ModifiedEpoch { get; init; }

    /// <summary>The content's SHA-256 (lower-case hex) for a regular file when asked for; otherwise null.</summary>
    public string? Sha256 { get; init; }

    public bool Exists => Type != "absent";

    /// <summary>The mode as a 4-digit octal string, e.g. 0644.</summary>
    public string OctalMode => Mode.PadLeft(4, '0');

    /// <summary>The modification time, ISO 8601 UTC.</summary>
    public string Modified => DateTimeOffset.FromUnixTimeSeconds(ModifiedEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whether a wanted mode (octal text) is the file's mode; an absent wish always matches.</summary>
    public bool ModeIs(string? wanted) =>
        wanted is null || Convert.ToInt32(wanted, 8) == Convert.ToInt32(Mode.Length == 0 ? "0" : Mode, 8);

    /// <summary>Whether a wanted owner (name or numeric id) is the file's; an absent wish always matches.</summary>
    public bool OwnerIs(string? wanted) => wanted is null || wanted == Owner || wanted == Uid;

    /// <summary>Whether a wanted group (name or numeric id) is the file's; an absent wish always matches.</summary>
    public bool GroupIs(string? wanted) => wanted is null || wanted == Group || wanted == Gid;
}
