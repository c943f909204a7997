using Runbooks.Core.Actions;

namespace Runbooks.Actions.Package;

/// <summary>The steps of <c>package.update</c>; see <see cref="PackageUpdateAction"/>.</summary>
internal static class PackageUpdater
{
    /// <summary>The action the reboot is delegated to.</summary>
    public const string RebootAction = "host.reboot";

    public static async Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var inputs = context.Inputs;
        var (manager, error) = await PackageManagerDetector.DetectAsync(new PackageRunner(context, new Dictionary<string, string>()), inputs.GetString("manager") ?? "auto", cancellationToken);
        if (manager is null)
        {
            return ActionResult.Failure(error!);
        }
        var packages = inputs.GetStringList("packages");
        var securityOnly = inputs.GetBool("securityOnly", false);
        if (manager is ZypperPackageManager && securityOnly && packages.Count > 0)
        {
            return ActionResult.Failure("zypper applies security fixes as patches, not per package: use securityOnly without packages (zypper patch --category security), or packages without securityOnly");
        }
        var runner = new PackageRunner(context, manager.Environment);
        List<Dictionary<string, object?>> updated = [];
        try
        {
            if (inputs.GetBool("refresh", true))
            {
                await runner.RunCheckedAsync(manager.RefreshArgv, cancellationToken);
            }
            var updates = await manager.ListUpdatesAsync(runner, cancellationToken);
            var wanted = packages.Select(AptPackageManager.PackageName).ToHashSet(StringComparer.Ordinal);
            var selected = updates.Where(u => (!securityOnly || u.Security) && (wanted.Count == 0 || wanted.Contains(u.Name))).ToList();
            var rebootFromExit = false;
            if (selected.Count == 0)
            {
                context.Log.Information("nothing to upgrade: {Count} updates available, none selected", updates.Count);
            }
            else
            {
                var argv = manager.UpdateArgv(selected, packages.Count == 0, securityOnly);
                var run = await runner.RunAsync(argv, cancellationToken);
                // Read back what actually changed, also when the upgrade failed part-way: the operator sees both.
                var compared = updates.Where(u => !u.Name.StartsWith("patch:", StringComparison.Ordinal)).ToList();
                var after = compared.Count == 0 ? new Dictionary<string, string>() : await manager.InstalledAsync(runner, [.. compared.Select(u => u.Name).Distinct(StringComparer.Ordinal)], cancellationToken);
                updated = [.. compared
                    .Where(u => after.TryGetValue(u.Name, out var now) && now != u.CurrentVersion)
                    .DistinctBy(u => u.Name)
                    .Select(u => new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = u.Name, ["fromVersion"] = u.CurrentVersion, ["toVersion"] = after[u.Name] })];
                if (!manager.UpdateExitCodes.Contains(run.ExitCode))
                {
                    var failure = ActionResult.Failure(context.Secrets.Apply(PackageRunner.Failed(argv, run)) + $"\n{updated.Count} package(s) were upgraded before it stopped (see updated)",
                        Outputs(manager, updated, null, false));
                    return failure with { Changed = updated.Count > 0 };
                }
                rebootFromExit = manager is ZypperPackageManager && run.ExitCode == ZypperPackageManager.RebootNeeded;
            }
            var rebootRequired = rebootFromExit ? true : await manager.RebootRequiredAsync(runner, cancellationToken);
            if (!inputs.GetBool("rebootIfRequired", false) || rebootRequired != true)
            {
                return ActionResult.Success(Outputs(manager, updated, rebootRequired, false), changed: updated.Count > 0);
            }
            var reboot = await context.Host.RunActionAsync(RebootAction,
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["timeout"] = inputs.GetString("rebootTimeout") ?? "10m" }, context, cancellationToken);
            if (!reboot.Succeeded)
            {
                var failure = ActionResult.Failure($"{updated.Count} package(s) upgraded and a reboot is required, but host.reboot failed: {reboot.Error}", Outputs(manager, updated, true, false));
                // Whether the host went down is the reboot's to say.
                return failure with { Changed = updated.Count > 0 || reboot.OutcomeUnknown, OutcomeUnknown = reboot.OutcomeUnknown };
            }
            return ActionResult.Success(Outputs(manager, updated, true, true), changed: true);
        }
        catch (PackageManagerException ex)
        {
            return ActionResult.Failure(ex.Message, Outputs(manager, updated, null, false)) with { Changed = updated.Count > 0 };
        }
    }

    private static Dictionary<string, object?> Outputs(IPackageManager manager, List<Dictionary<string, object?>> updated, bool? rebootRequired, bool rebooted) => new(StringComparer.Ordinal)
    {
        ["manager"] = manager.Name,
        ["updated"] = updated.Select(u => (object?)u).ToList(),
        ["rebootRequired"] = rebootRequired,
        ["rebooted"] = rebooted,
    };
}
