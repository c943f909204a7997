using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Runbooks.Actions.Files;
using Runbooks.Actions.Tests.Remote;
using Runbooks.Core.Actions;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Files;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileWriteActionTests(SshHost host) : IClassFixture<SshHost>
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly FileWriteAction _action = new();

    [Fact]
    public async Task ExecuteAsync_ExistingFile_ReplacesItKeepingModeWithABackupOfTheOldContent()
    {
        var dir = SshHost.NewDirectory();
        var path = Path.Combine(dir, "app.conf");
        await File.WriteAllTextAsync(path, "old\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var result = await Run(Map(("path", path), ("content", "new\r\nno final newline")));

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        var backup = $"{path}.20250304T050607Z.bak";
        Assert.Equal((true, Sha("new\r\nno final newline"), backup), (result.Outputs["changed"], result.Outputs["sha256"], result.Outputs["backupPath"]));
        Assert.Equal("new\r\nno final newline", await File.ReadAllTextAsync(path));
        Assert.Equal("old\n", await File.ReadAllTextAsync(backup));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Equal(["app.conf", "app.conf.20250304T050607Z.bak"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_SameContentTwice_SecondIsUnchangedWithNoNewBackup()
    {
        var dir = SshHost.NewDirectory();
        var path = Path.Combine(dir, "motd");
        await File.WriteAllTextAsync(path, "old");
        var first = await Run(Map(("path", path), ("content", "hello\n"), ("mode", "0640")));

        var second = await Run(Map(("path", path), ("content", "hello\n"), ("mode", "640")));

        Assert.True(first.Changed);
        Assert.True(second.Succeeded, second.Error);
        Assert.False(second.Changed);
        Assert.Equal((false, Sha("hello\n"), (object?)null), (second.Outputs["changed"], second.Outputs["sha256"], second.Outputs["backupPath"]));
        Assert.Equal(2, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public async Task ExecuteAsync_SameContentOtherMode_RewritesWithTheMode()
    {
        var dir = SshHost.NewDirectory();
        var path = Path.Combine(dir, "f");
        await File.WriteAllTextAsync(path, "x");

        var result = await Run(Map(("path", path), ("content", "x"), ("mode", "0600"), ("backup", false)));

        Assert.True(result.Changed);
        Assert.Null(result.Outputs["backupPath"]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task ExecuteAsync_HostilePathAndContent_AreWrittenAsDataAndRunNothing()
    {
        var dir = SshHost.NewDirectory();
        var marker = Path.Combine(dir, "x");
        var name = $"-$(touch {marker.Replace('/', '_')});`touch {marker.Replace('/', '_')}`'\"";
        var content = $"$(touch {marker})\n`touch {marker}`; touch {marker}\n";

        var result = await Run(Map(("path", Path.Combine(dir, name)), ("content", content)));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(content, await File.ReadAllTextAsync(Path.Combine(dir, name)));
        Assert.False(File.Exists(marker));
        Assert.Equal([name], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ExecuteAsync_NewFileWithOwnerAndGroup_CreatesItWithoutBackup()
    {
        var dir = SshHost.NewDirectory();
        var path = Path.Combine(dir, "new.txt");

        var result = await Run(Map(("path", path), ("content", ""), ("owner", "root"), ("group", "0"), ("mode", "0604")));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((true, (object?)null), (result.Outputs["changed"], result.Outputs["backupPath"]));
        Assert.Equal("", await File.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task ExecuteAsync_MissingDirectory_FailsAndCreatesNothing()
    {
        var dir = SshHost.NewDirectory();
        var path = Path.Combine(dir, "no", "f");

        var result = await Run(Map(("path", path), ("content", "x")));

        Assert.False(result.Succeeded);
        Assert.Equal($"cannot write '{path}' on h (exit code 66): runbooks: directory {dir}/no does not exist; the file was left as it was", result.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public async Task ExecuteAsync_Symlink_IsRefused()
    {
        var dir = SshHost.NewDirectory();
        var target = Path.Combine(dir, "target");
        await File.WriteAllTextAsync(target, "t");
        File.CreateSymbolicLink(Path.Combine(dir, "link"), target);

        var result = await Run(Map(("path", Path.Combine(dir, "link")), ("content", "x")));

        Assert.Equal($"'{dir}/link' on h is a symlink, not a regular file; file.write replaces regular files only (write the file the link points to)", result.Error);
        Assert.Equal("t", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task ExecuteAsync_LocalTarget_WritesTheSameWay()
    {
        var dir = SshHost.NewDirectory();
        var path = Path.Combine(dir, "local.txt");
        await File.WriteAllTextAsync(path, "a");

        var result = await _action.ExecuteAsync(Create(Map(("path", path), ("content", "b")), time: new FakeTimeProvider(Now)), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("b", await File.ReadAllTextAsync(path));
        Assert.Equal("a", await File.ReadAllTextAsync($"{path}.20250304T050607Z.bak"));
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private Task<ActionResult> Run(Dictionary<string, object?> inputs) =>
        _action.ExecuteAsync(Create(inputs, time: new FakeTimeProvider(Now), executor: host.Executor), default);
}
