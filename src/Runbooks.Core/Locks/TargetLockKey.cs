namespace Runbooks.Core.Locks;

/// <summary>
/// The name a target is locked under. Host names are case-insensitive, so <c>WEB-1</c> and <c>web-1</c> are one lock.
/// The <c>local</c> target means the machine the worker runs on, a different machine for every worker: it is locked
/// as <c>local@&lt;machine name&gt;</c>, so runs on one machine serialize and workers on other machines are not blocked.
/// </summary>
public static class TargetLockKey
{
    /// <summary>The target name of the local machine in runbooks.</summary>
    public const string Local = "local";

    /// <summary>The lock name for <paramref name="target"/> on a worker running on <paramref name="machineName"/>.</summary>
    public static string For(string target, string machineName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(machineName);
        var name = target.Trim().ToLowerInvariant();
        return name == Local ? $"{Local}@{machineName.Trim().ToLowerInvariant()}" : name;
    }

    /// <summary>The lock name for <paramref name="target"/> on this machine.</summary>
    public static string For(string target) => For(target, Environment.MachineName);
}
