using System.Diagnostics;
using Runbooks.Core;
using Runbooks.Transports.Ssh;

namespace Runbooks.Transports.Tests.Ssh;

/// <summary>
/// The command line SSH carries is run here by a real POSIX shell (what sshd does with an exec request), and every
/// argument must arrive byte-identical as one argument, whatever it holds.
/// </summary>
public sealed class RemoteCommandLineTests
{
    private static readonly string Marker = Path.Combine(Path.GetTempPath(), $"rb-injected-{Guid.NewGuid():N}");

    public static TheoryData<string> Hostile => new()
    {
        $"$(touch {Marker})", $"`touch {Marker}`", $"; touch {Marker}", $"a' ; touch {Marker}; echo '", "\"double\" quotes",
        "", " leading and trailing ", "-rf", "--", "*", "~", "$HOME", "ünïcödé", "back\\slash", "tab\tinside",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void ForArgv_HostileArgument_ArrivesAsExactlyOneArgument(string value)
    {
        var line = RemoteCommandLine.ForArgv(["printf", "<%s>\\n", value, "end"], sudo: false);
        Assert.Equal($"<{value}>\n<end>\n", Shell(line));
        Assert.False(File.Exists(Marker), "an argument was run as a command");
    }

    [Fact]
    public void ForScript_Arguments_ReachTheScriptAsPositionalParameters()
    {
        var line = RemoteCommandLine.ForScript("/bin/sh", "printf '%s|' \"$#\" \"$1\" \"$2\"", ["one two", $"$(touch {Marker})"], sudo: false);
        Assert.Equal($"2|one two|$(touch {Marker})|", Shell(line));
        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public void ForArgv_Sudo_EndsSudoOptionsBeforeTheProgram() =>
        Assert.Equal("sudo -n -- systemctl restart 'my unit'", RemoteCommandLine.ForArgv(["systemctl", "restart", "my unit"], sudo: true));

    [Theory]
    [InlineData("a\nb", "argument 1 contains a line feed, which cannot be passed to a remote command safely; remove it (or pass the text through stdin)")]
    [InlineData("a\rb", "argument 1 contains a carriage return, which cannot be passed to a remote command safely; remove it (or pass the text through stdin)")]
    [InlineData("a\0b", "argument 1 contains NUL, which cannot be passed to a remote command safely; remove it (or pass the text through stdin)")]
    public void ForArgv_LineBreakOrNul_IsRefused(string value, string message) =>
        Assert.Equal(message, Assert.Throws<RunbooksException>(() => RemoteCommandLine.ForArgv(["echo", value], sudo: false)).Message);

    private static string Shell(string commandLine)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(commandLine);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return output;
    }
}
