using System.Text.RegularExpressions;
using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Core.Templates;

namespace Runbooks.Transports.Ssh;

/// <summary>
/// Builds the exec request's text for a <see cref="CommandRequest"/>: working directory, environment, sudo and the
/// command itself, each value single-quoted, preceded by a line reporting the remote shell's PID so that a cancelled
/// command can be killed with its whole process group.
/// </summary>
internal static partial class SshCommandText
{
    /// <summary>The prefix of the first stdout line, which carries the PID and is never shown.</summary>
    public const string PidMarker = "RUNBOOKS_PID=";

    /// <summary>The full text sent in the exec request.</summary>
    public static string Build(CommandRequest request, bool sudo)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = request.Argv is not null
            ? RemoteCommandLine.ForArgv(request.Argv, sudo: false)
            : RemoteCommandLine.ForScript(request.Interpreter, request.Script ?? "", request.ScriptArgs, sudo: false);
        if (request.Environment.Count > 0)
        {
            // env runs after sudo, so the variables survive sudo's environment reset.
            command = "env " + string.Join(' ', request.Environment.Select(pair => Assignment(pair.Key, pair.Value))) + " " + command;
        }
        if (sudo)
        {
            command = "sudo -n -- " + command;
        }
        // The login shell prints its PID, then replaces itself with the command: sshd made it a session (and process
        // group) leader, so "kill -- -PID" reaches the command and everything it starts.
        var text = $"echo \"{PidMarker}$$\"; ";
        if (request.WorkingDirectory is not null)
        {
            text += $"cd -- {QuoteLine(request.WorkingDirectory, "the working directory")} && ";
        }
        // No (or empty) stdin: the command reads /dev/null. (SSH.NET sends no EOF for an input stream closed unwritten, so a
        // command reading the channel would wait forever.)
        return text + "exec " + command + (string.IsNullOrEmpty(request.Stdin) ? " </dev/null" : "");
    }

    /// <summary>The text that kills a process group: TERM, a second's grace, then KILL.</summary>
    public static string Kill(int pid, bool sudo)
    {
        var script = $"kill -TERM -- -{pid} 2>/dev/null || kill -TERM {pid} 2>/dev/null; sleep 1; kill -KILL -- -{pid} 2>/dev/null; exit 0";
        return sudo ? "sudo -n -- sh -c " + ShellQuoting.Quote(script) : script;
    }

    private static string Assignment(string name, string value)
    {
        if (!EnvironmentName().IsMatch(name))
        {
            throw new RunbooksException(
                $"environment variable name '{name}' is not valid for a remote command; use letters, digits and '_', not starting with a digit");
        }
        return name + "=" + QuoteLine(value, $"environment variable '{name}'");
    }

    private static string QuoteLine(string value, string what)
    {
        if (value.AsSpan().IndexOfAny('\0', '\r', '\n') >= 0)
        {
            throw new RunbooksException($"{what} contains NUL or a line break, which cannot be passed to a remote command safely; remove it");
        }
        return ShellQuoting.Quote(value);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentName();
}
