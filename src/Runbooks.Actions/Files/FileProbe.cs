using System.Globalization;
using Runbooks.Actions.Common;
using Runbooks.Core.Actions;

namespace Runbooks.Actions.Files;

/// <summary>
/// Looks at a path on the target with a fixed script (the path is <c>$1</c>, never script text): its type without
/// following a symbolic link, GNU <c>stat -c</c> attributes and, when asked, the content's SHA-256.
/// </summary>
internal static class FileProbe
{
    /// <summary>$1 = path, $2 = "sha256" to hash a regular file. Prints "absent", or "type size mode uid gid mtime owner group" and the hash line.</summary>
    public const string Script = """
        p=$1
        if [ -L "$p" ]; then t=symlink
        elif [ -f "$p" ]; then t=file
        elif [ -d "$p" ]; then t=directory
        elif [ -e "$p" ]; then t=other
        else echo absent; exit 0
        fi
        s=$(stat -c '%s %a %u %g %Y %U %G' -- "$p") || exit 1
        printf '%s %s\n' "$t" "$s"
        if [ "$2" = sha256 ] && [ "$t" = file ]; then sha256sum <"$p" || exit 1; fi
        """;

    /// <summary>Probes the path; a failure is an error message for the step (what, why, the command's stderr).</summary>
    public static async Task<(FileState? State, string? Error)> ProbeAsync(ActionContext context, string path, bool sha256, CancellationToken cancellationToken)
    {
        var result = await TargetCommand.RunScriptAsync(context, Script, [path, sha256 ? "sha256" : ""], cancellationToken, logOutput: false);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (result.ExitCode != 0 || lines.Length == 0)
        {
            return (null, $"cannot inspect '{path}' on {context.Executor.Target.Name} (exit code {result.ExitCode}): {result.Stderr.Trim()}");
        }
        if (lines[0] == "absent")
        {
            return (FileState.Absent, null);
        }
        var f = lines[0].Split(' ');
        if (f.Length < 8)
        {
            return (null, $"cannot inspect '{path}' on {context.Executor.Target.Name}: unexpected stat output '{lines[0]}' (GNU or BusyBox stat is needed)");
        }
        return (new FileState
        {
            Type = f[0],
            Size = long.Parse(f[1], CultureInfo.InvariantCulture),
            Mode = f[2],
            Uid = f[3],
            Gid = f[4],
            ModifiedEpoch = long.Parse(f[5], CultureInfo.InvariantCulture),
            Owner = f[6],
            Group = f[7],
            Sha256 = lines.Length > 1 ? lines[1].Split(' ')[0] : null,
        }, null);
    }
}
