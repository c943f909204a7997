using Runbooks.Core.Execution;
using Runbooks.Core.Inventory;

namespace Runbooks.Transports.Ssh;

/// <summary>
/// Recognises <c>sudo -n</c> refusing because it would have to ask for a password. The command did not run, so this
/// is a configuration error (said plainly), not a failed or unknown command.
/// </summary>
internal static class SudoRefusal
{
    /// <summary>Whether sudo refused for want of a password (exit 1 and sudo's own message, nothing else).</summary>
    public static bool NeedsPassword(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var stderr = result.Stderr.TrimEnd('\n');
        return result.ExitCode == 1
            && result.Stdout.Length == 0
            && !stderr.Contains('\n', StringComparison.Ordinal)
            && (stderr.EndsWith("sudo: a password is required", StringComparison.Ordinal)
                || stderr.EndsWith("sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper", StringComparison.Ordinal));
    }

    /// <summary>What the operator is told.</summary>
    public static string Message(InventoryHost host) =>
        $"sudo on host '{host.Name}' needs a password; allow NOPASSWD for the runbooks user ('{host.User ?? Environment.UserName}') in the host's sudoers, or turn sudo off for the host in the inventory";
}
