using System.Globalization;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>
/// 200 hostile label values: 25 payloads (command substitution, backticks, command separators, redirections, quotes,
/// template code, leading dashes, unicode) each in 8 wrappings (bare, after a word, before a comment, in single quotes, in
/// double quotes, after <c>--</c>, followed by a line break, inside <c>{{ }}</c>). Every payload that could run a command
/// would create its own canary file in <see cref="CanaryDirectory"/>.
/// </summary>
internal sealed class HostileValues(string canaryDirectory)
{
    public string CanaryDirectory => canaryDirectory;

    /// <summary>The 200 values, in a fixed order.</summary>
    public IReadOnlyList<string> All()
    {
        var values = new List<string>();
        var payloads = Payloads().ToList();
        string[] wrappings = ["{0}", "nginx{0}", "{0} #", "'{0}'", "\"{0}\"", "--{0}", "{0}\n", "{{{{ {0} }}}}"];
        for (var w = 0; w < wrappings.Length; w++)
        {
            for (var p = 0; p < payloads.Count; p++)
            {
                var canary = Path.Combine(canaryDirectory, $"canary-{w}-{p}");
                values.Add(string.Format(CultureInfo.InvariantCulture, wrappings[w], payloads[p](canary)));
            }
        }
        return values;
    }

    private static IEnumerable<Func<string, string>> Payloads()
    {
        yield return c => $"$(touch {c})";
        yield return c => $"`touch {c}`";
        yield return c => $"; touch {c}";
        yield return c => $"&& touch {c}";
        yield return c => $"| touch {c}";
        yield return c => $"'; touch {c}; echo '";
        yield return c => $"\"; touch {c}; echo \"";
        yield return c => $"$(touch${{IFS}}{c})";
        yield return c => $"x' $(touch {c}) 'y";
        yield return c => $"\\'; touch {c} #";
        yield return c => $"> {c}";
        yield return c => $"$((1+1)) >> {c}";
        yield return c => $"{{{{ 7*7 }}}} $(touch {c})";
        yield return c => $"{{% touch {c} %}}";
        yield return c => $"{{{{ \"x\" | string.append \"{c}\" }}}}";
        yield return _ => "{{ run.id }}{{ secrets.oncall }}{{ params.a }}";
        yield return _ => "-rf /";
        yield return _ => "--help";
        yield return c => $"-o {c}";
        yield return _ => "$HOME $1 $@ * ? ~ !! \\ \\\\";
        yield return c => $"%s%n%x {c}";
        yield return c => $"ünïcødé 日本語 🔥 {c}";
        yield return c => $"\u202e$(touch {c})";
        yield return c => $"${{{c}:=x}} ${{PATH##*}}";
        yield return c => $"<(touch {c}) >(touch {c}x)";
    }
}
