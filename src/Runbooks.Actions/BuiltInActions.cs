using Runbooks.Actions.Assertions;
using Runbooks.Actions.Audit;
using Runbooks.Actions.Http;
using Runbooks.Actions.Approval;
using Runbooks.Actions.Log;
using Runbooks.Actions.Notify;
using Runbooks.Actions.Set;
using Runbooks.Actions.Shell;
using Runbooks.Actions.SubRunbook;
using Runbooks.Actions.Wait;
using Runbooks.Core.Actions;

namespace Runbooks.Actions;

/// <summary>The actions every Runbooks installation has. Each composition root registers them once.</summary>
public static class BuiltInActions
{
    /// <summary>
    /// Creates one instance of each built-in action: <c>shell</c>, <c>http.request</c>, <c>http.check</c>,
    /// <c>wait</c>, <c>assert</c>, <c>audit.check</c>, <c>log</c>, <c>set</c>, <c>notify.webhook</c>, <c>runbook</c>; the host actions
    /// (<c>ssh.command</c>, <c>ssh.script</c>, <c>file.*</c>, <c>disk.usage</c>, <c>process.*</c>); the system actions
    /// (<c>service.*</c>, <c>package.*</c>) and <c>host.reboot</c>. docs/actions.md lists them all.
    /// </summary>
    /// <param name="http">
    /// The client the HTTP actions share. Each request applies the step's own <c>timeout</c> input, so give a client
    /// whose <see cref="HttpClient.Timeout"/> is <see cref="Timeout.InfiniteTimeSpan"/> (or at least as long as the
    /// longest timeout a runbook sets): otherwise the client's limit cuts requests first, reported as a timeout.
    /// </param>
    public static IReadOnlyList<IRunbookAction> Create(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return
        [
            new ShellAction(),
            new HttpRequestAction(http),
            new HttpCheckAction(http),
            new WaitAction(),
            new AssertAction(),
            new AuditCheckAction(),
            new LogAction(),
            new ApprovalAction(),
            new SetAction(),
            new WebhookNotifyAction(http),
            new SubRunbookAction(),
            .. Remote.RemoteHostActions.Create(),
            .. Systems.SystemActions.Create(),
            new Reboot.HostRebootAction(),
        ];
    }
}
