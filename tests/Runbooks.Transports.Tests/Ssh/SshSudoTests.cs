using System.Diagnostics;
using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Testing.Ssh;

namespace Runbooks.Transports.Tests.Ssh;

/// <summary>Hosts with <c>sudo: true</c>, logged in as an unprivileged user on a real sshd with Debian's real sudo.</summary>
public sealed class SshSudoTests(SshdFixture sshd, SudoUsersFixture users) : IClassFixture<SshdFixture>, IClassFixture<SudoUsersFixture>
{
    [Fact]
    public async Task RunAsync_SudoHost_RunsTheCommandAsRoot()
    {
        _ = users;
        using var factory = SshExecutorTests.Factory(sshd.Host(hostKeys: [sshd.HostKeyFingerprint]) with { User = SudoUsersFixture.Allowed, Sudo = true });

        var result = await factory.For(SshExecutorTests.Target("sshd")).RunAsync(new CommandRequest { Argv = ["id", "-un"] }, CancellationToken.None);

        Assert.Equal((0, "root\n", ""), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public async Task RunAsync_SameUserWithoutSudo_RunsUnprivileged()
    {
        using var factory = SshExecutorTests.Factory(sshd.Host(hostKeys: [sshd.HostKeyFingerprint]) with { User = SudoUsersFixture.Allowed });

        var result = await factory.For(SshExecutorTests.Target("sshd")).RunAsync(new CommandRequest { Argv = ["id", "-un"] }, CancellationToken.None);

        Assert.Equal((0, SudoUsersFixture.Allowed + "\n"), (result.ExitCode, result.Stdout));
    }

    [Fact]
    public async Task RunAsync_SudoNeedsPassword_FailsSayingToAllowNopasswdAndNothingRuns()
    {
        var marker = Path.Combine(Path.GetTempPath(), "runbooks-sudo-" + Guid.NewGuid().ToString("N"));
        using var factory = SshExecutorTests.Factory(sshd.Host(hostKeys: [sshd.HostKeyFingerprint]) with { User = SudoUsersFixture.NeedsPassword, Sudo = true });

        var ex = await Assert.ThrowsAsync<RunbooksException>(() =>
            factory.For(SshExecutorTests.Target("sshd")).RunAsync(new CommandRequest { Argv = ["touch", marker] }, CancellationToken.None));

        Assert.Equal(
            $"sudo on host 'sshd' needs a password; allow NOPASSWD for the runbooks user ('{SudoUsersFixture.NeedsPassword}') in the host's sudoers, or turn sudo off for the host in the inventory",
            ex.Message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task RunAsync_SudoCommandCancelled_KillsTheRootProcess()
    {
        var marker = "runbooks-sudo-" + Guid.NewGuid().ToString("N");
        using var factory = SshExecutorTests.Factory(sshd.Host(hostKeys: [sshd.HostKeyFingerprint]) with { User = SudoUsersFixture.Allowed, Sudo = true });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => factory.For(SshExecutorTests.Target("sshd")).RunAsync(
            new CommandRequest { Script = "sleep 30; echo \"$1\"", ScriptArgs = [marker] }, cts.Token));

        Assert.DoesNotContain(marker, await Processes(), StringComparison.Ordinal);
    }

    internal static async Task<string> Processes()
    {
        using var ps = Process.Start(new ProcessStartInfo("ps", "-eo args") { RedirectStandardOutput = true })!;
        var text = await ps.StandardOutput.ReadToEndAsync();
        await ps.WaitForExitAsync();
        return text;
    }
}
