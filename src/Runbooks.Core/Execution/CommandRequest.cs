namespace Runbooks.Core.Execution;

/// <summary>
/// A command to run on a target: either an argument vector (each element reaches the program as exactly one
/// argument; no shell is involved) or a script run by an interpreter.
/// </summary>
public sealed record CommandRequest
{
    /// <summary>The program and its arguments; null when <see cref="Script"/> is set.</summary>
    public IReadOnlyList<string>? Argv { get; init; }

    /// <summary>Script text, fed to <see cref="Interpreter"/>; null when <see cref="Argv"/> is set.</summary>
    public string? Script { get; init; }

    /// <summary>The interpreter for <see cref="Script"/>. Default <c>/bin/sh</c>.</summary>
    public string Interpreter { get; init; } = "/bin/sh";

    /// <summary>Arguments passed to the script (<c>$1</c>, <c>$2</c>, …), each as one argument.</summary>
    public IReadOnlyList<string> ScriptArgs { get; init; } = [];

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Working directory, or null for the executor's default.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Text written to standard input, then closed; null closes it at once.</summary>
    public string? Stdin { get; init; }

    /// <summary>Bytes kept of each of stdout and stderr; the rest is counted and marked as truncated. Default 64 KiB.</summary>
    public int MaxOutputBytes { get; init; } = 64 * 1024;

    /// <summary>Called for each line as it arrives (for live logs); never for lines past the bound.</summary>
    public Action<OutputLine>? OnOutput { get; init; }
}

/// <summary>A line of command output as it arrives.</summary>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The line without its newline.</param>
public readonly record struct OutputLine(string Stream, string Text);
