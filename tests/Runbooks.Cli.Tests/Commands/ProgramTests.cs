using Runbooks.Cli.Tests.TestSupport;
using static Runbooks.Cli.Tests.TestSupport.LinePattern;

namespace Runbooks.Cli.Tests.Commands;

public sealed class ProgramTests : IDisposable
{
    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Main_NoCommand_ExitsTwo()
    {
        var result = await CliProcess.RunAsync(_dir);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.EndsWith("Run 'runbooks --help' for usage.\n", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_UnknownCommand_ExitsTwoNamingIt()
    {
        var result = await CliProcess.RunAsync(_dir, "frobnicate");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        AssertContainsInOrder(result.Timeline,
            "error: Unrecognized command or argument 'frobnicate'.",
            "Run 'runbooks --help' for usage.");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("run", "--help")]
    [InlineData("validate", "--help")]
    [InlineData("actions", "--help")]
    [InlineData("schema", "--help")]
    public async Task Main_Help_ExitsZeroWithUsage(params string[] args)
    {
        var result = await CliProcess.RunAsync(_dir, args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.StdoutLines);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Main_Help_ListsEveryCommand()
    {
        var result = await CliProcess.RunAsync(_dir, "--help");

        foreach (var command in new[] { "validate <paths>", "run <file>", "actions <name>", "schema" })
        {
            Assert.Contains(result.StdoutLines, line => line.StartsWith($"  {command} ", StringComparison.Ordinal));
        }
    }
}
