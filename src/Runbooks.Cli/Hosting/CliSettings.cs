using Microsoft.Extensions.Configuration;
using Runbooks.Core.Locks;
using Runbooks.Core.Templates;
using Runbooks.Transports.Ssh;

namespace Runbooks.Cli.Hosting;

/// <summary>The <c>Runbooks</c> section of appsettings.json.</summary>
internal sealed record CliSettings
{
    /// <summary>Bytes of stdout/stderr kept per step attempt.</summary>
    public int MaxOutputBytes { get; init; } = 64 * 1024;

    /// <summary>The inventory file (relative to the current folder), or null for none.</summary>
    public string? Inventory { get; init; }

    /// <summary>Where the run journal lives.</summary>
    public StorageSettings Storage { get; init; } = new();

    /// <summary>Template sandbox limits.</summary>
    public TemplateLimits Templates { get; init; } = new();

    /// <summary>How SSH connections are opened and kept (<c>Runbooks:Ssh</c>; durations as <c>hh:mm:ss</c>).</summary>
    public SshTransportOptions Ssh { get; init; } = new();

    /// <summary>
    /// Host locks (<c>Runbooks:Locks</c>: <c>WaitTimeout</c>, <c>LeaseTtl</c>; docs/locks.md), checked when the locks are
    /// made.
    /// </summary>
    public TargetLockOptions Locks { get; init; } = new();

    public static CliSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Runbooks");
        var templates = section.GetSection("Templates");
        var ssh = section.GetSection("Ssh");
        var sshDefaults = new SshTransportOptions();
        var defaults = new TemplateLimits();
        var locks = section.GetSection("Locks");
        var lockDefaults = new TargetLockOptions();
        return new CliSettings
        {
            MaxOutputBytes = section.GetValue("MaxOutputBytes", 64 * 1024),
            Inventory = section.GetValue<string?>("Inventory"),
            Storage = StorageSettings.From(section.GetSection("Storage")),
            Templates = new TemplateLimits
            {
                LoopLimit = templates.GetValue("LoopLimit", defaults.LoopLimit),
                RecursionLimit = templates.GetValue("RecursionLimit", defaults.RecursionLimit),
                MaxOutputChars = templates.GetValue("MaxOutputChars", defaults.MaxOutputChars),
                Timeout = TimeSpan.FromMilliseconds(templates.GetValue("TimeoutMs", (int)defaults.Timeout.TotalMilliseconds)),
                MaxAllocatedBytes = templates.GetValue("MaxAllocatedBytes", defaults.MaxAllocatedBytes),
            },
            Ssh = new SshTransportOptions
            {
                ConnectTimeout = ssh.GetValue("ConnectTimeout", sshDefaults.ConnectTimeout),
                KeepAlive = ssh.GetValue("KeepAlive", sshDefaults.KeepAlive),
                IdleTimeout = ssh.GetValue("IdleTimeout", sshDefaults.IdleTimeout),
                MaxChannelsPerConnection = ssh.GetValue("MaxChannelsPerConnection", sshDefaults.MaxChannelsPerConnection),
            },
            Locks = new TargetLockOptions
            {
                WaitTimeout = locks.GetValue("WaitTimeout", lockDefaults.WaitTimeout),
                LeaseTtl = locks.GetValue("LeaseTtl", lockDefaults.LeaseTtl),
            },
        };
    }
}
