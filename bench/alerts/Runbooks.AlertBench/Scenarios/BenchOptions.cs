namespace Runbooks.AlertBench.Scenarios;

/// <summary>The command line: <c>[--quick] [--write-docs] [--only embedded|postgresql] [--perf DIR]</c>.</summary>
internal sealed record BenchOptions
{
    public const string Usage = "usage: Runbooks.AlertBench [--quick] [--write-docs] [--only embedded|postgresql] [--perf DIR]";

    /// <summary>Small sizes, goals not judged.</summary>
    public bool Quick { get; private init; }

    /// <summary>Rewrite the generated part of docs/performance.md.</summary>
    public bool WriteDocs { get; private init; }

    /// <summary>One backend only (<c>embedded</c> or <c>postgresql</c>), or both when null; ansible-playbook is skipped when set.</summary>
    public string? Only { get; private init; }

    /// <summary>Where <c>perf record</c> writes the serve process's samples of the idle and storm parts, or null for none.</summary>
    public string? PerfDirectory { get; private init; }

    public bool Measures(string backend) => Only is null || Only == backend;

    /// <summary>The options, or null with <paramref name="error"/> set when the command line is not understood.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--write-docs":
                    options = options with { WriteDocs = true };
                    break;
                case "--only" when i + 1 < args.Count && args[i + 1] is "embedded" or "postgresql":
                    options = options with { Only = args[++i] };
                    break;
                case "--perf" when i + 1 < args.Count:
                    options = options with { PerfDirectory = Path.GetFullPath(args[++i]) };
                    break;
                default:
                    error = $"not understood: {args[i]}{(args[i] is "--only" ? " (embedded or postgresql must follow)" : "")}\n{Usage}";
                    return null;
            }
        }
        if (options.WriteDocs && options.Only is not null)
        {
            error = $"--write-docs needs both backends measured, so not with --only\n{Usage}";
            return null;
        }
        error = null;
        return options;
    }
}
