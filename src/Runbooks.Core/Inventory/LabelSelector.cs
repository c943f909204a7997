namespace Runbooks.Core.Inventory;

/// <summary>
/// A label selector, as operators write them for Kubernetes: requirements separated by commas, all of which must
/// hold: <c>env=prod</c> (or <c>==</c>), <c>tier!=db</c>, <c>role in (web,api)</c>, <c>zone notin (a,b)</c>,
/// <c>canary</c> (the label exists), <c>!canary</c> (it does not). A missing label never equals a value, and
/// <c>!=</c> and <c>notin</c> hold for hosts without the label.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(string text, IReadOnlyList<Requirement> requirements)
    {
        Text = text;
        _requirements = requirements;
    }

    /// <summary>The selector as written.</summary>
    public string Text { get; }

    /// <summary>Whether a host's labels satisfy every requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return _requirements.All(r => r.Matches(labels));
    }

    /// <summary>Parses a selector; throws <see cref="FormatException"/> naming the position and what was expected.</summary>
    public static LabelSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var requirements = new List<Requirement>();
        var reader = new Reader(text);
        while (true)
        {
            reader.SkipSpaces();
            if (reader.AtEnd)
            {
                if (requirements.Count == 0)
                {
                    throw reader.Error("a requirement such as env=prod");
                }
                break;
            }
            requirements.Add(ParseRequirement(reader));
            reader.SkipSpaces();
            if (reader.AtEnd)
            {
                break;
            }
            reader.Expect(',', "',' between requirements");
        }
        return new LabelSelector(text, requirements);
    }

    private static Requirement ParseRequirement(Reader reader)
    {
        if (reader.TryTake('!'))
        {
            return new Requirement(reader.Key(), Op.NotExists, []);
        }
        var key = reader.Key();
        reader.SkipSpaces();
        if (reader.TryTake("!="))
        {
            return new Requirement(key, Op.NotEquals, [reader.Value()]);
        }
        if (reader.TryTake("==") || reader.TryTake('='))
        {
            return new Requirement(key, Op.Equals, [reader.Value()]);
        }
        if (reader.TryWord("notin"))
        {
            return new Requirement(key, Op.NotIn, reader.ValueSet());
        }
        if (reader.TryWord("in"))
        {
            return new Requirement(key, Op.In, reader.ValueSet());
        }
        return new Requirement(key, Op.Exists, []);
    }

    private enum Op { Equals, NotEquals, In, NotIn, Exists, NotExists }

    private sealed record Requirement(string Key, Op Op, IReadOnlyList<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                Op.Equals or Op.In => has && Values.Contains(value!, StringComparer.Ordinal),
                Op.NotEquals or Op.NotIn => !has || !Values.Contains(value!, StringComparer.Ordinal),
                Op.Exists => has,
                _ => !has,
            };
        }
    }

    private sealed class Reader(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        public bool TryTake(char c)
        {
            if (!AtEnd && text[_at] == c)
            {
                _at++;
                return true;
            }
            return false;
        }

        public bool TryTake(string s)
        {
            if (string.CompareOrdinal(text, _at, s, 0, s.Length) == 0)
            {
                _at += s.Length;
                return true;
            }
            return false;
        }

        public bool TryWord(string word)
        {
            var start = _at;
            if (TryTake(word) && (AtEnd || char.IsWhiteSpace(text[_at]) || text[_at] == '('))
            {
                return true;
            }
            _at = start;
            return false;
        }

        public void Expect(char c, string what)
        {
            if (!TryTake(c))
            {
                throw Error(what);
            }
        }

        public string Key() => Token("a label name (letters, digits, '.', '_', '-', '/')");

        public string Value()
        {
            SkipSpaces();
            return Token("a label value");
        }

        public IReadOnlyList<string> ValueSet()
        {
            SkipSpaces();
            Expect('(', "'(' starting a list of values");
            var values = new List<string>();
            do
            {
                values.Add(Value());
                SkipSpaces();
            }
            while (TryTake(','));
            Expect(')', "',' or ')' in the list of values");
            return values;
        }

        private string Token(string what)
        {
            SkipSpaces();
            var start = _at;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] is '.' or '_' or '-' or '/'))
            {
                _at++;
            }
            if (_at == start)
            {
                throw Error(what);
            }
            return text[start.._at];
        }

        public FormatException Error(string expected) =>
            new($"label selector '{text}': expected {expected} at position {_at + 1}{(AtEnd ? " (the end)" : $" (found '{text[_at]}')")}; " +
                "write requirements such as env=prod, tier!=db, role in (web,api), canary or !canary, separated by commas");
    }
}
