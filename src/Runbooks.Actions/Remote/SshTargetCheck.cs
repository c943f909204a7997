using Runbooks.Core.Actions;

namespace Runbooks.Actions.Remote;

/// <summary>
/// The <c>ssh.*</c> actions say in their name that they reach a remote host; on any other target they fail before
/// running anything, pointing at the action that runs on this machine, rather than silently running locally.
/// </summary>
internal static class SshTargetCheck
{
    /// <summary>A failed result when the step's target is not an SSH host; null when it is.</summary>
    public static ActionResult? Refuse(ActionContext context, string action)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Executor.Target;
        if (string.Equals(target.Transport, "ssh", StringComparison.Ordinal))
        {
            return null;
        }
        var what = string.Equals(target.Transport, "local", StringComparison.Ordinal) ? "is this machine" : $"is reached by '{target.Transport}'";
        return ActionResult.Failure($"{action} runs on SSH hosts; target '{target.Name}' {what} — use the shell action");
    }
}
