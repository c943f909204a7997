using System.Globalization;
using Runbooks.Actions.Common;
using Runbooks.Core.Actions;

namespace Runbooks.Actions.Processes;

/// <summary>
/// Lists the target's processes with procps ps, by a fixed script, and says which of them must never be signalled:
/// PID 1, the listing shell and its children, and every ancestor of the listing shell (the sshd session serving the
/// connection, or locally Runbooks itself), so that no selection can cut the action's own connection or process.
/// </summary>
internal static class ProcessTable
{
    /// <summary>
    /// Prints "self PID", the comm of each process (comm is last, so one with spaces stays whole), a separator, then
    /// the full rows with the command line last.
    /// </summary>
    public const string Script = """
        echo "self $$"
        ps -e -o pid=,comm= || exit 1
        echo "--"
        ps -e -o pid=,ppid=,user:64=,pcpu=,pmem=,rss=,etimes=,args= || exit 1
        """;

    /// <summary>The processes and the PIDs that are protected, or an error.</summary>
    public static async Task<(List<ProcessInfo>? Processes, HashSet<long> Protected, string? Error)> ListAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var result = await TargetCommand.RunScriptAsync(context, Script, [], cancellationToken, logOutput: false);
        var lines = result.Stdout.Split('\n');
        if (result.ExitCode != 0 || lines.Length == 0 || !lines[0].StartsWith("self ", StringComparison.Ordinal))
        {
            return (null, [], $"cannot list processes on {context.Executor.Target.Name} (exit code {result.ExitCode}): {result.Stderr.Trim()}; process actions need procps ps");
        }
        var self = long.Parse(lines[0][5..], CultureInfo.InvariantCulture);
        var names = new Dictionary<long, string>();
        var at = 1;
        for (; at < lines.Length && lines[at] != "--"; at++)
        {
            var (pid, rest) = Split(lines[at]);
            if (pid is { } p)
            {
                names[p] = rest;
            }
        }
        var processes = new List<ProcessInfo>();
        for (at++; at < lines.Length; at++)
        {
            if (Row(lines[at], names) is { } process)
            {
                processes.Add(process);
            }
        }
        var parents = processes.ToDictionary(p => p.Pid, p => p.Ppid);
        HashSet<long> protectedPids = [1, self, .. processes.Where(p => p.Ppid == self).Select(p => p.Pid)];
        var current = self;
        // Add is false for a PID already protected, which also ends the walk should ps ever report a cycle.
        while (parents.TryGetValue(current, out var parent) && parent > 1 && protectedPids.Add(parent))
        {
            current = parent;
        }
        return (processes.Where(p => !protectedPids.Contains(p.Pid)).ToList(), protectedPids, null);
    }

    private static ProcessInfo? Row(string line, Dictionary<long, string> names)
    {
        var fields = new List<string>();
        var rest = line;
        for (var i = 0; i < 7; i++)
        {
            rest = rest.TrimStart(' ');
            var end = rest.IndexOf(' ', StringComparison.Ordinal);
            if (end < 0)
            {
                return null;
            }
            fields.Add(rest[..end]);
            rest = rest[end..];
        }
        var c = CultureInfo.InvariantCulture;
        if (!long.TryParse(fields[0], c, out var pid) || !long.TryParse(fields[1], c, out var ppid)
            || !double.TryParse(fields[3], c, out var cpu) || !double.TryParse(fields[4], c, out var mem)
            || !long.TryParse(fields[5], c, out var rss) || !long.TryParse(fields[6], c, out var elapsed)
            || !names.TryGetValue(pid, out var name))
        {
            // A process that started between the two ps calls has no comm yet: leave it for the next run.
            return null;
        }
        return new ProcessInfo(pid, ppid, fields[2], cpu, mem, rss * 1024, elapsed, name, rest.TrimStart(' ').TrimEnd('\r'));
    }

    private static (long? Pid, string Tail) Split(string line)
    {
        var trimmed = line.TrimStart(' ');
        var end = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return end > 0 && long.TryParse(trimmed[..end], CultureInfo.InvariantCulture, out var pid)
            ? (pid, trimmed[(end + 1)..].TrimEnd('\r'))
            : (null, "");
    }
}
