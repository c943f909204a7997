using Runbooks.Core.Actions;

namespace Runbooks.Actions.Service;

/// <summary>One way of controlling services on a target: systemd's systemctl, or SysV init's service command.</summary>
internal interface IServiceManager
{
    /// <summary><c>systemd</c> or <c>sysv</c>, as reported in the <c>manager</c> output.</summary>
    string Name { get; }

    /// <summary>Reads the service's state; null with an error when the query itself failed.</summary>
    Task<(ServiceState? State, string? Error)> QueryAsync(ActionContext context, string name, CancellationToken cancellationToken);

    /// <summary>
    /// The argv that performs <paramref name="verb"/> (not Status), or null with the reason when this manager cannot
    /// (sysv enable/disable with neither update-rc.d nor chkconfig).
    /// </summary>
    (IReadOnlyList<string>? Argv, string? Unsupported) Command(ServiceVerb verb, string name);

    /// <summary>The last lines of the service's status (and journal, where the manager shows it), for failure messages.</summary>
    Task<string> DiagnosticsAsync(ActionContext context, string name, CancellationToken cancellationToken);
}
