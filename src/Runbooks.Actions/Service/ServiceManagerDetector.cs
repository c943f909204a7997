using Runbooks.Actions.Common;
using Runbooks.Core.Actions;

namespace Runbooks.Actions.Service;

/// <summary>
/// Chooses systemd or SysV init for a target in one round trip. systemd when <c>systemctl</c> is on the PATH and
/// either <c>/run/systemd/system</c> exists (sd_booted's own test: systemd is PID 1) or
/// <c>systemctl is-system-running</c> prints a state other than <c>offline</c> or <c>unknown</c> (a container or
/// chroot with systemctl installed but no systemd running prints <c>offline</c>); otherwise SysV init.
/// </summary>
internal static class ServiceManagerDetector
{
    // Fixed text: no value is ever spliced into it.
    internal const string ProbeScript = """
        if ! command -v systemctl >/dev/null 2>&1; then echo "systemctl=absent"
        elif [ -d /run/systemd/system ]; then echo "systemd=booted"
        else echo "systemd-state=$(systemctl is-system-running 2>/dev/null)"
        fi
        for tool in service update-rc.d chkconfig; do
          if command -v "$tool" >/dev/null 2>&1; then echo "have=$tool"; fi
        done
        exit 0
        """;

    /// <summary>The manager to use, or the reason there is none; <paramref name="forced"/> is auto, systemd or sysv.</summary>
    public static async Task<(IServiceManager? Manager, string? Error)> DetectAsync(ActionContext context, string forced, CancellationToken cancellationToken)
    {
        var probe = await TargetCommand.RunScriptAsync(context, ProbeScript, [], cancellationToken, logOutput: false);
        if (probe.ExitCode != 0)
        {
            return (null, $"could not detect the service manager (probe exit code {probe.ExitCode}): {ServiceText.Tail(probe.Stderr, 5)}");
        }
        return Choose(probe.Stdout, forced);
    }

    /// <summary>Decides from the probe's output (separate for unit tests).</summary>
    public static (IServiceManager? Manager, string? Error) Choose(string probeOutput, string forced)
    {
        ArgumentNullException.ThrowIfNull(probeOutput);
        var lines = probeOutput.Split('\n').Select(l => l.Trim()).ToList();
        var hasSystemctl = !lines.Contains("systemctl=absent");
        var state = lines.FirstOrDefault(l => l.StartsWith("systemd-state=", StringComparison.Ordinal))?["systemd-state=".Length..];
        var systemdRunning = lines.Contains("systemd=booted") || (state is not null && state is not ("" or "offline" or "unknown"));
        bool Have(string tool) => lines.Contains("have=" + tool);
        var enableTool = Have("update-rc.d") ? "update-rc.d" : Have("chkconfig") ? "chkconfig" : null;
        switch (forced)
        {
            case "systemd":
                return hasSystemctl ? (new SystemdServiceManager(), null) : (null, "manager: systemd was asked for, but systemctl is not on the target's PATH");
            case "sysv":
                return Have("service") ? (new SysvServiceManager(enableTool), null) : (null, "manager: sysv was asked for, but the 'service' command is not on the target's PATH");
        }
        if (hasSystemctl && systemdRunning)
        {
            return (new SystemdServiceManager(), null);
        }
        if (Have("service"))
        {
            return (new SysvServiceManager(enableTool), null);
        }
        var why = hasSystemctl ? $"systemctl is installed but systemd is not running (is-system-running: '{state}')" : "systemctl is not on the PATH";
        return (null, $"no service manager found on the target: {why}, and there is no 'service' command for SysV init scripts");
    }
}
