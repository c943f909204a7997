using Runbooks.Core.Templates;

namespace Runbooks.Core.Tests.Templates;

/// <summary>The Scriban-free fast path must give exactly what Scriban gives, or step aside.</summary>
public sealed class FastPathEquivalenceTests
{
    private static readonly TemplateScope Scope = new(new Dictionary<string, object?>
    {
        ["params"] = new Dictionary<string, object?>
        {
            ["host"] = "web-1", ["port"] = 8080L, ["on"] = true, ["ratio"] = 0.25, ["none"] = null,
            ["list"] = new List<object?> { "a", "b" }, ["map"] = new Dictionary<string, object?> { ["k"] = "v" },
        },
        ["run"] = new Dictionary<string, object?> { ["id"] = "r1" },
    });

    [Theory]
    [InlineData("http://{{ params.host }}:{{ params.port }}/healthz")]
    [InlineData("{{params.host}}\n{{ params.on }}\n")]
    [InlineData("{{ params.ratio }} {{ params.none }} {{ params.list }} {{ params.map }}")]
    [InlineData("{{ params.host }}-{{ run.id }}")]
    public void Evaluate_TextTemplate_SameAsScriban(string source)
    {
        var fast = FastPathTemplate.ForText(source);
        Assert.NotNull(fast);
        var engine = new ScribanTemplateEngine();
        var viaEngine = engine.Evaluate(engine.Compile(source, TemplateKind.Text), Scope, CancellationToken.None);
        var slow = Scriban.Template.Parse(source);
        Assert.False(slow.HasErrors);
        if (fast.TryEvaluate(Scope, typed: false, out var quick))
        {
            Assert.Equal(viaEngine, quick);
        }
        Assert.Equal(ExpectedScribanText(source), viaEngine);
    }

    [Theory]
    [InlineData("{{ params.port }}", 8080L)]
    [InlineData("{{ params.on }}", true)]
    [InlineData("{{ params.host }}", "web-1")]
    [InlineData("  {{ params.host }}  ", "web-1")]
    public void Evaluate_SingleExpression_KeepsTheType(string source, object expected)
    {
        var engine = new ScribanTemplateEngine();
        Assert.Equal(expected, engine.Evaluate(engine.Compile(source, TemplateKind.Text), Scope, CancellationToken.None));
    }

    [Theory]
    [InlineData("{{ params.host | string.upcase }}")]
    [InlineData("{{ true }}")]
    [InlineData("{{ string.size }}")]
    [InlineData("{{~ params.host ~}}")]
    [InlineData("{{ params.list[0] }}")]
    public void ForText_AnythingButPlainPaths_HasNoFastPath(string source) => Assert.Null(FastPathTemplate.ForText(source));

    [Fact]
    public void Evaluate_MissingMember_StillReportsScribansStrictError()
    {
        var engine = new ScribanTemplateEngine();
        var ex = Assert.Throws<TemplateException>(() => engine.Evaluate(engine.Compile("x {{ params.hots }}", TemplateKind.Text), Scope, CancellationToken.None));
        Assert.StartsWith("Undefined variable `params.hots`", ex.Message, StringComparison.Ordinal);
    }

    private static string ExpectedScribanText(string source) => source switch
    {
        "http://{{ params.host }}:{{ params.port }}/healthz" => "http://web-1:8080/healthz",
        "{{params.host}}\n{{ params.on }}\n" => "web-1\ntrue\n",
        "{{ params.ratio }} {{ params.none }} {{ params.list }} {{ params.map }}" => "0.25  [\"a\", \"b\"] {k: \"v\"}",
        _ => "web-1-r1",
    };
}
