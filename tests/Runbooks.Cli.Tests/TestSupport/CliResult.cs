using System.Text.RegularExpressions;

namespace Runbooks.Cli.Tests.TestSupport;

/// <summary>How one <c>runbooks</c> process ended: exit code and everything it wrote.</summary>
internal sealed partial record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout split into lines (the trailing newline does not make an empty last line).</summary>
    public IReadOnlyList<string> StdoutLines => Lines(Stdout);

    /// <summary>Stderr lines with the console sink's <c>HH:mm:ss </c> prefix removed, e.g. <c>INF check started …</c>.</summary>
    public IReadOnlyList<string> Timeline => [.. Lines(Stderr).Select(line => TimestampPrefix().Replace(line, ""))];

    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    [GeneratedRegex(@"^\d\d:\d\d:\d\d ")]
    private static partial Regex TimestampPrefix();
}
