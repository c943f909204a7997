using System.Diagnostics;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Tests.Validation;
using Runbooks.Core.Yaml;

namespace Runbooks.Core.Tests.Yaml;

/// <summary>Hostile YAML is rejected with a clear diagnostic and never exhausts the process or instantiates anything.</summary>
public sealed class YamlSafetyTests
{
    private const string AllowedTags = "runbooks are plain data (allowed tags: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map)";

    [Fact]
    public void LoadText_BillionLaughs_RejectedQuicklyWithRB0003()
    {
        var levels = new List<string> { "a: &a [" + string.Join(", ", Enumerable.Repeat("lol", 9)) + "]" };
        for (var c = 'b'; c <= 'i'; c++)
        {
            levels.Add($"{c}: &{c} [" + string.Join(", ", Enumerable.Repeat($"*{(char)(c - 1)}", 9)) + "]");
        }
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var errors = Validator.Errors(string.Join("\n", levels) + "\n");

        clock.Stop();
        // a..e expand to 74,738 nodes; the first *e of f would pass 100,000.
        Assert.Equal(["rb.yaml:6:8: error RB0003: the document expands to more than 100000 nodes (aliases count as copies); this looks like an alias bomb"], errors);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 50_000_000, "allocated more than 50 MB");
        Validator.Valid("name: after\nsteps:\n  - { id: a, action: log, with: { message: still fine } }\n");
    }

    [Fact]
    public void LoadText_Nested200Deep_ReportsRB0003AtLevel65()
    {
        var errors = Validator.Errors(new string('[', 200) + new string(']', 200) + "\n");
        Assert.Equal(["rb.yaml:1:66: error RB0003: the document nests deeper than 64 levels"], errors);
    }

    [Fact]
    public void LoadText_LargerThanOneMebibyte_ReportsRB0003()
    {
        var yaml = "name: big\nsteps: []\n# " + new string('x', 1024 * 1024) + "\n";
        var errors = Validator.Errors(yaml);
        Assert.Equal(["rb.yaml:1:1: error RB0003: the file is larger than 1048576 bytes; split it into sub-runbooks"], errors);
    }

    [Fact]
    public void LoadText_PythonObjectTag_ReportsRB0002()
    {
        var errors = Validator.Errors("""
            name: !!python/object:os.system tags
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        Assert.Equal([$"rb.yaml:1:7: error RB0002: YAML tag '!!python/object:os.system' is not allowed; {AllowedTags}"], errors);
    }

    [Fact]
    public void Read_PythonApplyTag_InstantiatesNothing()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"rb-yaml-{Guid.NewGuid():N}");
        var bag = new DiagnosticBag();

        var root = SafeYamlReader.Read($"run: !!python/object/apply:os.system [\"touch {marker}\"]\n", "rb.yaml", new YamlLimits(), bag);

        var list = Assert.IsType<YamlSequenceNode>(Assert.IsType<YamlMappingNode>(root).Get("run"));
        Assert.Equal($"touch {marker}", Assert.IsType<YamlScalarNode>(Assert.Single(list.Items)).Value);
        Assert.Equal([$"rb.yaml:1:6: error RB0002: YAML tag '!!python/object/apply:os.system' is not allowed; {AllowedTags}"],
            bag.Sorted().Select(d => d.ToString()));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Read_CustomTagOnMap_ReportsRB0002AndKeepsPlainData()
    {
        var bag = new DiagnosticBag();
        var root = SafeYamlReader.Read("x: !custom { a: 1 }\n", "rb.yaml", new YamlLimits(), bag);
        var map = Assert.IsType<YamlMappingNode>(Assert.IsType<YamlMappingNode>(root).Get("x"));
        Assert.Equal(1L, Assert.IsType<YamlScalarNode>(map.Get("a")).Value);
        Assert.Equal([$"rb.yaml:1:4: error RB0002: YAML tag '!custom' is not allowed; {AllowedTags}"], bag.Sorted().Select(d => d.ToString()));
    }

    [Fact]
    public void Read_DuplicateKey_ReportsRB0004AndKeepsTheFirst()
    {
        var bag = new DiagnosticBag();
        var root = SafeYamlReader.Read("a: 1\nb: 2\na: 3\n", "rb.yaml", new YamlLimits(), bag);
        Assert.Equal(1L, Assert.IsType<YamlScalarNode>(Assert.IsType<YamlMappingNode>(root).Get("a")).Value);
        Assert.Equal(["rb.yaml:3:1: error RB0004: duplicate key 'a' (first written at line 1); each key may appear once"], bag.Sorted().Select(d => d.ToString()));
    }
}
