using Runbooks.Actions.Common;
using Runbooks.Core.Actions;

namespace Runbooks.Actions.Files;

/// <summary>
/// Replaces a file on the target atomically, for <c>file.write</c> and <c>file.line</c>: the content goes through
/// stdin (never argv) into a temporary file in the same directory, which gets the wanted (or the old) owner, group and
/// mode and is then renamed over the path, so a reader sees the old file or the new one, never half of it. The old
/// file is kept as a backup by a hard link (or a copy keeping its attributes) before the rename.
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>
    /// $1 = path, $2 = mode or "", $3 = owner or "", $4 = group or "", $5 = backup path or "" (a free name is found
    /// if it is taken). Prints the backup path made, if any. Empty attributes keep the old file's (or, for a new file,
    /// the umask's mode and the login user). chown and chgrp run before chmod because they may clear setuid bits.
    /// </summary>
    public const string Script = """
        p=$1 mode=$2 owner=$3 group=$4 bak=$5
        tmp=
        trap 'rm -f -- "$tmp"' EXIT
        trap 'exit 143' TERM
        trap 'exit 129' HUP
        case $p in */*) dir=${p%/*}; base=${p##*/} ;; *) dir=.; base=$p ;; esac
        [ -n "$dir" ] || dir=/
        if [ -L "$p" ]; then echo "runbooks: $p is a symbolic link; write the file it points to instead" >&2; exit 65; fi
        if [ -e "$p" ] && [ ! -f "$p" ]; then echo "runbooks: $p exists and is not a regular file" >&2; exit 65; fi
        [ -d "$dir" ] || { echo "runbooks: directory $dir does not exist" >&2; exit 66; }
        mask=$(umask)
        tmp=$(umask 077; mktemp -- "$dir/.$base.runbooks.XXXXXXXXXX") || exit 73
        cat >"$tmp" || exit 74
        if [ -e "$p" ]; then
          [ -n "$mode" ] || mode=$(stat -c %a -- "$p") || exit 1
          [ -n "$owner" ] || owner=$(stat -c %u -- "$p") || exit 1
          [ -n "$group" ] || group=$(stat -c %g -- "$p") || exit 1
        else
          [ -n "$mode" ] || mode=$(printf '%o' $(( 0666 & ~$mask )))
        fi
        if [ -n "$owner" ] && [ "$owner" != "$(stat -c %u -- "$tmp")" ] && [ "$owner" != "$(stat -c %U -- "$tmp")" ]; then chown -- "$owner" "$tmp" || exit 1; fi
        if [ -n "$group" ] && [ "$group" != "$(stat -c %g -- "$tmp")" ] && [ "$group" != "$(stat -c %G -- "$tmp")" ]; then chgrp -- "$group" "$tmp" || exit 1; fi
        chmod -- "$mode" "$tmp" || exit 1
        if [ -n "$bak" ] && [ -e "$p" ]; then
          if [ -e "$bak" ] || [ -L "$bak" ]; then
            n=1
            while [ -e "${bak%.bak}.$n.bak" ] || [ -L "${bak%.bak}.$n.bak" ]; do n=$((n + 1)); done
            bak=${bak%.bak}.$n.bak
          fi
          ln -- "$p" "$bak" 2>/dev/null || cp -p -- "$p" "$bak" || exit 1
          printf '%s\n' "$bak"
        fi
        mv -f -- "$tmp" "$p" || exit 1
        tmp=
        """;

    /// <summary>Writes <paramref name="content"/> to the path; returns the backup path made (or null) or an error.</summary>
    public static async Task<(string? BackupPath, string? Error)> WriteAsync(
        ActionContext context, string path, string content, string? mode, string? owner, string? group, bool backup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var backupPath = backup ? $"{path}.{context.Time.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.bak" : "";
        var result = await TargetCommand.RunScriptAsync(context, Script, [path, mode ?? "", owner ?? "", group ?? "", backupPath], cancellationToken, stdin: content);
        if (result.ExitCode != 0)
        {
            return (null, $"cannot write '{path}' on {context.Executor.Target.Name} (exit code {result.ExitCode}): {result.Stderr.Trim()}; the file was left as it was");
        }
        var made = result.Stdout.TrimEnd('\n');
        return (made.Length > 0 ? made : null, null);
    }
}
