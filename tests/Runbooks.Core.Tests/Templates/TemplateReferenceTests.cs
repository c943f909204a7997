using Runbooks.Core.Templates;

namespace Runbooks.Core.Tests.Templates;

public class TemplateReferenceTests
{
    private readonly ScribanTemplateEngine _engine = new();

    private IEnumerable<string> Dotted(string source, TemplateKind kind = TemplateKind.Text) =>
        _engine.Compile(source, kind).References.Select(r => r.Dotted);

    [Fact]
    public void References_ParamsAndStepChains_ReturnsPaths()
    {
        var references = _engine.Compile("{{ params.host }}\n  {{ steps.check.outputs.active }}", TemplateKind.Text).References;
        Assert.Equal(
            [("params.host", 2, 1, 4), ("steps.check.outputs.active", 4, 2, 6)],
            references.Select(r => (r.Dotted, r.Path.Count, r.Line, r.Column)).ToList());
    }

    [Fact]
    public void References_Indexer_StopsPathThere()
    {
        Assert.Equal(["steps.check.outputs", "params.host"], Dotted("{{ steps.check.outputs[0].name }}{{ params['host'] }}"));
    }

    [Fact]
    public void References_Builtins_AreExcluded()
    {
        Assert.Equal(["params.host", "params.services"], Dotted("{{ params.host | string.upcase }}{{ array.size params.services }}"));
    }

    [Fact]
    public void References_Locals_AreExcluded()
    {
        Assert.Equal(["params.services", "params.port", "params.host"],
            Dotted("{{ for s in params.services }}{{ s.name }}{{ for.index }}{{ end }}{{ x = params.port }}{{ x }}{{ func f(a); ret a + params.host; end }}{{ f 1 }}"));
    }

    [Fact]
    public void References_ObjectKeysAndNamedArguments_AreNotVariables()
    {
        Assert.Equal(["params.host"], Dotted("{{ {host: params.host} }}"));
    }

    [Fact]
    public void References_ShellQuotePipe_IsQuoted()
    {
        var references = _engine.Compile("systemctl restart {{ params.host | shell.quote }} {{ params.port }}", TemplateKind.Text).References;
        Assert.Equal([("params.host", true), ("params.port", false)], references.Select(r => (r.Dotted, r.Quoted)).ToList());
    }

    [Fact]
    public void References_StringLiteralIndexer_IsAMember()
    {
        Assert.Equal(["steps.free-space.outputs.x"], Dotted("{{ steps['free-space'].outputs.x }}"));
    }

    [Theory]
    [InlineData("{{ params.x | shell.quote | string.replace \"'\" \"\" }}")]
    [InlineData("{{ (params.x | shell.quote) | string.replace \"'\" \"\" }}")]
    [InlineData("{{ (shell.quote params.x) | string.slice 1 }}")]
    [InlineData("{{ string.replace (shell.quote params.x) \"'\" \"\" }}")]
    public void References_FunctionAppliedAfterShellQuote_IsNotQuoted(string source)
    {
        Assert.False(Assert.Single(_engine.Compile(source, TemplateKind.Text).References).Quoted);
    }

    [Fact]
    public void References_ArgumentOfAnotherFilterAfterQuote_IsNotQuoted()
    {
        var references = _engine.Compile("{{ params.x | shell.quote }}{{ 'a' | string.replace 'a' params.y }}", TemplateKind.Text).References;
        Assert.Equal([("params.x", true), ("params.y", false)], references.Select(r => (r.Dotted, r.Quoted)).ToList());
    }

    [Fact]
    public void References_ShellQuoteLaterInPipe_IsQuoted()
    {
        var references = _engine.Compile("{{ params.host | string.downcase | shell.quote }}", TemplateKind.Text).References;
        Assert.True(Assert.Single(references).Quoted);
    }

    [Fact]
    public void References_ShellQuoteCall_IsQuoted()
    {
        var references = _engine.Compile("{{ shell.quote params.host }} {{ shell.quote(steps.check.outputs.active) }} {{ string.upcase params.port }}", TemplateKind.Text).References;
        Assert.Equal([true, true, false], references.Select(r => r.Quoted).ToList());
    }

    [Fact]
    public void References_Expression_ReturnsPaths()
    {
        Assert.Equal(["steps.check.outputs.active"], Dotted("steps.check.outputs.active == false", TemplateKind.Expression));
    }

    [Fact]
    public void Compile_With_ThrowsBecauseReferencesWouldBeHidden()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Compile("{{ with params }}{{ host }}{{ end }}", TemplateKind.Text));
        Assert.Equal("`with` is not supported in runbook templates: it hides which variables the template reads. Write the full path instead, e.g. `params.host`.", ex.Message);
    }
}
