using Runbooks.Testing.Fakes;
using Runbooks.Actions.Tests.Service;
using Runbooks.Testing.Ssh;

namespace Runbooks.Actions.Tests.Package;

/// <summary>
/// A host with fake package managers. Each SSH session runs in its own mount namespace with <c>/run</c> bound to
/// <see cref="RunDirectory"/> (sshd ForceCommand through unshare), so the real, unmodified
/// <c>[ -e /var/run/reboot-required ]</c> check sees a file the test creates, and the test machine's own /run is
/// never touched.
/// </summary>
public sealed class PackageHostFixture : FakeSshHost
{
    public PackageHostFixture()
        : base(PackageFakes.AddAll, fakes => new SshdOptions
        {
            Environment = new Dictionary<string, string>(fakes.Environment, StringComparer.Ordinal) { ["RUNBOOKS_TEST_RUN"] = RunDirectoryOf(fakes) },
            ExtraConfig = ["ForceCommand unshare --mount /bin/sh -c 'mount --bind \"$RUNBOOKS_TEST_RUN\" /run && exec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"'"],
        })
    {
    }

    /// <summary>What the host's sessions see as /run (and /var/run).</summary>
    public string RunDirectory => RunDirectoryOf(Fakes);

    public override void Reset()
    {
        base.Reset();
        File.Delete(Path.Combine(RunDirectory, "reboot-required"));
    }

    /// <summary>Declares a package: its installed version (null: not installed), the repository's newer version, and its suite.</summary>
    public void Package(string name, string? installed, string? candidate = null, string? suite = null)
    {
        if (installed is not null)
        {
            Write($"pkg/{name}/installed", installed);
        }
        if (candidate is not null)
        {
            Write($"pkg/{name}/candidate", candidate);
        }
        if (suite is not null)
        {
            Write($"pkg/{name}/suite", suite);
        }
    }

    private static string RunDirectoryOf(FakeCommands fakes) => Directory.CreateDirectory(Path.Combine(fakes.Directory, "run")).FullName;
}
