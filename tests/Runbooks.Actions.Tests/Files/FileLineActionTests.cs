using Microsoft.Extensions.Time.Testing;
using Runbooks.Actions.Files;
using Runbooks.Actions.Tests.Remote;
using Runbooks.Core.Actions;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Files;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileLineActionTests(SshHost host) : IClassFixture<SshHost>
{
    private readonly FileLineAction _action = new();

    [Fact]
    public async Task ExecuteAsync_RegexpMatches_ReplacesTheLineWithBackupThenIsIdempotent()
    {
        var dir = SshHost.NewDirectory();
        var path = Path.Combine(dir, "sshd_config");
        await File.WriteAllTextAsync(path, "Port 22\n#PermitRootLogin yes\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var inputs = Map(("path", path), ("regexp", "^#?PermitRootLogin\\b"), ("line", "PermitRootLogin no"));

        var first = await Run(inputs);
        var second = await Run(inputs);

        Assert.True(first.Succeeded, first.Error);
        Assert.Equal((true, 1L, $"{path}.20250102T030405Z.bak"), (first.Outputs["changed"], first.Outputs["matches"], first.Outputs["backupPath"]));
        Assert.Equal("Port 22\nPermitRootLogin no\n", await File.ReadAllTextAsync(path));
        Assert.Equal("Port 22\n#PermitRootLogin yes\n", await File.ReadAllTextAsync($"{path}.20250102T030405Z.bak"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.False(second.Changed);
        Assert.Equal((false, 1L, (object?)null), (second.Outputs["changed"], second.Outputs["matches"], second.Outputs["backupPath"]));
        Assert.Equal(2, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public async Task ExecuteAsync_HostileLineAndRegexp_AreDataAndRunNothing()
    {
        var dir = SshHost.NewDirectory();
        var path = Path.Combine(dir, "f");
        var marker = Path.Combine(dir, "x");
        await File.WriteAllTextAsync(path, "keep\n");
        var line = $"$(touch {marker}) `touch {marker}`; '\" -n";

        var result = await Run(Map(("path", path), ("regexp", $"^\\$\\(touch|`touch {marker}`"), ("line", line), ("backup", false)));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"keep\n{line}\n", await File.ReadAllTextAsync(path));
        Assert.False(File.Exists(marker));
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task ExecuteAsync_MissingFileWithoutCreate_FailsSayingHow()
    {
        var path = Path.Combine(SshHost.NewDirectory(), "none");

        var result = await Run(Map(("path", path), ("line", "a")));

        Assert.Equal($"'{path}' does not exist on h; set create: true to create it with the line", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_MissingFileWithCreate_CreatesItWithTheLine()
    {
        var path = Path.Combine(SshHost.NewDirectory(), "new");

        var result = await Run(Map(("path", path), ("line", "a"), ("create", true)));

        Assert.True(result.Changed);
        Assert.Null(result.Outputs["backupPath"]);
        Assert.Equal("a\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task ExecuteAsync_AbsentOnMissingFile_SucceedsUnchanged()
    {
        var result = await Run(Map(("path", Path.Combine(SshHost.NewDirectory(), "none")), ("line", "a"), ("state", "absent")));

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
    }

    [Fact]
    public async Task ExecuteAsync_BinaryFile_IsRefusedUntouched()
    {
        var path = Path.Combine(SshHost.NewDirectory(), "bin");
        await File.WriteAllBytesAsync(path, [0x61, 0x00, 0x62]);

        var result = await Run(Map(("path", path), ("line", "a")));

        Assert.Equal($"'{path}' holds binary data (a NUL byte at offset 1); file actions handle text only", result.Error);
        Assert.Equal([0x61, 0x00, 0x62], await File.ReadAllBytesAsync(path));
    }

    private Task<ActionResult> Run(Dictionary<string, object?> inputs) =>
        _action.ExecuteAsync(Create(inputs, time: new FakeTimeProvider(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)), executor: host.Executor), default);
}
