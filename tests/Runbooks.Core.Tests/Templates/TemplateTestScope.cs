using Runbooks.Core.Templates;

namespace Runbooks.Core.Tests.Templates;

/// <summary>A scope like the engine's: params, steps with outputs, and a forEach item.</summary>
internal static class TemplateTestScope
{
    public static TemplateScope Create() => new(new Dictionary<string, object?>
    {
        ["params"] = new Dictionary<string, object?>
        {
            ["host"] = "web-1",
            ["port"] = 8080L,
            ["services"] = new List<object?> { "nginx", "redis" },
            ["injected"] = "{{ 1 + 1 }}",
            ["evil"] = "'; rm -rf / #",
        },
        ["steps"] = new Dictionary<string, object?>
        {
            ["check"] = new Dictionary<string, object?>
            {
                ["outputs"] = new Dictionary<string, object?> { ["active"] = false, ["exitCode"] = 3 },
            },
        },
    });

    public static object? Render(this ScribanTemplateEngine engine, string source, TemplateKind kind = TemplateKind.Text) =>
        engine.Evaluate(engine.Compile(source, kind), Create(), CancellationToken.None);
}
