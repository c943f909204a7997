namespace Runbooks.Core.Tests.Validation;

/// <summary>RB0001–RB0006: one test per message of the YAML reader, pinning file, line and column.</summary>
public sealed class YamlRuleTests
{
    [Fact]
    public void LoadText_UnclosedFlowSequence_ReportsRB0001()
    {
        var error = Validator.Single("""
            name: broken
            steps: [ { id: a, action: log }
            """);
        Assert.Equal("rb.yaml:3:1: error RB0001: YAML syntax error: While parsing a flow sequence, did not find expected ',' or ']'.", error);
    }

    [Fact]
    public void LoadText_CustomTag_ReportsRB0002()
    {
        var error = Validator.Single("""
            name: !custom tagged
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        Assert.Equal(
            "rb.yaml:1:7: error RB0002: YAML tag '!custom' is not allowed; runbooks are plain data (allowed tags: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map)",
            error);
    }

    [Fact]
    public void LoadText_MoreThanAThousandAliases_ReportsRB0003AtTheFirstOneTooMany()
    {
        var aliases = string.Join(", ", Enumerable.Repeat("*x", 1001));
        var error = Validator.Single($"a: &x 1\nb: [{aliases}]\n");
        Assert.Equal("rb.yaml:2:4005: error RB0003: the document uses more than 1000 aliases", error);
    }

    [Fact]
    public void LoadText_KeyWrittenTwice_ReportsRB0004AtTheSecond()
    {
        var error = Validator.Single("""
            name: twice
            steps:
              - id: a
                action: log
                with: { message: hi }
                action: shell
            """);
        Assert.Equal("rb.yaml:6:5: error RB0004: duplicate key 'action' (first written at line 4); each key may appear once", error);
    }

    [Fact]
    public void LoadText_EmptyFile_ReportsRB0005()
    {
        var error = Validator.Single("");
        Assert.Equal("rb.yaml:1:1: error RB0005: the file is empty; a runbook needs at least name and steps", error);
    }

    [Fact]
    public void LoadText_TwoDocuments_ReportsRB0005AtTheSecond()
    {
        var error = Validator.Single("""
            name: first
            steps:
              - { id: a, action: log, with: { message: hi } }
            ---
            name: second
            """);
        Assert.Equal("rb.yaml:4:1: error RB0005: the file holds more than one YAML document; put one runbook per file", error);
    }

    [Fact]
    public void LoadText_ListAsKey_ReportsRB0006()
    {
        var error = Validator.Single("""
            name: keys
            steps:
              - id: a
                action: set
                with: { values: { [a, b]: 1 } }
            """);
        Assert.Equal("rb.yaml:5:23: error RB0006: a key must be a string, not a list", error);
    }

    [Fact]
    public void LoadText_MergeKey_ReportsRB0006()
    {
        var error = Validator.Single("""
            name: keys
            steps:
              - id: a
                action: set
                with: { values: { <<: { a: 1 } } }
            """);
        Assert.Equal(
            "rb.yaml:5:23: error RB0006: merge keys (<<) are not supported: write the keys out, or share steps through a sub-runbook",
            error);
    }
}
