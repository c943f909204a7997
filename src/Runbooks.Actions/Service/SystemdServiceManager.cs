using Runbooks.Actions.Common;
using Runbooks.Core.Actions;

namespace Runbooks.Actions.Service;

/// <summary>
/// Services through <c>systemctl</c>. Every call puts <c>--</c> before the unit name, so even a name that slipped past
/// validation could never be read as an option.
/// </summary>
internal sealed class SystemdServiceManager : IServiceManager
{
    private const int DiagnosticLines = 20;

    public string Name => "systemd";

    public async Task<(ServiceState? State, string? Error)> QueryAsync(ActionContext context, string name, CancellationToken cancellationToken)
    {
        var result = await TargetCommand.RunArgvAsync(context, ShowArgv(name), cancellationToken, logOutput: false);
        if (result.ExitCode != 0)
        {
            return (null, $"'systemctl show' failed with exit code {result.ExitCode}: {ServiceText.Tail(result.Stderr.Length > 0 ? result.Stderr : result.Stdout, 5)}");
        }
        return (SystemdUnitProperties.Parse(result.Stdout), null);
    }

    public (IReadOnlyList<string>? Argv, string? Unsupported) Command(ServiceVerb verb, string name) =>
        (["systemctl", ServiceText.VerbWord(verb), "--", name], null);

    public async Task<string> DiagnosticsAsync(ActionContext context, string name, CancellationToken cancellationToken)
    {
        // systemctl status shows the unit's state and its last journal lines in one call; it exits 3 for a stopped unit.
        var result = await TargetCommand.RunArgvAsync(context, ["systemctl", "status", "--no-pager", $"--lines={DiagnosticLines}", "--", name], cancellationToken, logOutput: false);
        return ServiceText.Tail(result.Stdout + result.Stderr, DiagnosticLines + 10);
    }

    /// <summary>The status query's argv.</summary>
    public static IReadOnlyList<string> ShowArgv(string name) => ["systemctl", "show", "-p", SystemdUnitProperties.Query, "--", name];
}
