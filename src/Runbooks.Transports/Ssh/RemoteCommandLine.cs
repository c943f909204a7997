using Runbooks.Core;
using Runbooks.Core.Templates;

namespace Runbooks.Transports.Ssh;

/// <summary>
/// Builds the one command string SSH carries to the remote shell so that every argument arrives as exactly one argv
/// element: each is POSIX single-quoted, values that could start with '-' are not taken for options because the
/// runbook's own argv decides where options end, and NUL, CR and LF are refused outright (a line break could end the
/// command and start another in some shells' handling of exec requests).
/// </summary>
public static class RemoteCommandLine
{
    /// <summary>The command line for an argument vector, optionally through <c>sudo -n --</c>.</summary>
    public static string ForArgv(IReadOnlyList<string> argv, bool sudo)
    {
        ArgumentNullException.ThrowIfNull(argv);
        if (argv.Count == 0)
        {
            throw new RunbooksException("a remote command needs at least a program name");
        }
        var words = argv.Select((arg, i) => Quote(arg, i));
        // sudo -n: never prompt (there is no terminal); "--" ends sudo's options so a program named "-x" stays a program.
        return sudo ? "sudo -n -- " + string.Join(' ', words) : string.Join(' ', words);
    }

    /// <summary>
    /// The command line for a script: <c>interpreter -c 'script' runbooks-script 'arg1' …</c>, so the arguments reach
    /// the script as <c>$1</c>, <c>$2</c>… and never as shell text.
    /// </summary>
    public static string ForScript(string interpreter, string script, IReadOnlyList<string> args, bool sudo)
    {
        ArgumentNullException.ThrowIfNull(args);
        // The script itself may span lines: it is one quoted word, so its line breaks stay inside the quotes.
        var words = new[] { Quote(interpreter, 0), "-c", ShellQuoting.Quote(script), "runbooks-script" }
            .Concat(args.Select((arg, i) => Quote(arg, i + 1)));
        return sudo ? "sudo -n -- " + string.Join(' ', words) : string.Join(' ', words);
    }

    private static string Quote(string value, int index)
    {
        if (value.AsSpan().IndexOfAny('\0', '\r', '\n') >= 0)
        {
            var which = value.Contains('\0', StringComparison.Ordinal) ? "NUL" : value.Contains('\n', StringComparison.Ordinal) ? "a line feed" : "a carriage return";
            throw new RunbooksException($"argument {index} contains {which}, which cannot be passed to a remote command safely; remove it (or pass the text through stdin)");
        }
        return ShellQuoting.Quote(value);
    }
}
