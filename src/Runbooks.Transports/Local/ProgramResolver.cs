namespace Runbooks.Transports.Local;

/// <summary>
/// Finds the file a program name refers to the way <c>execvp</c> does, so that a missing program is reported
/// before anything starts: names with a slash are paths (relative to the working directory), others are
/// looked up in <c>PATH</c> (the request's own <c>PATH</c> when it sets one).
/// </summary>
internal static class ProgramResolver
{
    /// <summary>The full path of the program, or null when there is no such file.</summary>
    public static string? Resolve(string program, string? pathVariable, string workingDirectory)
    {
        if (program.Length == 0)
        {
            return null;
        }
        if (program.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(program, workingDirectory);
            return File.Exists(path) ? path : null;
        }
        foreach (var dir in (pathVariable ?? "").Split(':'))
        {
            // An empty PATH entry means the current directory, as in POSIX.
            var candidate = Path.GetFullPath(Path.Combine(dir.Length == 0 ? "." : dir, program), workingDirectory);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Where <c>setsid</c> lives, or null (then the process is not given its own group).</summary>
    public static string? Setsid { get; } = OperatingSystem.IsWindows()
        ? null
        : new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() ||
        (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
