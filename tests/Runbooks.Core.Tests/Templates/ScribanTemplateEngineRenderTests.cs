using Runbooks.Core.Templates;

namespace Runbooks.Core.Tests.Templates;

public class ScribanTemplateEngineRenderTests
{
    private readonly ScribanTemplateEngine _engine = new();

    [Fact]
    public void Evaluate_TextTemplate_ReturnsString()
    {
        Assert.Equal("http://web-1:8080/healthz", _engine.Render("http://{{ params.host }}:{{ params.port }}/healthz"));
    }

    [Fact]
    public void Evaluate_SingleExpressionText_ReturnsTypedValue()
    {
        Assert.Equal(new List<object?> { "nginx", "redis" }, _engine.Render("  {{ params.services }}  "));
        Assert.Equal(8081L, _engine.Render("{{ params.port + 1 }}"));
        Assert.Equal(1.5, _engine.Render("{{ 1.5 }}"));
        Assert.Equal(new Dictionary<string, object?> { ["a"] = 1L }, _engine.Render("{{ {a: 1} }}"));
    }

    [Fact]
    public void Compile_SingleExpression_IsSingleExpression()
    {
        Assert.True(_engine.Compile(" {{ params.host }}\n", TemplateKind.Text).IsSingleExpression);
        Assert.False(_engine.Compile("x{{ params.host }}", TemplateKind.Text).IsSingleExpression);
        Assert.False(_engine.Compile("{{ params.host }}{{ params.port }}", TemplateKind.Text).IsSingleExpression);
        Assert.False(_engine.Compile("{{ if true }}a{{ end }}", TemplateKind.Text).IsSingleExpression);
    }

    [Fact]
    public void Evaluate_Expression_ReturnsTypedValue()
    {
        Assert.Equal(true, _engine.Render("steps.check.outputs.active == false", TemplateKind.Expression));
        Assert.Equal(3L, _engine.Render("steps.check.outputs.exitCode", TemplateKind.Expression));
    }

    [Fact]
    public void Evaluate_ExpressionInBraces_StripsThem()
    {
        Assert.Equal(true, _engine.Render(" {{ steps.check.outputs.exitCode == 3 }} ", TemplateKind.Expression));
    }

    [Fact]
    public void Compile_ExpressionWithTwoStatements_Throws()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Compile("x = 1; x", TemplateKind.Expression));
        Assert.Equal("Expected a single expression, e.g. `steps.check.outputs.active == false`, but found 2 statements.", ex.Message);
    }

    [Fact]
    public void Compile_SyntaxError_ThrowsWithPosition()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Compile("a\n  {{ foo bar ) }}", TemplateKind.Text));
        Assert.Equal("Template syntax error: Invalid token found `)`. Expecting <EOL>/end of line.", ex.Message);
        Assert.Equal((2, 14), (ex.Line, ex.Column));
    }

    [Fact]
    public void Compile_ExpressionSyntaxErrorInBraces_KeepsPosition()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Compile("{{ 1 + }}", TemplateKind.Expression));
        Assert.Equal((1, 10), (ex.Line, ex.Column));
    }

    [Fact]
    public void Compile_SourceTooLong_Throws()
    {
        var engine = new ScribanTemplateEngine(new TemplateLimits { MaxSourceChars = 10 });
        var ex = Assert.Throws<TemplateException>(() => engine.Compile("{{ params.host }}", TemplateKind.Text));
        Assert.Equal("The template is 17 characters long; at most 10 are allowed (MaxSourceChars). Shorten it.", ex.Message);
    }

    [Fact]
    public void Compile_SameSourceTwice_ReturnsSameInstance()
    {
        Assert.Same(_engine.Compile("{{ params.host }}", TemplateKind.Text), _engine.Compile("{{ params.host }}", TemplateKind.Text));
        Assert.NotSame(_engine.Compile("params.host", TemplateKind.Text), _engine.Compile("params.host", TemplateKind.Expression));
    }

    [Fact]
    public void Evaluate_UndefinedVariable_ThrowsNamingIt()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Render("x {{ parms.host }}"));
        Assert.Equal("Undefined variable `parms`. Available: params, steps.", ex.Message);
        Assert.Equal((1, 6), (ex.Line, ex.Column));
    }

    [Fact]
    public void Evaluate_MissingMember_ThrowsNamingItAndListingMembers()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Render("{{ params.hots }}"));
        Assert.Equal("Undefined variable `params.hots`: `params` has no member `hots`. Available: evil, host, injected, port, services.", ex.Message);
        Assert.Equal((1, 11), (ex.Line, ex.Column));
    }

    [Fact]
    public void Evaluate_MissingNestedMember_NamesFullPath()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Render("steps.check.outputs.exit_code", TemplateKind.Expression));
        Assert.Equal("Undefined variable `steps.check.outputs.exit_code`: `steps.check.outputs` has no member `exit_code`. Available: active, exitCode.", ex.Message);
    }

    [Fact]
    public void Evaluate_MissingMemberOfPartlyReadMap_ListsAllMembers()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Render("{{ params.host }} {{ params.hots }}"));
        Assert.Equal("Undefined variable `params.hots`: `params` has no member `hots`. Available: evil, host, injected, port, services.", ex.Message);
    }

    [Fact]
    public void Evaluate_MapReadWhole_SeesAllMembers()
    {
        Assert.Equal("web-1 evil,host,injected,port,services", _engine.Render("{{ params.host }} {{ params | object.keys | array.sort | array.join ',' }}"));
        Assert.Equal("nginx,redis,", _engine.Render("{{ for s in params.services }}{{ s }},{{ end }}"));
    }

    [Fact]
    public void Evaluate_AssignToRoot_Throws()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Render("{{ params.host }} {{ params = 1 }}"));
        Assert.Equal("Cannot set the readonly variable `params`", ex.Message);
    }

    [Fact]
    public void Evaluate_ParamContainingTemplateSyntax_RendersLiterally()
    {
        Assert.Equal("value: {{ 1 + 1 }}", _engine.Render("value: {{ params.injected }}"));
    }

    [Fact]
    public void Evaluate_ConcurrentRenders_AreIndependent()
    {
        var template = _engine.Compile("{{ x = item * 2; x }}-{{ item }}", TemplateKind.Text);
        var results = new string?[200];
        Parallel.For(0, results.Length, i =>
        {
            var scope = new TemplateScope(new Dictionary<string, object?> { ["item"] = (long)i });
            results[i] = (string?)_engine.Evaluate(template, scope, CancellationToken.None);
        });
        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal($"{i * 2}-{i}", results[i]));
    }

    [Fact]
    public void Evaluate_CallerCancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var template = _engine.Compile("{{ params.host }}", TemplateKind.Text);
        Assert.ThrowsAny<OperationCanceledException>(() => _engine.Evaluate(template, TemplateTestScope.Create(), cts.Token));
    }
}
