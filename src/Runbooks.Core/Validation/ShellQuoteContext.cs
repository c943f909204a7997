using Runbooks.Core.Templates;

namespace Runbooks.Core.Validation;

/// <summary>
/// Finds <c>shell.quote</c>d values placed inside shell quotes or backticks in a shell-string template. Single-quoting
/// only protects a value that stands outside quotes: <c>echo "{{ x | shell.quote }}"</c> with x = <c>$(id)</c> runs
/// <c>id</c>, because the single quotes it adds are plain characters inside double quotes.
/// The template text around the <c>{{ }}</c> holes is read with POSIX sh quoting rules (backslash escapes, '…',
/// "…", `…`); here-documents are not analysed.
/// </summary>
internal static class ShellQuoteContext
{
    private enum State { None, Single, Double, Backtick }

    public static IEnumerable<TemplateReference> QuotedHolesInsideQuotes(string source, IReadOnlyList<TemplateReference> references)
    {
        var quoted = references.Where(r => r.Quoted).ToList();
        if (quoted.Count == 0)
        {
            yield break;
        }
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }
        int Offset(TemplateReference r) => r.Line - 1 < lineStarts.Count ? lineStarts[r.Line - 1] + r.Column - 1 : -1;

        var state = State.None;
        var index = 0;
        while (index < source.Length)
        {
            if (string.CompareOrdinal(source, index, "{{", 0, 2) == 0)
            {
                var close = source.IndexOf("}}", index + 2, StringComparison.Ordinal);
                var end = close < 0 ? source.Length : close + 2;
                if (state != State.None)
                {
                    foreach (var reference in quoted)
                    {
                        var at = Offset(reference);
                        if (at >= index && at < end)
                        {
                            yield return reference;
                        }
                    }
                }
                index = end;
                continue;
            }
            var c = source[index];
            if (state == State.None && c == '#' && (index == 0 || char.IsWhiteSpace(source[index - 1])))
            {
                // A comment runs to the end of the line; its apostrophes quote nothing.
                var newline = source.IndexOf('\n', index);
                index = newline < 0 ? source.Length : newline;
                continue;
            }
            switch (state)
            {
                case State.None when c == '\\':
                case State.Double when c == '\\':
                    index++; // the next character is escaped
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
            index++;
        }
    }
}
