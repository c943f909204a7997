using System.Globalization;
using System.Text;

namespace Runbooks.AlertBench.Harness;

/// <summary>
/// The results as Markdown (printed, and with <c>--write-docs</c> put into docs/performance.md) and the goals. A goal is
/// judged only on a full run on a quiet machine: with a 1-minute load above the core count during any measurement it
/// goes in, it is shown as not judged.
/// </summary>
internal sealed class Report
{
    private readonly StringBuilder _body = new();
    private readonly List<(string Goal, string Measured, bool Met, double Load)> _goals = [];

    public void Section(string title, string intro, string[] header, IEnumerable<string[]> rows, string? footer = null)
    {
        _body.Append(CultureInfo.InvariantCulture, $"#### {title}\n\n{intro}\n\n| {string.Join(" | ", header)} |\n|{string.Concat(header.Select((_, i) => i == 0 ? "---|" : "--:|"))}\n");
        foreach (var row in rows)
        {
            _body.Append(CultureInfo.InvariantCulture, $"| {string.Join(" | ", row)} |\n");
        }
        if (footer is not null)
        {
            _body.Append(CultureInfo.InvariantCulture, $"\n{footer}\n");
        }
        _body.Append('\n');
    }

    /// <summary>A goal, with the highest 1-minute load seen during the measurements it is computed from.</summary>
    public void Goal(string goal, string measured, bool met, double load) => _goals.Add((goal, measured, met, load));

    public string Markdown(string preamble, bool judge)
    {
        var text = new StringBuilder().Append(preamble).Append("\n\n").Append(_body);
        if (_goals.Count > 0)
        {
            var cores = Environment.ProcessorCount;
            text.Append(judge
                ? $"#### Goals on this machine\n\nA goal is judged only when the 1-minute load stayed at or below the core count ({cores}) while its numbers were measured.\n\n| goal | measured | highest load | met |\n|---|--:|--:|---|\n"
                : "#### Goals (not judged: --quick smoke run)\n\n| goal | measured | highest load |\n|---|--:|--:|\n");
            foreach (var (goal, measured, met, load) in _goals)
            {
                var verdict = load > cores ? $"not judged (load {F(load)} > {cores})" : met ? "yes" : "**no**";
                text.Append(judge ? $"| {goal} | {measured} | {F(load)} | {verdict} |\n" : $"| {goal} | {measured} | {F(load)} |\n");
            }
        }
        return text.ToString().TrimEnd() + "\n";
    }

    public static string F(double value, string format = "0.0") => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);
}
