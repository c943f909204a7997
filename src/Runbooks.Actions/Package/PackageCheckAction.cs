using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Package;

/// <summary><c>package.check</c>: lists available updates (optionally security only) and whether a reboot is pending; changes nothing.</summary>
internal sealed class PackageCheckAction : IRunbookAction
{
    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "package.check",
        Category = "Package",
        Description = "Lists the package updates available on the target (apt, dnf/yum or zypper, detected), which are security updates, and whether a reboot is pending.",
        Inputs = ValueShape.Object("What to list.",
            PackageInputs.Manager,
            PackageInputs.Refresh,
            PackageInputs.SecurityOnly("List only security updates (apt: candidate from a *-security suite; dnf/yum: a security advisory; zypper: needed security patches).")),
        Outputs = PackageOutputs.Check,
        IdempotentByDefault = true,
        Example = """
            - id: pending
              action: package.check
              with: { securityOnly: true }
            """,
        DefaultTimeout = TimeSpan.FromMinutes(10),
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var probe = new PackageRunner(context, new Dictionary<string, string>());
        var (manager, error) = await PackageManagerDetector.DetectAsync(probe, context.Inputs.GetString("manager") ?? "auto", cancellationToken);
        if (manager is null)
        {
            return ActionResult.Failure(error!);
        }
        var runner = new PackageRunner(context, manager.Environment);
        try
        {
            if (context.Inputs.GetBool("refresh", true))
            {
                await runner.RunCheckedAsync(manager.RefreshArgv, cancellationToken);
            }
            var updates = await manager.ListUpdatesAsync(runner, cancellationToken);
            var listed = context.Inputs.GetBool("securityOnly", false) ? [.. updates.Where(u => u.Security)] : updates;
            var reboot = await manager.RebootRequiredAsync(runner, cancellationToken);
            return ActionResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["manager"] = manager.Name,
                ["upgradable"] = listed.Select(u => (object?)u.ToOutput()).ToList(),
                ["count"] = (long)listed.Count,
                ["securityCount"] = (long)updates.Count(u => u.Security),
                ["rebootRequired"] = reboot,
            });
        }
        catch (PackageManagerException ex)
        {
            return ActionResult.Failure(ex.Message);
        }
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return PackageDescriptions.Check(inputs.GetString("manager") ?? "auto", inputs.GetBool("refresh", true), inputs.GetBool("securityOnly", false));
    }
}
