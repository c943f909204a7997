using Runbooks.Core.Templates;

namespace Runbooks.Core.Tests.Templates;

public class ScribanTemplateEngineSandboxTests
{
    private readonly ScribanTemplateEngine _engine = new();

    [Theory]
    [InlineData("{{ params.host.Length }}", "Cannot get member with name Length.")]
    [InlineData("{{ params.host.length }}", "Cannot get member with name length.")]
    [InlineData("{{ params.host.GetType }}", "Cannot get member with name GetType.")]
    [InlineData("{{ params.port.GetType }}", "Cannot get or set a member on the primitive `8080/long` when accessing member: GetType")]
    [InlineData("{{ (timespan.from_days 1).Ticks }}", "Cannot get member with name Ticks.")]
    public void Evaluate_DotNetMember_Throws(string source, string message)
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Render(source));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Evaluate_Include_ThrowsSayingItIsUnavailable()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Render("{{ include '/etc/passwd' }}"));
        Assert.Equal("`include` is not available in runbook templates: a template cannot load another template. Put the text in the runbook itself.", ex.Message);
    }

    [Theory]
    [InlineData("eval")]
    [InlineData("eval_template")]
    public void Evaluate_ObjectEval_IsUndefined(string function)
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Render($"{{{{ object.{function} '1 + 1' }}}}"));
        Assert.StartsWith($"Undefined variable `object.{function}`: `object` has no member `{function}`. Available: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AssignToScopeValue_Throws()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Render("{{ params.host = 'evil' }}"));
        Assert.Equal("Cannot set a value for the readonly member: params.host", ex.Message);
    }

    [Fact]
    public void Evaluate_AddMemberToBuiltin_ThrowsAndDoesNotLeak()
    {
        Assert.Throws<TemplateException>(() => _engine.Render("{{ string.leak = 'x' }}"));
        Assert.Throws<TemplateException>(() => _engine.Render("{{ string.leak }}"));
    }

    [Fact]
    public void Evaluate_NonPlainScopeValue_Throws()
    {
        var template = _engine.Compile("{{ item }}", TemplateKind.Text);
        var scope = new TemplateScope(new Dictionary<string, object?> { ["item"] = new Uri("http://x") });
        var ex = Assert.Throws<TemplateException>(() => _engine.Evaluate(template, scope, CancellationToken.None));
        Assert.Equal("`item` holds a Uri, which templates cannot read: only null, booleans, numbers, strings, lists and maps reach a template.", ex.Message);
    }
}
