using Runbooks.Actions.Package;
using Runbooks.Actions.Service;
using Runbooks.Core.Actions;

namespace Runbooks.Actions.Systems;

/// <summary>Actions that manage services, packages and reboots on a step's target.</summary>
internal static class SystemActions
{
    /// <summary>One instance of each.</summary>
    public static IReadOnlyList<IRunbookAction> Create() =>
    [
        .. Enum.GetValues<ServiceVerb>().Select(verb => new ServiceAction(verb)),
        new PackageCheckAction(),
        new PackageUpdateAction(),
        new PackageChangeAction(install: true),
        new PackageChangeAction(install: false),
    ];
}
