using System.Globalization;

namespace Runbooks.Core.Engine;

/// <summary>
/// When a condition (<c>if</c>, <c>retry.when</c>, <c>assert</c>) counts as true: false, null, 0, "" and the
/// strings "false", "0", "no" are false; everything else is true.
/// </summary>
internal static class Truthiness
{
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        string s => s.Trim().ToLowerInvariant() is not ("" or "false" or "0" or "no"),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) is not null,
    };
}
