using Runbooks.Actions.Common;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Package;

/// <summary>
/// <c>package.install</c> and <c>package.remove</c>: ask the package database first (dpkg-query or rpm -q) and run
/// the manager only for the packages not yet in the wanted state, so a second run changes nothing and runs nothing.
/// </summary>
internal sealed class PackageChangeAction : IRunbookAction
{
    private readonly bool _install;

    public PackageChangeAction(bool install)
    {
        _install = install;
        var word = install ? "install" : "remove";
        Descriptor = new ActionDescriptor
        {
            Name = "package." + word,
            Category = "Package",
            Description = install
                ? "Installs packages (optionally at a version) that are not installed yet; already installed ones are left alone (changed: false)."
                : "Removes packages that are installed; absent ones are left alone (changed: false). Configuration files are kept (no purge).",
            Inputs = ValueShape.Object($"What to {word}.",
                PackageInputs.Packages(install
                    ? "Packages to install: name, name=version (apt) or name-version (dnf, yum, zypper)."
                    : "Packages to remove, by name.", required: true),
                PackageInputs.Manager),
            Outputs =
            [
                PackageOutputs.Manager,
                new(install ? "installed" : "removed", ValueShape.List($"The packages this step {word}ed (empty when there was nothing to do).", ValueShape.String("A package as given."))),
                new("versions", ValueShape.Map(install ? "The installed version of every listed package, afterwards." : "The installed version of listed packages still installed afterwards (none, on success).", ValueShape.String("A version."))),
            ],
            IdempotentByDefault = true,
            Example = $"""
                - id: {word}_tools
                  action: package.{word}
                  with: {"{"} packages: [jq, curl] {"}"}
                """,
            DefaultTimeout = TimeSpan.FromMinutes(15),
        };
    }

    public ActionDescriptor Descriptor { get; }

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (manager, error) = await PackageManagerDetector.DetectAsync(new PackageRunner(context, new Dictionary<string, string>()), context.Inputs.GetString("manager") ?? "auto", cancellationToken);
        if (manager is null)
        {
            return ActionResult.Failure(error!);
        }
        var runner = new PackageRunner(context, manager.Environment);
        var specs = context.Inputs.GetStringList("packages").Distinct(StringComparer.Ordinal).ToList();
        try
        {
            var before = await manager.InstalledAsync(runner, specs, cancellationToken);
            var todo = specs.Where(s => before.ContainsKey(s) != _install).ToList();
            if (todo.Count == 0)
            {
                context.Log.Information("every listed package is already {State}; nothing to do", _install ? "installed" : "absent");
                return ActionResult.Success(Outputs(manager, [], before));
            }
            var argv = _install ? manager.InstallArgv(todo) : manager.RemoveArgv(todo);
            var run = await runner.RunAsync(argv, cancellationToken);
            var after = await manager.InstalledAsync(runner, specs, cancellationToken);
            var done = todo.Where(s => after.ContainsKey(s) == _install).ToList();
            var left = todo.Except(done, StringComparer.Ordinal).ToList();
            if (run.ExitCode != 0 || left.Count > 0)
            {
                var why = run.ExitCode != 0 ? PackageRunner.Failed(argv, run) : $"'{TargetCommand.Show(argv)}' succeeded";
                var failure = ActionResult.Failure(context.Secrets.Apply($"{why}; still {(_install ? "not installed" : "installed")}: {string.Join(", ", left)}"), Outputs(manager, done, after));
                return failure with { Changed = done.Count > 0 };
            }
            return ActionResult.Success(Outputs(manager, done, after), changed: true);
        }
        catch (PackageManagerException ex)
        {
            return ActionResult.Failure(ex.Message);
        }
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return PackageDescriptions.Change(inputs.GetString("manager") ?? "auto", inputs.GetStringList("packages"), _install);
    }

    private Dictionary<string, object?> Outputs(IPackageManager manager, List<string> changed, IReadOnlyDictionary<string, string> versions) => new(StringComparer.Ordinal)
    {
        ["manager"] = manager.Name,
        [_install ? "installed" : "removed"] = changed.Select(s => (object?)s).ToList(),
        ["versions"] = versions.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal),
    };
}
