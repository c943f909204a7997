namespace Runbooks.Testing.Ssh;

/// <summary>How a test sshd differs from the default (key login for the current user, modern algorithms).</summary>
public sealed record SshdOptions
{
    /// <summary>
    /// Variables every session gets (sshd <c>SetEnv</c>), e.g. a <c>PATH</c> with fake <c>systemctl</c> first, or the
    /// ledger file fake commands write to. Values may not contain double quotes.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// sshd_config lines written before the fixture's own (sshd keeps the first value of a keyword, so these win),
    /// e.g. <c>KexAlgorithms diffie-hellman-group14-sha1</c>.
    /// </summary>
    public IReadOnlyList<string> ExtraConfig { get; init; } = [];

    /// <summary>
    /// A file that stands in for <c>/proc/sys/kernel/random/boot_id</c> in every session: sshd then runs in a private
    /// mount namespace (<c>unshare --mount</c>, root only) with this file bind-mounted over the boot id, so a fake
    /// <c>reboot</c> can write a new id and drop the sessions while sshd keeps listening, like a host that came back.
    /// Null (the default): the machine's own boot id, no namespace.
    /// </summary>
    public string? BootIdFile { get; init; }

    /// <summary>Whether password authentication is allowed (UsePAM is off, so passwords are checked against /etc/shadow).</summary>
    public bool PasswordAuthentication { get; init; }
}
