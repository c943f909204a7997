using System.Text;

namespace Runbooks.Testing.Ssh;

/// <summary>
/// A directory of fake system commands (<c>systemctl</c>, <c>apt-get</c>, <c>reboot</c> …) for a test host whose
/// real ones cannot run here (no systemd in a container). Every fake first appends one line to a ledger file —
/// host, command and each argument, tab-separated — so a test asserts exactly what ran on which host and how often;
/// then it runs the body the test gave it (POSIX sh, with <c>$STATE</c> a directory it may keep state in).
/// Put <see cref="Environment"/> into <see cref="SshdOptions.Environment"/> so the fakes come first on the login PATH.
/// </summary>
public sealed class FakeCommands : IDisposable
{
    /// <summary>Creates an empty fake-command directory for the host called <paramref name="hostName"/> in the ledger.</summary>
    public FakeCommands(string hostName = "sshd", string? ledgerFile = null)
    {
        HostName = hostName;
        Directory = System.IO.Directory.CreateTempSubdirectory("runbooks-fake-").FullName;
        BinDirectory = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "bin")).FullName;
        StateDirectory = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "state")).FullName;
        LedgerFile = ledgerFile ?? Path.Combine(Directory, "ledger.tsv");
    }

    /// <summary>The host name written in the ledger.</summary>
    public string HostName { get; }

    /// <summary>The temporary directory.</summary>
    public string Directory { get; }

    /// <summary>Where the fakes are; first on the PATH.</summary>
    public string BinDirectory { get; }

    /// <summary>A directory the fakes may keep state in (<c>$STATE</c>).</summary>
    public string StateDirectory { get; }

    /// <summary>The ledger file (several hosts may share one).</summary>
    public string LedgerFile { get; }

    /// <summary>The variables a login session needs so that the fakes are found and record to the ledger.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PATH"] = $"{BinDirectory}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ["RUNBOOKS_FAKE_HOST"] = HostName,
        ["RUNBOOKS_FAKE_LEDGER"] = LedgerFile,
        ["RUNBOOKS_FAKE_STATE"] = StateDirectory,
    };

    /// <summary>
    /// Writes (or replaces) the fake <paramref name="name"/> with <paramref name="body"/> (POSIX sh; <c>"$@"</c> are
    /// its arguments, <c>$STATE</c> the state directory). A fake with an empty body records and exits 0.
    /// </summary>
    public void Add(string name, string body = "exit 0")
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(body);
        var path = Path.Combine(BinDirectory, name);
        var script = new StringBuilder()
            .Append("#!/bin/sh\n")
            .Append("STATE=\"${RUNBOOKS_FAKE_STATE:-").Append(StateDirectory).Append("}\"\n")
            // One line per call: host, command, then each argument; tabs and newlines inside arguments are escaped.
            // The line is built first and appended with one write, so calls on several hosts at once never interleave.
            .Append("line=$(printf '%s\\t%s' \"${RUNBOOKS_FAKE_HOST:-").Append(HostName).Append("}\" '").Append(name).Append("'; ")
            .Append("for a in \"$@\"; do printf '\\t%s' \"$(printf '%s' \"$a\" | sed 's/\\\\/\\\\\\\\/g; s/\\t/\\\\t/g' | sed ':a;N;$!ba;s/\\n/\\\\n/g')\"; done)\n")
            .Append("printf '%s\\n' \"$line\" >> \"${RUNBOOKS_FAKE_LEDGER:-").Append(LedgerFile).Append("}\"\n")
            .Append(body).Append('\n');
        File.WriteAllText(path, script.ToString());
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("fake commands are POSIX sh scripts");
        }
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    /// <summary>Every call recorded so far (all hosts sharing the ledger), in order.</summary>
    public IReadOnlyList<FakeCall> Calls() => FakeCall.Read(LedgerFile);

    /// <summary>Removes the directory.</summary>
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
