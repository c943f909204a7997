namespace Runbooks.Bench.Harness;

/// <summary>
/// Command-line options: <c>--quick</c> (small shapes, one round: a smoke test), <c>--rounds N</c>, and
/// <c>--only NAME</c> (engines whose name starts with NAME, e.g. to profile one of them alone), and
/// <c>--breakdown</c> (the cost of the pieces of a step instead of the comparison), and <c>--template plain|filtered</c>
/// (see <see cref="StepTemplate"/>).
/// </summary>
internal sealed record BenchOptions(bool Quick, int Rounds, string? Only, bool Breakdown, string Template = "plain")
{
    public const string Usage = "usage: Runbooks.Bench [--quick] [--rounds N] [--only ENGINE] [--breakdown] [--template plain|filtered]   (default: 7 timed rounds after 1 warm-up round, every engine, plain template)";

    public IReadOnlyList<Shape> Shapes => Quick
        ? [new Shape("1 run x 100 steps", 1, 100), new Shape("500 runs x 3 steps", 500, 3)]
        : [new Shape("1 run x 1,000 steps (32 in a row)", 1, 1_000, Repeats: 32), new Shape("10,000 runs x 3 steps", 10_000, 3)];

    /// <summary>Parses the arguments; null (after printing why) when they are wrong.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var quick = false;
        var breakdown = false;
        int? rounds = null;
        string? only = null;
        var template = "plain";
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--rounds" when i + 1 < args.Count && int.TryParse(args[i + 1], out var n) && n > 0:
                    rounds = n;
                    i++;
                    break;
                case "--breakdown":
                    breakdown = true;
                    break;
                case "--template" when i + 1 < args.Count && args[i + 1] is "plain" or "filtered":
                    template = args[++i];
                    break;
                case "--only" when i + 1 < args.Count:
                    only = args[++i];
                    break;
                default:
                    error.WriteLine($"unknown or incomplete argument '{args[i]}'; --rounds takes a positive whole number, --only an engine name.");
                    error.WriteLine(Usage);
                    return null;
            }
        }
        return new BenchOptions(quick, rounds ?? (quick ? 1 : 7), only, breakdown, template);
    }
}
