using Runbooks.Actions.Common;
using Runbooks.Core.Actions;
using Runbooks.Core.Templates;

namespace Runbooks.Actions.Service;

/// <summary>
/// <c>service.status|start|stop|restart|reload|enable|disable</c>: reads the service's state first and acts only when
/// the state differs from what was asked (start, stop, enable, disable), or always (restart, reload); after acting it
/// checks the outcome and fails with the service's last status lines when the service did not get there.
/// </summary>
internal sealed class ServiceAction : IRunbookAction
{
    private readonly ServiceVerb _verb;

    public ServiceAction(ServiceVerb verb)
    {
        _verb = verb;
        Descriptor = ServiceDescriptors.For(verb);
    }

    public ActionDescriptor Descriptor { get; }

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Inputs.RequireString("name");
        var (manager, error) = await ServiceManagerDetector.DetectAsync(context, context.Inputs.GetString("manager") ?? "auto", cancellationToken);
        if (manager is null)
        {
            return ActionResult.Failure(error!);
        }
        var (before, queryError) = await manager.QueryAsync(context, name, cancellationToken);
        if (before is null)
        {
            return ActionResult.Failure(queryError!);
        }
        var outputs = Outputs(before, manager);
        if (_verb == ServiceVerb.Status)
        {
            return ActionResult.Success(outputs);
        }
        if (!before.Exists)
        {
            return ActionResult.Failure(
                $"cannot {ServiceText.VerbWord(_verb)} '{name}': {manager.Name} has no such service on this host; check the name ({(manager.Name == "systemd" ? "systemctl list-unit-files" : "ls /etc/init.d")})",
                outputs);
        }
        if (AlreadyThere(before))
        {
            context.Log.Information("service {Service} is already {State}; nothing to do", name, _verb == ServiceVerb.Start ? "active" : _verb == ServiceVerb.Stop ? "inactive" : ServiceText.VerbWord(_verb) + "d");
            return ActionResult.Success(outputs);
        }
        var (argv, unsupported) = manager.Command(_verb, name);
        if (argv is null)
        {
            return ActionResult.Failure(unsupported!, outputs);
        }
        var run = await TargetCommand.RunArgvAsync(context, argv, cancellationToken);
        if (run.ExitCode != 0)
        {
            var status = await manager.DiagnosticsAsync(context, name, cancellationToken);
            var (now, _) = await manager.QueryAsync(context, name, cancellationToken);
            return ActionResult.Failure(context.Secrets.Apply(
                $"'{TargetCommand.Show(argv)}' failed with exit code {run.ExitCode}: {ServiceText.Tail(run.Stderr + run.Stdout, 5)}\nlast status lines:\n{status}"),
                Outputs(now ?? before, manager));
        }
        return await VerifyAsync(context, manager, name, before, cancellationToken);
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var name = inputs.GetString("name") ?? "";
        var word = ServiceText.VerbWord(_verb);
        var forced = inputs.GetString("manager") ?? "auto";
        var lines = new List<string>
        {
            forced == "auto" ? "detect the manager: systemd when systemctl is present and systemd runs, else sysv" : $"manager: {forced}",
            $"systemd: {TargetCommand.Show(SystemdServiceManager.ShowArgv(name))}",
        };
        if (_verb != ServiceVerb.Status)
        {
            var condition = _verb switch
            {
                ServiceVerb.Start => "unless active: ",
                ServiceVerb.Stop => "unless inactive: ",
                ServiceVerb.Enable => "unless enabled: ",
                ServiceVerb.Disable => "unless disabled: ",
                _ => "then: ",
            };
            lines.Add($"systemd: {condition}systemctl {word} -- {ShellQuoting.Quote(name)}");
        }
        lines.Add($"sysv: service {ShellQuoting.Quote(name)} status" + (_verb switch
        {
            ServiceVerb.Status => "",
            ServiceVerb.Enable or ServiceVerb.Disable => $"; then update-rc.d {ShellQuoting.Quote(name)} {word} (or chkconfig {ShellQuoting.Quote(name)} {(_verb == ServiceVerb.Enable ? "on" : "off")})",
            _ => $"; then service {ShellQuoting.Quote(name)} {word}",
        }));
        if (inputs.Has("verifyTimeout"))
        {
            lines.Add($"then wait up to {inputs.GetString("verifyTimeout")} for it to be {(_verb == ServiceVerb.Stop ? "inactive" : "active")}");
        }
        return string.Join('\n', lines);
    }

    private bool AlreadyThere(ServiceState state) => _verb switch
    {
        ServiceVerb.Start => state.Active,
        // A unit on its way up or down is not "stopped" yet: stop it.
        ServiceVerb.Stop => !state.Active && state.ActiveState is not ("activating" or "deactivating"),
        ServiceVerb.Enable => state.Enabled == true,
        ServiceVerb.Disable => state.Enabled == false,
        _ => false,
    };

    private async Task<ActionResult> VerifyAsync(ActionContext context, IServiceManager manager, string name, ServiceState before, CancellationToken cancellationToken)
    {
        if (_verb is ServiceVerb.Enable or ServiceVerb.Disable)
        {
            var (after, error) = await manager.QueryAsync(context, name, cancellationToken);
            if (after is null)
            {
                return ActionResult.Failure($"{ServiceText.VerbWord(_verb)} ran, but the state could not be read back: {error}");
            }
            // systemctl enable on a static unit succeeds and changes nothing; update-rc.d cannot be asked (null): changed.
            var changed = (manager is SysvServiceManager && after.Enabled is null) || after.Enabled != before.Enabled || after.UnitFileState != before.UnitFileState;
            return ActionResult.Success(Outputs(after, manager), changed);
        }
        var wantActive = _verb != ServiceVerb.Stop;
        var (state, verified) = await ServiceWait.UntilAsync(context, manager, name, wantActive, context.Inputs.GetDuration("verifyTimeout", TimeSpan.FromSeconds(15)), cancellationToken);
        if (!verified)
        {
            var status = await manager.DiagnosticsAsync(context, name, cancellationToken);
            var seen = state is null ? "could not be read" : $"is {state.ActiveState} ({state.SubState})";
            var failure = ActionResult.Failure(context.Secrets.Apply(
                $"{ServiceText.VerbWord(_verb)} of '{name}' returned success, but the service {seen} instead of {(wantActive ? "active" : "inactive")}; last status lines:\n{status}"),
                state is null ? null : Outputs(state, manager));
            // The command ran: the service was restarted or stopped even though it did not settle.
            return failure with { Changed = true };
        }
        return ActionResult.Success(Outputs(state!, manager), changed: true);
    }

    private static Dictionary<string, object?> Outputs(ServiceState state, IServiceManager manager) => new(StringComparer.Ordinal)
    {
        ["exists"] = state.Exists,
        ["active"] = state.Active,
        ["activeState"] = state.ActiveState,
        ["subState"] = state.SubState,
        ["mainPid"] = state.MainPid,
        ["enabled"] = state.Enabled,
        ["manager"] = manager.Name,
    };
}
