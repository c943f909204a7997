using System.Globalization;

namespace Runbooks.Core.Yaml;

/// <summary>
/// Types plain scalars by the YAML 1.2 core schema: <c>null</c>/<c>~</c>/empty, <c>true</c>/<c>false</c>, integers
/// (decimal, 0x, 0o), floats; everything else is a string. YAML 1.1 surprises such as <c>yes</c>, <c>no</c> and
/// <c>on</c> stay strings.
/// </summary>
internal static class CoreSchema
{
    public static object? Resolve(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            case ".inf" or "+.inf" or ".Inf" or "+.Inf" or ".INF" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }
        if (text.StartsWith("0x", StringComparison.Ordinal) &&
            long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }
        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && text[2..].All(c => c is >= '0' and <= '7'))
        {
            try
            {
                return Convert.ToInt64(text[2..], 8);
            }
            catch (OverflowException)
            {
                return text;
            }
        }
        if (IsInteger(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }
        if (IsFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        return text;
    }

    private static bool IsInteger(string text)
    {
        var start = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        return text.Length > start && text.AsSpan(start).ContainsAnyExceptInRange('0', '9') is false;
    }

    private static bool IsFloat(string text)
    {
        // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var i = 0;
        if (i < text.Length && (text[i] == '-' || text[i] == '+')) { i++; }
        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; digits++; }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; digits++; }
        }
        if (digits == 0) { return false; }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '-' || text[i] == '+')) { i++; }
            var exp = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; exp++; }
            if (exp == 0) { return false; }
        }
        return i == text.Length;
    }
}
