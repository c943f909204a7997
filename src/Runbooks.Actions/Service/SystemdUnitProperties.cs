namespace Runbooks.Actions.Service;

/// <summary>
/// Reads <c>systemctl show -p LoadState,ActiveState,SubState,MainPID,UnitFileState</c> output (one <c>Key=value</c>
/// per line, in systemd's order, not the order asked) into a <see cref="ServiceState"/>.
/// </summary>
internal static class SystemdUnitProperties
{
    /// <summary>The properties asked for, as the <c>-p</c> argument.</summary>
    public const string Query = "LoadState,ActiveState,SubState,MainPID,UnitFileState";

    // UnitFileState values that mean "starts at boot" and "does not"; the rest (static, indirect, generated,
    // transient, bad, empty) have no enable switch of their own, so enabled is unknown (null).
    private static readonly string[] EnabledStates = ["enabled", "enabled-runtime", "linked", "linked-runtime", "alias"];
    private static readonly string[] DisabledStates = ["disabled", "masked", "masked-runtime"];

    /// <summary>Parses the output; a unit whose LoadState is not-found (or empty) does not exist.</summary>
    public static ServiceState Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }
        var load = values.GetValueOrDefault("LoadState", "");
        var active = values.GetValueOrDefault("ActiveState", "");
        var unitFile = values.GetValueOrDefault("UnitFileState", "");
        _ = long.TryParse(values.GetValueOrDefault("MainPID", "0"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid);
        bool? enabled = EnabledStates.Contains(unitFile, StringComparer.Ordinal) ? true
            : DisabledStates.Contains(unitFile, StringComparer.Ordinal) ? false
            : null;
        return new ServiceState(
            Exists: load.Length > 0 && load != "not-found",
            Active: active is "active" or "reloading",
            ActiveState: active,
            SubState: values.GetValueOrDefault("SubState", ""),
            MainPid: pid,
            Enabled: enabled,
            UnitFileState: unitFile);
    }
}
