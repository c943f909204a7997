using Runbooks.Core.Templates;

namespace Runbooks.Core.Tests.Templates;

public class ScribanTemplateEngineLimitTests
{
    private const string LoopMessage = "The template exceeded LoopLimit (10000 loop iterations in one render) and was stopped. Loop over fewer items.";
    private const string OutputMessage = "The template exceeded MaxOutputChars (1000000 characters in its output or in any one string) and was stopped. Produce less text.";

    private readonly ScribanTemplateEngine _engine = new();

    private void AssertStopped(string source, string message, ScribanTemplateEngine? engine = null)
    {
        var ex = Assert.Throws<TemplateException>(() => (engine ?? _engine).Render(source));
        Assert.Equal(message, ex.Message);
        // The process is unharmed: the next render works.
        Assert.Equal("web-1", (engine ?? _engine).Render("{{ params.host }}"));
    }

    // The time limit is out of the way here (a loaded machine may need seconds to allocate 64 MiB): this test is
    // about the memory limit, and the timeout test below is about time.
    [Fact]
    public void Evaluate_ManyLargeStringsKeptAlive_StoppedByMaxAllocatedBytes() =>
        AssertStopped(
            "{{ b = \"x\" | string.pad_left 999000; a = []; for i in 1..9000; a[i] = b + i; end; a | array.size }}",
            "The template exceeded MaxAllocatedBytes (67108864 bytes allocated in one render) and was stopped. Build fewer or smaller values.",
            new ScribanTemplateEngine(new TemplateLimits { Timeout = TimeSpan.FromMinutes(2) }));

    [Fact]
    public void Evaluate_HugeRangeLoop_StoppedByLoopLimit() =>
        AssertStopped("{{ for i in 1..100000000 }}x{{ end }}", LoopMessage);

    [Fact]
    public void Evaluate_NestedLoops_StoppedByLoopLimit() =>
        AssertStopped("{{ for i in 1..9000 }}{{ for j in 1..9000 }}{{ end }}{{ end }}", LoopMessage);

    [Fact]
    public void Evaluate_WhileTrue_StoppedByLoopLimit() =>
        AssertStopped("{{ while true }}{{ end }}", LoopMessage);

    [Fact]
    public void Evaluate_ArrayDoubling_StoppedByLoopLimit() =>
        AssertStopped("{{ a = [1]; for i in 1..40; a = a | array.add_range a; end; a | array.size }}", LoopMessage);

    [Fact]
    public void Evaluate_RecursiveFunction_StoppedByRecursionLimit() =>
        AssertStopped(
            "{{ func f(x); ret f(x + 1); end; f 1 }}",
            "The template exceeded RecursionLimit (50 nested function calls) and was stopped. Check for a function that calls itself without end.");

    [Fact]
    public void Evaluate_PadLeftHuge_StoppedByMaxOutputChars() =>
        AssertStopped("{{ \"x\" | string.pad_left 100000000 }}", OutputMessage);

    [Fact]
    public void Evaluate_StringRepetition_StoppedByMaxOutputChars() =>
        AssertStopped("{{ 'x' * 100000000 }}", OutputMessage);

    [Fact]
    public void Evaluate_RepeatedConcatenation_StoppedByMaxOutputChars() =>
        AssertStopped("{{ s = 'x'; for i in 1..40; s = s + s; end; s }}", OutputMessage);

    [Fact]
    public void Evaluate_RepeatedHtmlEscape_StoppedByMaxOutputChars() =>
        AssertStopped("{{ s = '<' * 500000; for i in 1..20; s = s | html.escape; end }}", OutputMessage);

    [Fact]
    public void Evaluate_LargeOutput_StoppedByMaxOutputChars() =>
        AssertStopped("{{ for i in 1..1100 }}{{ 'x' * 1000 }}{{ end }}", OutputMessage);

    [Fact]
    public void Evaluate_PrintSelfSharingObject_StoppedByScriban()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Render("{{ o = {}; for i in 1..40; o = {a: o, b: o}; end; o }}"));
        Assert.Equal("Structure is too deeply nested or contains reference loops.", ex.Message);
    }

    [Fact]
    public void Evaluate_PastTimeout_StoppedByTimeout()
    {
        // The slow work allocates; the memory limit is lifted so that the time limit is what stops it.
        var engine = new ScribanTemplateEngine(new TemplateLimits { Timeout = TimeSpan.FromMilliseconds(100), MaxAllocatedBytes = long.MaxValue });
        AssertStopped(
            "{{ for i in 1..10000; x = 'x' | string.pad_left 999999; end }}",
            "The template ran longer than its Timeout (0.1s) and was stopped. Make it do less work.",
            engine);
    }

    [Fact]
    public void Evaluate_CatastrophicRegex_StoppedByTimeout()
    {
        var engine = new ScribanTemplateEngine(new TemplateLimits { Timeout = TimeSpan.FromMilliseconds(100) });
        AssertStopped(
            "{{ ('a' * 40) + '!' | regex.match '^(a+)+$' }}",
            "The template ran longer than its Timeout (0.1s) and was stopped. Make it do less work.",
            engine);
    }
}
