using System.Globalization;
using System.Text.RegularExpressions;
using Runbooks.Actions.Common;
using Runbooks.Core.Actions;

namespace Runbooks.Actions.Service;

/// <summary>
/// Services on a host without systemd, through SysV init's <c>service &lt;name&gt; &lt;verb&gt;</c>, and
/// <c>update-rc.d</c> (Debian family) or <c>chkconfig</c> (Red Hat family) for boot-time enablement.
/// <c>service</c> takes no <c>--</c>; the name's validation pattern forbids a leading '-' instead.
/// </summary>
internal sealed partial class SysvServiceManager : IServiceManager
{
    private const int DiagnosticLines = 20;

    /// <summary>Creates the manager; <paramref name="enableTool"/> is update-rc.d, chkconfig or null (neither installed).</summary>
    public SysvServiceManager(string? enableTool) => EnableTool = enableTool;

    /// <summary>The tool used for enable/disable, or null.</summary>
    public string? EnableTool { get; }

    public string Name => "sysv";

    public async Task<(ServiceState? State, string? Error)> QueryAsync(ActionContext context, string name, CancellationToken cancellationToken)
    {
        var status = await TargetCommand.RunArgvAsync(context, ["service", name, "status"], cancellationToken, logOutput: false);
        var text = status.Stdout + status.Stderr;
        // Debian's and Red Hat's service both say "<name>: unrecognized service" (exit 1) when no init script exists.
        if (status.ExitCode != 0 && text.Contains("unrecognized service", StringComparison.Ordinal))
        {
            return (new ServiceState(false, false, "inactive", "dead", 0, null, ""), null);
        }
        if (status.ExitCode == 127)
        {
            return (null, "the 'service' command is not on the target's PATH");
        }
        // LSB status codes: 0 running; 1, 2 dead with a pid or lock file left; 3 not running; 4 unknown.
        var active = status.ExitCode == 0;
        bool? enabled = null;
        if (EnableTool == "chkconfig")
        {
            // "chkconfig <name>" exits 0 when the service starts in the current runlevel, 1 when not.
            var check = await TargetCommand.RunArgvAsync(context, ["chkconfig", name], cancellationToken, logOutput: false);
            enabled = check.ExitCode == 0;
        }
        var pid = active && PidPattern().Match(text) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return (new ServiceState(true, active, active ? "active" : "inactive", active ? "running" : "dead", pid, enabled, ""), null);
    }

    public (IReadOnlyList<string>? Argv, string? Unsupported) Command(ServiceVerb verb, string name) => verb switch
    {
        ServiceVerb.Enable or ServiceVerb.Disable => EnableTool switch
        {
            "update-rc.d" => (["update-rc.d", name, ServiceText.VerbWord(verb)], null),
            "chkconfig" => (["chkconfig", name, verb == ServiceVerb.Enable ? "on" : "off"], null),
            _ => (null, $"this host has no systemd and neither update-rc.d nor chkconfig is on its PATH, so Runbooks cannot {ServiceText.VerbWord(verb)} '{name}' at boot; install one (sysv-rc or chkconfig) or manage the init links by hand"),
        },
        _ => (["service", name, ServiceText.VerbWord(verb)], null),
    };

    public async Task<string> DiagnosticsAsync(ActionContext context, string name, CancellationToken cancellationToken)
    {
        var result = await TargetCommand.RunArgvAsync(context, ["service", name, "status"], cancellationToken, logOutput: false);
        return ServiceText.Tail(result.Stdout + result.Stderr, DiagnosticLines);
    }

    // "nginx is running (pid 1234)", "sshd (pid  812) is running...", "… running, process 1234".
    [GeneratedRegex(@"(?:pid|process)\s+(\d{1,10})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PidPattern();
}
