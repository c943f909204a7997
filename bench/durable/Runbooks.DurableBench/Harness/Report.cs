using System.Globalization;
using System.Text;

namespace Runbooks.DurableBench.Harness;

/// <summary>The results as Markdown (printed, and with <c>--write-docs</c> put into docs/performance.md) and the goals.</summary>
internal sealed class Report
{
    private readonly StringBuilder _body = new();
    private readonly List<(string Goal, string Measured, bool Met)> _goals = [];

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

    public void Goal(string goal, string measured, bool met) => _goals.Add((goal, measured, met));

    public string Markdown(string preamble, bool judge)
    {
        var text = new StringBuilder().Append(preamble).Append("\n\n").Append(_body);
        if (_goals.Count > 0)
        {
            text.Append(judge ? "#### Goals on this machine\n\n| goal | measured | met |\n|---|--:|---|\n" : "#### Goals (not judged: --quick smoke run)\n\n| goal | measured |\n|---|--:|\n");
            foreach (var (goal, measured, met) in _goals)
            {
                text.Append(judge ? $"| {goal} | {measured} | {(met ? "yes" : "**no**")} |\n" : $"| {goal} | {measured} |\n");
            }
        }
        return text.ToString().TrimEnd() + "\n";
    }

    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
