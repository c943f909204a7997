namespace Runbooks.Actions.Files;

/// <summary>
/// Computes <c>file.line</c>'s new text in C#, so no line or regular expression ever passes through sed, awk or a
/// shell. Semantics follow Ansible's lineinfile: with state present, the last line the regexp matches is replaced by
/// the line; with no match (or no regexp) the line is added unless an identical line exists — after the last line
/// matching insertAfter, before the last line matching insertBefore, or at the end (also when those match nothing).
/// With state absent every line matching the regexp (or equal to the line) is removed. The file's line ending (LF or
/// CRLF, from its first line) is used for a new line; a last line without a newline gets one before an append.
/// </summary>
internal static class LineEditor
{
    /// <summary>The edited text, whether it differs, and how many lines matched (regexp, or the exact line).</summary>
    public static (string Text, bool Changed, int Matches) Apply(string text, LineEdit edit)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(edit);
        var lines = Split(text);
        var newline = lines.Count > 0 && lines[0].End == "\r\n" ? "\r\n" : "\n";
        bool Matches(Line l) => edit.Regexp is { } r ? r.IsMatch(l.Text) : l.Text == edit.Line;
        var matching = lines.Select((l, i) => (l, i)).Where(x => Matches(x.l)).Select(x => x.i).ToList();
        if (!edit.Present)
        {
            if (matching.Count == 0)
            {
                return (text, false, 0);
            }
            var kept = lines.Where((_, i) => !matching.Contains(i)).ToList();
            return (Join(kept), true, matching.Count);
        }
        var line = edit.Line ?? "";
        if (edit.Regexp is not null && matching.Count > 0)
        {
            var last = matching[^1];
            if (lines[last].Text == line)
            {
                return (text, false, matching.Count);
            }
            lines[last] = lines[last] with { Text = line };
            return (Join(lines), true, matching.Count);
        }
        if (lines.Any(l => l.Text == line))
        {
            return (text, false, edit.Regexp is null ? lines.Count(l => l.Text == line) : 0);
        }
        var at = InsertionIndex(lines, edit);
        if (at == lines.Count && at > 0 && lines[^1].End.Length == 0)
        {
            lines[^1] = lines[^1] with { End = newline };
        }
        lines.Insert(at, new Line(line, newline));
        return (Join(lines), true, 0);
    }

    private static int InsertionIndex(List<Line> lines, LineEdit edit)
    {
        if (edit.AtStart)
        {
            return 0;
        }
        if (edit.InsertBefore is { } before && LastIndex(lines, before) is { } b)
        {
            return b;
        }
        if (edit.InsertAfter is { } after && LastIndex(lines, after) is { } a)
        {
            return a + 1;
        }
        return lines.Count;
    }

    private static int? LastIndex(List<Line> lines, System.Text.RegularExpressions.Regex regex)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (regex.IsMatch(lines[i].Text))
            {
                return i;
            }
        }
        return null;
    }

    private static List<Line> Split(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        while (start < text.Length)
        {
            var lf = text.IndexOf('\n', start);
            if (lf < 0)
            {
                lines.Add(new Line(text[start..], ""));
                break;
            }
            var cr = lf > start && text[lf - 1] == '\r';
            lines.Add(new Line(text[start..(cr ? lf - 1 : lf)], cr ? "\r\n" : "\n"));
            start = lf + 1;
        }
        return lines;
    }

    private static string Join(List<Line> lines) => string.Concat(lines.Select(l => l.Text + l.End));

    private readonly record struct Line(string Text, string End);
}
