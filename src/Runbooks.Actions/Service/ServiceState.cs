namespace Runbooks.Actions.Service;

/// <summary>What a service manager reports about one service.</summary>
/// <param name="Exists">Whether the manager knows the unit or init script.</param>
/// <param name="Active">Running (systemd ActiveState active or reloading; sysv status exit 0).</param>
/// <param name="ActiveState">systemd's ActiveState (active, inactive, failed, activating …); sysv: active or inactive.</param>
/// <param name="SubState">systemd's SubState (running, dead, exited …); sysv: running or dead.</param>
/// <param name="MainPid">The main process id, 0 when none or unknown.</param>
/// <param name="Enabled">Started at boot; null when the manager cannot say (static units, update-rc.d hosts).</param>
/// <param name="UnitFileState">systemd's UnitFileState (enabled, disabled, static …), empty when none or sysv.</param>
internal sealed record ServiceState(bool Exists, bool Active, string ActiveState, string SubState, long MainPid, bool? Enabled, string UnitFileState)
{
    /// <summary>The service is in a state it will not leave by itself (systemd <c>failed</c>).</summary>
    public bool Failed => ActiveState == "failed";
}
