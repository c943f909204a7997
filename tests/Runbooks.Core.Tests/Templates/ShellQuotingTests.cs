using Runbooks.Core.Templates;

namespace Runbooks.Core.Tests.Templates;

public class ShellQuotingTests
{
    [Theory]
    [InlineData("web-1.example.com", "web-1.example.com")]
    [InlineData("/var/log/app.log", "/var/log/app.log")]
    [InlineData("", "''")]
    [InlineData("two words", "'two words'")]
    [InlineData("'; rm -rf / #", "''\\''; rm -rf / #'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$(reboot)", "'$(reboot)'")]
    [InlineData("héllo wörld ✓", "'héllo wörld ✓'")]
    [InlineData("a\nb", "'a\nb'")]
    public void Quote_Value_ReturnsPosixWord(string value, string expected)
    {
        Assert.Equal(expected, ShellQuoting.Quote(value));
    }

    [Fact]
    public void Quote_Nul_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ShellQuoting.Quote("a\0b"));
        Assert.StartsWith("A shell argument cannot contain a NUL character (\\0): the shell would cut the value there. Remove it from the value.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShellQuote_InTemplate_QuotesPipeAndCallForms()
    {
        var engine = new ScribanTemplateEngine();
        Assert.Equal("echo ''\\''; rm -rf / #' web-1", engine.Render("echo {{ params.evil | shell.quote }} {{ shell.quote params.host }}"));
        Assert.Equal("8080", engine.Render("{{ params.port | shell.quote }}"));
    }

    [Fact]
    public void ShellQuote_NulInTemplate_ThrowsTemplateException()
    {
        var ex = Assert.Throws<TemplateException>(() => new ScribanTemplateEngine().Render("{{ '\\0' | shell.quote }}"));
        Assert.Equal("shell.quote: A shell argument cannot contain a NUL character (\\0): the shell would cut the value there. Remove it from the value.", ex.Message);
    }
}
