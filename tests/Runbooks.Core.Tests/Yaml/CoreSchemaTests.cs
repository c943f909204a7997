using Runbooks.Core.Diagnostics;
using Runbooks.Core.Yaml;

namespace Runbooks.Core.Tests.Yaml;

/// <summary>Plain scalars are typed by the YAML 1.2 core schema: no YAML 1.1 surprises such as yes/no/on/off as booleans.</summary>
public sealed class CoreSchemaTests
{
    private static object? ValueOf(string scalar)
    {
        var bag = new DiagnosticBag();
        var root = SafeYamlReader.Read($"v: {scalar}\n", "rb.yaml", new YamlLimits(), bag);
        Assert.Empty(bag.Items);
        return Assert.IsType<YamlScalarNode>(Assert.IsType<YamlMappingNode>(root).Get("v")).Value;
    }

    [Theory]
    [InlineData("yes", "yes")]
    [InlineData("no", "no")]
    [InlineData("on", "on")]
    [InlineData("off", "off")]
    [InlineData("Yes", "Yes")]
    [InlineData("y", "y")]
    [InlineData("\"true\"", "true")]
    [InlineData("'123'", "123")]
    [InlineData("!!str 123", "123")]
    [InlineData("!!str true", "true")]
    [InlineData("1.10.0", "1.10.0")]
    [InlineData("0x", "0x")]
    [InlineData("012abc", "012abc")]
    public void Read_Scalar_StaysAString(string scalar, string expected) => Assert.Equal(expected, ValueOf(scalar));

    [Theory]
    [InlineData("0x1F", 31L)]
    [InlineData("0o17", 15L)]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("+7", 7L)]
    public void Read_Scalar_IsAnInt(string scalar, long expected) => Assert.Equal(expected, ValueOf(scalar));

    [Theory]
    [InlineData("1e3", 1000.0)]
    [InlineData("1.5", 1.5)]
    [InlineData("-.5", -0.5)]
    [InlineData(".inf", double.PositiveInfinity)]
    public void Read_Scalar_IsANumber(string scalar, double expected) => Assert.Equal(expected, ValueOf(scalar));

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    public void Read_Scalar_IsABool(string scalar, bool expected) => Assert.Equal(expected, ValueOf(scalar));

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("")]
    public void Read_Scalar_IsNull(string scalar) => Assert.Null(ValueOf(scalar));

    [Theory]
    [InlineData("!!int 12", 12L)]
    [InlineData("!!float 1", 1.0)]
    [InlineData("!!bool true", true)]
    public void Read_ExplicitCoreTag_TypesTheScalar(string scalar, object expected) => Assert.Equal(expected, ValueOf(scalar));
}
