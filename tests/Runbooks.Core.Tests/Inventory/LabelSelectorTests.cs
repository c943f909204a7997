using Runbooks.Core.Inventory;

namespace Runbooks.Core.Tests.Inventory;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["env"] = "prod", ["role"] = "web", ["canary"] = "true" };

    [Theory]
    [InlineData("env=prod", true)]
    [InlineData("env==prod", true)]
    [InlineData("env!=prod", false)]
    [InlineData("tier!=db", true)]
    [InlineData("role in (web,api)", true)]
    [InlineData("role in (db)", false)]
    [InlineData("role notin (web, api)", false)]
    [InlineData("zone notin (a)", true)]
    [InlineData("canary", true)]
    [InlineData("!canary", false)]
    [InlineData("zone", false)]
    [InlineData("env=prod, role in (web,api), !zone", true)]
    [InlineData("env=prod,role=db", false)]
    public void Matches_Requirement_HoldsAsDocumented(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Web));

    [Theory]
    [InlineData("", "label selector '': expected a requirement such as env=prod at position 1 (the end); write requirements such as env=prod, tier!=db, role in (web,api), canary or !canary, separated by commas")]
    [InlineData("env=", "label selector 'env=': expected a label value at position 5 (the end); write requirements such as env=prod, tier!=db, role in (web,api), canary or !canary, separated by commas")]
    [InlineData("role in web", "label selector 'role in web': expected '(' starting a list of values at position 9 (found 'w'); write requirements such as env=prod, tier!=db, role in (web,api), canary or !canary, separated by commas")]
    [InlineData("env=prod;rm", "label selector 'env=prod;rm': expected ',' between requirements at position 9 (found ';'); write requirements such as env=prod, tier!=db, role in (web,api), canary or !canary, separated by commas")]
    public void Parse_Malformed_SaysWhereAndWhatIsExpected(string selector, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => LabelSelector.Parse(selector)).Message);
}
