using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Package;

/// <summary>
/// <c>package.update</c>: computes the plan (available updates, filtered by packages and securityOnly), upgrades just
/// that, reports what changed by comparing installed versions before and after, and reboots through
/// <c>host.reboot</c> when asked and a reboot is required.
/// </summary>
internal sealed class PackageUpdateAction : IRunbookAction
{
    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "package.update",
        Category = "Package",
        Description = "Upgrades packages non-interactively (all, the listed ones, or security updates only) with apt, dnf/yum or zypper, and optionally reboots when the host requires it.",
        Inputs = ValueShape.Object("What to upgrade.",
            PackageInputs.Packages("Packages to upgrade if an update is available; empty means every available update.", required: false),
            PackageInputs.SecurityOnly("Only security updates (apt: the packages whose candidate comes from a *-security suite, installed with --only-upgrade; dnf/yum: upgrade --security; zypper: patch --category security)."),
            PackageInputs.Refresh,
            new FieldShape("rebootIfRequired", ValueShape.Bool("After upgrading, reboot through host.reboot when the host requires a reboot (even when this run upgraded nothing: a reboot left pending by an earlier run).") with { Default = false }),
            new FieldShape("rebootTimeout", ValueShape.Duration("How long host.reboot may wait for the host to come back.") with { Default = "10m" }),
            PackageInputs.Manager),
        Outputs =
        [
            PackageOutputs.Manager,
            new("updated", ValueShape.List("What this step upgraded: maps of name, fromVersion (null when newly installed as a dependency), toVersion; read back from the package database afterwards.", ValueShape.Any("An upgraded package."))),
            PackageOutputs.RebootRequired,
            new("rebooted", ValueShape.Bool("Whether host.reboot ran and succeeded.")),
        ],
        // A second run upgrades only what is still (or newly) upgradable: harmless.
        IdempotentByDefault = true,
        Example = """
            - id: patch
              action: package.update
              with: { securityOnly: true, rebootIfRequired: true, rebootTimeout: 15m }
              timeout: 45m
            """,
        DefaultTimeout = TimeSpan.FromMinutes(30),
    };

    public Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PackageUpdater.RunAsync(context, cancellationToken);
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return PackageDescriptions.Update(
            inputs.GetString("manager") ?? "auto", inputs.GetBool("refresh", true), inputs.GetStringList("packages"),
            inputs.GetBool("securityOnly", false), inputs.GetBool("rebootIfRequired", false), inputs.GetString("rebootTimeout") ?? "10m");
    }
}
