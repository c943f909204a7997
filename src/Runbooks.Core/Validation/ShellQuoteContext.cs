using Runbooks.Core.Templates;

namespace Runbooks.Core.Validation;

/// <summary>
/// Finds <c>shell.quote</c>d values whose quoting does not hold where they stand in a shell-string template: inside
/// shell quotes or backticks (<c>echo "{{ x | shell.quote }}"</c> with x = <c>$(id)</c> runs <c>id</c>, because the
/// added single quotes are plain characters inside double quotes), or in a here-document (which expands <c>$(…)</c>
/// whatever the quotes). The text around the <c>{{ }}</c> holes is read with POSIX sh rules: backslash escapes,
/// '…', "…", `…`, <c>#</c> comments at the start of a word, <c>&lt;&lt;</c>. Anything it cannot place is reported:
/// when in doubt, the answer is "not safe".
/// </summary>
internal static class ShellQuoteContext
{
    private enum State { None, Single, Double, Backtick }

    public static IEnumerable<(TemplateReference Reference, string Where)> MisplacedQuotedValues(string source, IReadOnlyList<TemplateReference> references)
    {
        var quoted = references.Where(r => r.Quoted).ToList();
        if (quoted.Count == 0)
        {
            yield break;
        }
        var placed = new HashSet<TemplateReference>();
        var lineStarts = LineStarts(source);
        int Offset(TemplateReference r) => r.Line - 1 < lineStarts.Count ? lineStarts[r.Line - 1] + r.Column - 1 : -1;

        var state = State.None;
        var heredoc = false;
        var wordStart = true;
        var index = 0;
        while (index < source.Length)
        {
            if (string.CompareOrdinal(source, index, "{{", 0, 2) == 0)
            {
                var close = source.IndexOf("}}", index + 2, StringComparison.Ordinal);
                var end = close < 0 ? source.Length : close + 2;
                foreach (var reference in quoted.Where(r => Offset(r) >= index && Offset(r) < end))
                {
                    placed.Add(reference);
                    if (heredoc)
                    {
                        yield return (reference, "in a here-document, which expands $(…) whatever the quotes");
                    }
                    else if (state != State.None)
                    {
                        yield return (reference, "inside shell quotes or backticks, where the quotes it adds are plain characters (\"$(…)\" still runs inside \"…\")");
                    }
                }
                index = end;
                wordStart = false;
                continue;
            }
            var c = source[index];
            if (state == State.None && c == '#' && wordStart)
            {
                // A comment runs to the end of the line; its apostrophes quote nothing.
                while (index < source.Length && source[index] is not ('\n' or '\r'))
                {
                    index++;
                }
                continue;
            }
            if (state == State.None && c == '<' && index + 1 < source.Length && source[index + 1] == '<')
            {
                heredoc = true; // a here-document (or here-string) starts: nothing after it is analysed as safe
            }
            var escaped = false;
            switch (state)
            {
                case State.None when c == '\\':
                case State.Double when c == '\\':
                    index++; // the next character is escaped
                    escaped = true;
                    break;
                case State.None when c == '\'':
                    state = State.Single;
                    break;
                case State.None when c == '"':
                    state = State.Double;
                    break;
                case State.None when c == '`':
                    state = State.Backtick;
                    break;
                case State.Single when c == '\'':
                case State.Double when c == '"':
                case State.Backtick when c == '`':
                    state = State.None;
                    break;
            }
            // "#" starts a comment only at the start of a word: after unescaped blank space, ; & | ( or a line break.
            wordStart = !escaped && state == State.None && (char.IsWhiteSpace(c) || c is ';' or '&' or '|' or '(');
            index++;
        }
        foreach (var reference in quoted.Where(r => !placed.Contains(r)))
        {
            yield return (reference, "at a place in the script that could not be determined");
        }
    }

    // Lines as Scriban counts them: \n, \r\n and a lone \r each end a line.
    private static List<int> LineStarts(string source)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n' || (source[i] == '\r' && (i + 1 >= source.Length || source[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }
        return starts;
    }
}
