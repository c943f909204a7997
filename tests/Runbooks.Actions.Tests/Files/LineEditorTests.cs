using System.Text.RegularExpressions;
using Runbooks.Actions.Files;

namespace Runbooks.Actions.Tests.Files;

public sealed class LineEditorTests
{
    [Fact]
    public void Apply_RegexpMatchesTwice_ReplacesTheLastMatch()
    {
        var result = LineEditor.Apply("#Port 22\nPort 2222\nx\n", Present("Port 22", "^#?Port "));

        Assert.Equal(("#Port 22\nPort 22\nx\n", true, 2), result);
    }

    [Fact]
    public void Apply_LineAlreadyThere_IsUnchanged()
    {
        var result = LineEditor.Apply("a\nb\n", Present("b", null));

        Assert.Equal(("a\nb\n", false, 1), result);
    }

    [Fact]
    public void Apply_NoFinalNewline_AppendsOnANewLine()
    {
        var result = LineEditor.Apply("a\r\nb", Present("c", "^nomatch"));

        Assert.Equal(("a\r\nb\r\nc\r\n", true, 0), result);
    }

    [Fact]
    public void Apply_InsertAfter_GoesAfterTheLastMatch()
    {
        var edit = Present("new", null) with { InsertAfter = new Regex("^\\[main\\]") };

        Assert.Equal(("[main]\nnew\nk=v\n", true, 0), LineEditor.Apply("[main]\nk=v\n", edit));
    }

    [Fact]
    public void Apply_InsertBeforeBof_GoesFirst()
    {
        var edit = Present("first", null) with { AtStart = true };

        Assert.Equal(("first\na\n", true, 0), LineEditor.Apply("a\n", edit));
    }

    [Fact]
    public void Apply_InsertBefore_GoesBeforeTheLastMatch()
    {
        var edit = Present("new", null) with { InsertBefore = new Regex("^end") };

        Assert.Equal(("a\nnew\nend\n", true, 0), LineEditor.Apply("a\nend\n", edit));
    }

    [Fact]
    public void Apply_AbsentWithRegexp_RemovesEveryMatch()
    {
        var edit = new LineEdit(null, new Regex("^debug"), false, null, null, false);

        Assert.Equal(("a\nb\n", true, 2), LineEditor.Apply("debug=1\na\ndebug=2\nb\n", edit));
    }

    [Fact]
    public void Apply_AbsentNothingMatches_IsUnchanged()
    {
        var edit = new LineEdit("x", null, false, null, null, false);

        Assert.Equal(("a\n", false, 0), LineEditor.Apply("a\n", edit));
    }

    private static LineEdit Present(string line, string? regexp) =>
        new(line, regexp is null ? null : new Regex(regexp), true, null, null, false);
}
