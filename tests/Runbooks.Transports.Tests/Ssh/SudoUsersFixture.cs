using System.Diagnostics;

namespace Runbooks.Transports.Tests.Ssh;

/// <summary>
/// Two unprivileged login users for the sudo tests, created for the test run and removed after it (this needs root,
/// as CI is): <see cref="Allowed"/> may run anything with <c>sudo</c> without a password, <see cref="NeedsPassword"/>
/// only with one. Their password field is <c>*</c> (no password login; <c>!</c> would make sshd refuse them as
/// locked), their home is <c>/</c>, their shell <c>/bin/sh</c>. Requires Debian's <c>sudo</c> and <c>useradd</c>.
/// </summary>
public sealed class SudoUsersFixture : IDisposable
{
    /// <summary>May sudo without a password.</summary>
    public const string Allowed = "runbooks-sudo";

    /// <summary>Must give a password to sudo, which <c>sudo -n</c> never does.</summary>
    public const string NeedsPassword = "runbooks-sudopw";

    private const string SudoersFile = "/etc/sudoers.d/runbooks-tests";

    public SudoUsersFixture()
    {
        if (!File.Exists("/usr/bin/sudo"))
        {
            throw new InvalidOperationException("/usr/bin/sudo is missing: the sudo tests need Debian's sudo (apt-get install -y sudo; .ci/test.sh installs it)");
        }
        foreach (var user in new[] { Allowed, NeedsPassword })
        {
            if (Run("id", "-u", user) != 0)
            {
                Run("useradd", "--no-create-home", "--home-dir", "/", "--shell", "/bin/sh", "--password", "*", user);
            }
        }
        File.WriteAllText(SudoersFile, $"{Allowed} ALL=(ALL:ALL) NOPASSWD: ALL\n{NeedsPassword} ALL=(ALL:ALL) ALL\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(SudoersFile, UnixFileMode.UserRead | UnixFileMode.GroupRead); // sudo ignores a writable file
        }
    }

    /// <summary>Removes the users and their sudoers rules.</summary>
    public void Dispose()
    {
        File.Delete(SudoersFile);
        Run("userdel", Allowed);
        Run("userdel", NeedsPassword);
    }

    private static int Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
