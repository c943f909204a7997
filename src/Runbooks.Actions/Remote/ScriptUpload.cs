namespace Runbooks.Actions.Remote;

/// <summary>
/// The fixed wrapper <c>ssh.script</c> runs on the host. It reads the script from standard input into a private
/// temporary file (<c>umask 077; mktemp</c>), runs <c>interpreter tmpfile args… &lt;/dev/null</c> and removes the
/// file when it ends, however it ends. The script text is never in a command line (ps would show it, and it may hold
/// secrets); the interpreter and the arguments arrive as positional parameters, never as shell text.
/// </summary>
internal static class ScriptUpload
{
    /// <summary>The exit code of the wrapper itself failing (no temporary file); sh uses 126/127 for exec errors.</summary>
    public const int WrapperFailed = 125;

    /// <summary>
    /// $1 = interpreter, $2… = the script's arguments; stdin = the script. The interpreter runs in the background and
    /// the wrapper waits for it, because a shell runs a trap only between commands: waiting in the foreground on a
    /// child that ignores TERM would delay the trap until the executor's KILL, which no trap survives. With "wait" the
    /// TERM the executor sends the process group on a timeout interrupts the wait at once, the trap exits, and the
    /// EXIT trap removes the file within the executor's one-second grace before KILL.
    /// </summary>
    public const string Wrapper = """
        tmp=
        trap 'rm -f -- "$tmp"' EXIT
        trap 'exit 143' TERM
        trap 'exit 129' HUP
        trap 'exit 130' INT
        mask=$(umask)
        umask 077
        tmp=$(mktemp "${TMPDIR:-/tmp}/runbooks-script.XXXXXXXXXX") || { echo "runbooks: cannot create a temporary file for the script in ${TMPDIR:-/tmp}" >&2; exit 125; }
        cat >"$tmp" || { echo "runbooks: cannot write the script to $tmp" >&2; exit 125; }
        umask "$mask"
        interpreter=$1
        shift
        "$interpreter" "$tmp" "$@" </dev/null &
        wait "$!"
        """;
}
