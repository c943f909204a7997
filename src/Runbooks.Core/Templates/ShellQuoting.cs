namespace Runbooks.Core.Templates;

/// <summary>
/// POSIX <c>sh</c> quoting for values placed in shell command lines, exposed to templates as <c>shell.quote</c>.
/// </summary>
public static class ShellQuoting
{
    internal const string NulMessage =
        "A shell argument cannot contain a NUL character (\\0): the shell would cut the value there. Remove it from the value.";

    /// <summary>
    /// Quotes <paramref name="value"/> so that a POSIX shell reads it back as exactly one word with exactly this text.
    /// A non-empty value made only of <c>A-Z a-z 0-9 _ @ % + = : , . / -</c> is returned unchanged (the same safe set
    /// as Python's <c>shlex.quote</c>); anything else is wrapped in single quotes, each <c>'</c> written as
    /// <c>'\''</c>; the empty string becomes <c>''</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The value contains a NUL character, which no shell argument can carry.</exception>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(NulMessage, nameof(value));
        }
        if (value.Length == 0)
        {
            return "''";
        }
        if (IsSafe(value))
        {
            return value;
        }
        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static bool IsSafe(string value)
    {
        foreach (var c in value)
        {
            var safe = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
                or '_' or '@' or '%' or '+' or '=' or ':' or ',' or '.' or '/' or '-';
            if (!safe)
            {
                return false;
            }
        }
        return true;
    }
}
