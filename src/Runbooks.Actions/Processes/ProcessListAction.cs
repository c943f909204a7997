using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Processes;

/// <summary>Lists processes on the target (procps ps), filtered in C# by name, command-line pattern and user.</summary>
internal sealed class ProcessListAction : IRunbookAction
{
    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "process.list",
        Category = "Processes",
        Description = "Lists processes on the target with pid, user, CPU, memory, age and command line, filtered by name, command-line pattern and user.",
        Inputs = ValueShape.Object("Filters; all given must hold. None lists every process.",
            ProcessFilter.NameField, ProcessFilter.PatternField, ProcessFilter.UserField),
        Outputs =
        [
            new("processes", ValueShape.List("Matching processes, by pid. The action's own ps and shell and their ancestors are never listed.", ValueShape.Object("One process.",
                new FieldShape("pid", ValueShape.Int("Process id.")),
                new FieldShape("ppid", ValueShape.Int("Parent process id.")),
                new FieldShape("user", ValueShape.String("Effective user.")),
                new FieldShape("name", ValueShape.String("comm, the kernel's name (15 characters at most).")),
                new FieldShape("cpuPercent", ValueShape.Number("CPU use over its lifetime, percent of one core (ps %cpu).")),
                new FieldShape("memPercent", ValueShape.Number("Resident memory as percent of RAM.")),
                new FieldShape("rssBytes", ValueShape.Int("Resident memory in bytes.")),
                new FieldShape("elapsedSeconds", ValueShape.Int("Seconds since it started.")),
                new FieldShape("command", ValueShape.String("Full command line (as ps args shows it; secrets masked)."))))),
            new("count", ValueShape.Int("How many matched.")),
        ],
        IdempotentByDefault = true,
        Example = """
            - id: workers
              action: process.list
              with: { name: gunicorn, user: www-data }
            """,
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (filter, error) = ProcessFilter.From(context.Inputs);
        if (filter is null)
        {
            return ActionResult.Failure(error!);
        }
        var (processes, _, listError) = await ProcessTable.ListAsync(context, cancellationToken);
        if (processes is null)
        {
            return ActionResult.Failure(listError!);
        }
        var matching = processes.Where(filter.Matches).OrderBy(p => p.Pid).ToList();
        return ActionResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["processes"] = matching.Select(p => context.Secrets.ApplyToValue(p.ToOutput())).ToList(),
            ["count"] = (long)matching.Count,
        });
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return "run: ps -e -o pid=,comm= and ps -e -o pid=,ppid=,user:64=,pcpu=,pmem=,rss=,etimes=,args=; filter in Runbooks"
            + string.Concat(((string[])["name", "pattern", "user"]).Where(inputs.Has).Select(n => $"; {n} {inputs.GetString(n)}"));
    }
}
