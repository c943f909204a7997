using System.Globalization;
using Runbooks.Actions.Common;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Disk;

/// <summary>
/// Reports filesystem usage on the target from GNU df, per mount, and optionally fails when a filesystem is fuller
/// than a limit. Pseudo and memory filesystems are left out by default (see <see cref="DefaultExcludedTypes"/>).
/// </summary>
internal sealed class DiskUsageAction : IRunbookAction
{
    /// <summary>
    /// Filesystems that are not disks: memory-backed (tmpfs, devtmpfs, ramfs), read-only images that are always full
    /// (squashfs: snaps), and kernel interfaces. overlay is kept: it is the root of a container, sized by its disk.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultExcludedTypes =
    [
        "tmpfs", "devtmpfs", "ramfs", "squashfs", "efivarfs", "proc", "sysfs", "devpts", "cgroup", "cgroup2", "mqueue",
        "debugfs", "tracefs", "securityfs", "pstore", "bpf", "configfs", "fusectl", "hugetlbfs", "autofs", "binfmt_misc", "nsfs",
    ];

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "disk.usage",
        Category = "Disk",
        Description = "Reports disk usage per mounted filesystem on the target (GNU df); with maxUsedPercent, fails when a filesystem is fuller.",
        Inputs = ValueShape.Object("Which filesystems, and an optional limit.",
            new FieldShape("path", ValueShape.String("A path on the target: its filesystem is reported in the top-level outputs (whatever its type) and is the one maxUsedPercent checks.")),
            new FieldShape("maxUsedPercent", ValueShape.Number("Fail when usedPercent is above this: of the path's filesystem, or (without path) of any listed one.") with { Minimum = 0, Maximum = 100 }),
            new FieldShape("includeTypes", ValueShape.List("List only filesystems of these types (e.g. [ext4, xfs]); default: all but excludeTypes.", ValueShape.String("A filesystem type as df -T shows it."))),
            new FieldShape("excludeTypes", ValueShape.List("Filesystem types left out of mounts; setting it replaces the default list.", ValueShape.String("A filesystem type.")) with { Default = DefaultExcludedTypes.Cast<object?>().ToArray() })),
        Outputs =
        [
            new("mounts", ValueShape.List("Each listed filesystem.", ValueShape.Object("One filesystem.",
                new FieldShape("mount", ValueShape.String("Mount point.")),
                new FieldShape("device", ValueShape.String("Source device.")),
                new FieldShape("fsType", ValueShape.String("Filesystem type.")),
                new FieldShape("sizeBytes", ValueShape.Int("Size.")),
                new FieldShape("usedBytes", ValueShape.Int("Used.")),
                new FieldShape("availableBytes", ValueShape.Int("Available to unprivileged users.")),
                new FieldShape("usedPercent", ValueShape.Int("Used, as df shows it (used / (used + available), rounded up).")),
                new FieldShape("inodesUsedPercent", ValueShape.Int("Inodes used; null when the filesystem has no inode count."))))),
            new("mount", ValueShape.String("The path's mount point; null without path.")),
            new("usedPercent", ValueShape.Int("The path's filesystem's usedPercent; null without path.")),
            new("availableBytes", ValueShape.Int("The path's filesystem's availableBytes; null without path.")),
            new("inodesUsedPercent", ValueShape.Int("The path's filesystem's inodesUsedPercent; null without path.")),
        ],
        IdempotentByDefault = true,
        Example = """
            - id: var
              action: disk.usage
              with: { path: /var/log, maxUsedPercent: 90 }
            """,
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var all = await TargetCommand.RunArgvAsync(context, ["df", .. DfParser.Arguments], cancellationToken, logOutput: false);
        var parsed = DfParser.Parse(all.Stdout);
        if (parsed.Count == 0)
        {
            return ActionResult.Failure($"df on {context.Executor.Target.Name} reported no filesystems (exit code {all.ExitCode}): {all.Stderr.Trim()}; disk.usage needs GNU coreutils df");
        }
        var include = inputs.GetStringList("includeTypes");
        var exclude = inputs.Has("excludeTypes") ? inputs.GetStringList("excludeTypes") : DefaultExcludedTypes;
        var mounts = parsed.Where(m => include.Count > 0 ? include.Contains(m.FsType) : !exclude.Contains(m.FsType)).ToList();
        DiskMount? atPath = null;
        if (inputs.GetString("path") is { } path)
        {
            var one = await TargetCommand.RunArgvAsync(context, ["df", .. DfParser.Arguments, "--", path], cancellationToken, logOutput: false);
            atPath = one.ExitCode == 0 ? DfParser.Parse(one.Stdout).FirstOrDefault() : null;
            if (atPath is null)
            {
                return ActionResult.Failure($"cannot find the filesystem of '{path}' on {context.Executor.Target.Name} (df exit code {one.ExitCode}): {one.Stderr.Trim()}");
            }
        }
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["mounts"] = mounts.Select(m => (object?)m.ToOutput()).ToList(),
            ["mount"] = atPath?.Mount,
            ["usedPercent"] = atPath?.UsedPercent,
            ["availableBytes"] = atPath?.AvailableBytes,
            ["inodesUsedPercent"] = atPath?.InodesUsedPercent,
        };
        if (inputs.Get("maxUsedPercent") is { } limitValue)
        {
            var limit = Convert.ToDouble(limitValue, CultureInfo.InvariantCulture);
            var over = (atPath is null ? mounts : [atPath]).Where(m => m.UsedPercent > limit).ToList();
            if (over.Count > 0)
            {
                return ActionResult.Failure(string.Join("; ", over.Select(m => OverMessage(m, limit))), outputs);
            }
        }
        return ActionResult.Success(outputs);
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var text = "run: df " + string.Join(' ', DfParser.Arguments);
        if (inputs.GetString("path") is { } path)
        {
            text += "\nrun: df " + string.Join(' ', DfParser.Arguments) + " -- " + CommandStep.Quote(path);
        }
        return inputs.Get("maxUsedPercent") is { } limit ? text + $"\nfail above {Convert.ToString(limit, CultureInfo.InvariantCulture)}% used" : text;
    }

    internal static string OverMessage(DiskMount m, double limit) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Mount} ({m.Device}) is {m.UsedPercent}% used, over maxUsedPercent {limit}: {m.UsedBytes} of {m.SizeBytes} bytes used, {m.AvailableBytes} available; free space there (e.g. old logs) or grow the filesystem");
}
