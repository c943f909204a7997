using Runbooks.Actions.Files;
using Runbooks.Actions.Tests.Remote;
using Runbooks.Core.Secrets;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Files;

/// <summary>file.exists and file.read on a real sshd.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileInspectionTests(SshHost host) : IClassFixture<SshHost>
{
    [Fact]
    public async Task Exists_RegularFile_ReportsEveryAttribute()
    {
        var path = Path.Combine(SshHost.NewDirectory(), "-n $(touch x)");
        await File.WriteAllTextAsync(path, "12345");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.SetUser);
        File.SetLastWriteTimeUtc(path, new DateTime(2024, 6, 7, 8, 9, 10, DateTimeKind.Utc));

        var result = await new FileExistsAction().ExecuteAsync(Create(Map(("path", path)), executor: host.Executor), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
            [("exists", true), ("type", "file"), ("sizeBytes", 5L), ("mode", "4640"), ("owner", "root"), ("group", "root"), ("modified", "2024-06-07T08:09:10Z")],
            result.Outputs.Select(kv => (kv.Key, kv.Value)));
        Assert.False(result.Changed);
    }

    [Fact]
    public async Task Exists_Missing_ReportsFalseWithNulls()
    {
        var result = await new FileExistsAction().ExecuteAsync(Create(Map(("path", "/nonexistent/x")), executor: host.Executor), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((false, (object?)null, (object?)null), (result.Outputs["exists"], result.Outputs["type"], result.Outputs["mode"]));
    }

    [Fact]
    public async Task Exists_SymlinkAndDirectory_AreReportedAsSuch()
    {
        var dir = SshHost.NewDirectory();
        File.CreateSymbolicLink(Path.Combine(dir, "l"), "/nonexistent");

        var link = await new FileExistsAction().ExecuteAsync(Create(Map(("path", Path.Combine(dir, "l"))), executor: host.Executor), default);
        var directory = await new FileExistsAction().ExecuteAsync(Create(Map(("path", dir))), default);

        Assert.Equal((true, "symlink"), (link.Outputs["exists"], link.Outputs["type"]));
        Assert.Equal((true, "directory"), (directory.Outputs["exists"], directory.Outputs["type"]));
    }

    [Fact]
    public async Task Read_LongerThanMaxBytes_IsTruncatedAtACharacterBoundaryAndMasked()
    {
        var path = Path.Combine(SshHost.NewDirectory(), "f");
        await File.WriteAllTextAsync(path, "pw=hunter2\r\nüü");
        var secrets = new SecretMasker();
        secrets.Add("hunter2");

        // 13 bytes: "pw=hunter2\r\n" is 12, the 13th is the first byte of a two-byte ü.
        var result = await new FileReadAction().ExecuteAsync(Create(Map(("path", path), ("maxBytes", 13L)), secrets: secrets, executor: host.Executor), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(("pw=***\r\n", true, 12L), (result.Outputs["content"], result.Outputs["truncated"], result.Outputs["sizeBytes"]));
    }

    [Fact]
    public async Task Read_WholeFile_IsExact()
    {
        var path = Path.Combine(SshHost.NewDirectory(), "f");
        await File.WriteAllTextAsync(path, "a\r\nb\n\nno newline");

        var result = await new FileReadAction().ExecuteAsync(Create(Map(("path", path))), default);

        Assert.Equal(("a\r\nb\n\nno newline", false), (result.Outputs["content"], result.Outputs["truncated"]));
    }

    [Fact]
    public async Task Read_BinaryContent_IsRefused()
    {
        var path = Path.Combine(SshHost.NewDirectory(), "b");
        await File.WriteAllBytesAsync(path, [1, 2, 0]);

        var result = await new FileReadAction().ExecuteAsync(Create(Map(("path", path))), default);

        Assert.Equal($"'{path}' holds binary data (a NUL byte at offset 2); file actions handle text only; use file.exists for its attributes, or shell with a tool made for the format", result.Error);
    }

    [Fact]
    public async Task Read_Missing_FailsNamingThePath()
    {
        var result = await new FileReadAction().ExecuteAsync(Create(Map(("path", "/nonexistent/f")), executor: host.Executor), default);

        Assert.Equal("'/nonexistent/f' does not exist on h", result.Error);
    }
}
