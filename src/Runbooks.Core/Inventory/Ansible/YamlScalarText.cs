using System.Globalization;
using System.Text;
using Runbooks.Core.Yaml;

namespace Runbooks.Core.Inventory.Ansible;

/// <summary>
/// Writes a string as a YAML scalar that reads back as that same string: plain when it is unambiguous, otherwise
/// double-quoted. Anything the core schema would type (<c>01</c>, <c>1.0</c>, <c>true</c>, <c>null</c>), YAML 1.1
/// booleans (<c>yes</c>, <c>off</c>) and text with indicators (<c>*</c>, <c>:</c>, <c>#</c>, spaces) is quoted.
/// </summary>
internal static class YamlScalarText
{
    private static readonly HashSet<string> Yaml11Booleans = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "on", "off",
    };

    public static string Of(string text) => IsPlainSafe(text) ? text : Quote(text);

    private static bool IsPlainSafe(string text) =>
        text.Length > 0 &&
        (char.IsAsciiLetterOrDigit(text[0]) || text[0] is '/' or '_') &&
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '/' or '@' or '+' or '-') &&
        CoreSchema.Resolve(text) is string &&
        !Yaml11Booleans.Contains(text);

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"", text.Length + 2);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }
}
