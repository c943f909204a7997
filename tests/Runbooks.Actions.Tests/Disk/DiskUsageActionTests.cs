using System.Text.RegularExpressions;
using Runbooks.Actions.Disk;
using Runbooks.Actions.Tests.Remote;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Disk;

public sealed class DiskUsageActionTests(SshHost host) : IClassFixture<SshHost>
{
    private readonly DiskUsageAction _action = new();

    [Fact]
    public async Task ExecuteAsync_Default_ListsRealFilesystemsWithoutTmpfs()
    {
        var result = await _action.ExecuteAsync(Create(Map(), executor: host.Executor), default);

        Assert.True(result.Succeeded, result.Error);
        var mounts = Mounts(result.Outputs);
        Assert.Contains(mounts, m => (string)m["mount"]! == "/");
        Assert.DoesNotContain(mounts, m => DiskUsageAction.DefaultExcludedTypes.Contains((string)m["fsType"]!));
        Assert.Null(result.Outputs["mount"]);
        Assert.False(result.Changed);
    }

    [Fact]
    public async Task ExecuteAsync_PathOnAnExcludedType_StillReportsItsFilesystem()
    {
        var result = await _action.ExecuteAsync(Create(Map(("path", "/dev/shm/../shm")), executor: host.Executor), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("/dev/shm", result.Outputs["mount"]);
        Assert.IsType<long>(result.Outputs["availableBytes"]);
        Assert.DoesNotContain(Mounts(result.Outputs), m => (string)m["mount"]! == "/dev/shm");
    }

    [Fact]
    public async Task ExecuteAsync_IncludeTypes_ListsOnlyThoseTypes()
    {
        var result = await _action.ExecuteAsync(Create(Map(("includeTypes", List("tmpfs")))), default);

        var mounts = Mounts(result.Outputs);
        Assert.Contains(mounts, m => (string)m["mount"]! == "/dev/shm");
        Assert.All(mounts, m => Assert.Equal("tmpfs", m["fsType"]));
    }

    [Fact]
    public async Task ExecuteAsync_OverMaxUsedPercent_FailsNamingMountAndNumbers()
    {
        var result = await _action.ExecuteAsync(Create(Map(("path", "/"), ("maxUsedPercent", 0L)), executor: host.Executor), default);

        Assert.False(result.Succeeded);
        var used = (long)result.Outputs["usedPercent"]!;
        var available = (long)result.Outputs["availableBytes"]!;
        Assert.Matches(new Regex($"^/ \\(\\S+\\) is {used}% used, over maxUsedPercent 0: [0-9]+ of [0-9]+ bytes used, {available} available; free space there \\(e\\.g\\. old logs\\) or grow the filesystem$"), result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_HostileMissingPath_FailsAndCreatesNothing()
    {
        var dir = SshHost.NewDirectory();
        var path = Path.Combine(dir, $"-x $(touch {dir}/m)");

        var result = await _action.ExecuteAsync(Create(Map(("path", path)), executor: host.Executor), default);

        Assert.False(result.Succeeded);
        Assert.Equal($"cannot find the filesystem of '{path}' on h (df exit code 1): df: '{path}': No such file or directory", result.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    private static List<IReadOnlyDictionary<string, object?>> Mounts(IReadOnlyDictionary<string, object?> outputs) =>
        [.. ((IEnumerable<object?>)outputs["mounts"]!).Cast<IReadOnlyDictionary<string, object?>>()];
}
