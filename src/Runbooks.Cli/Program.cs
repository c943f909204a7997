using System.CommandLine;
using System.Runtime.InteropServices;
using Runbooks.Cli;
using Runbooks.Cli.Commands;
using Runbooks.Transports.Local;

// Ctrl+C and SIGTERM cancel the run cleanly (the running step is stopped, finally steps run, the run is recorded as
// cancelled); a second signal ends the process at once.
using var cancellation = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    if (cancellation.IsCancellationRequested)
    {
        // Second signal: quit now, but take the running commands along — they run in their own process groups,
        // so nothing else would stop them.
        LocalExecutorFactory.KillRunningCommands();
        return;
    }
    context.Cancel = true;
    Console.Error.WriteLine(args.Length > 0 && args[0] == "serve"
        ? "Draining: no new step starts; running steps finish, runs with steps left are handed back (press Ctrl+C again to quit at once)…"
        : "Cancelling the run (press Ctrl+C again to quit at once)…");
    cancellation.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var root = new RootCommand("runbooks — validate, plan and run automation and remediation runbooks")
{
    ValidateCommand.Create(),
    RunCommand.Create(cancellation.Token),
    RunCommand.CreatePlan(cancellation.Token),
    ActionsCommand.Create(),
    SchemaCommand.Create(),
    InventoryCommand.Create(),
    HostsCommand.Create(),
    RunsCommand.Create(cancellation.Token),
    SchedulesCommand.Create(),
    WindowsCommand.Create(),
    ReportCommand.Create(),
    ServeCommand.Create(cancellation.Token),
    EnqueueCommand.Create(),
    KeysCommand.Create(),
    AlertsCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // "Unrecognized command 'x'" says it all; the generic "required command was not provided" beside it is noise.
    var errors = parsed.Errors.Any(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal))
        ? parsed.Errors.Where(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal))
        : parsed.Errors;
    foreach (var error in errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }
    Console.Error.WriteLine("Run 'runbooks --help' for usage.");
    return ExitCodes.Usage;
}
if (parsed.CommandResult.Command == root && !args.Any(a => a is "--help" or "-h" or "-?" or "--version"))
{
    Console.Error.WriteLine("error: a command is required: validate, run, plan, actions, schema, inventory, hosts, runs, report, schedules, windows, serve, enqueue, keys or alerts");
    Console.Error.WriteLine("Run 'runbooks --help' for usage.");
    return ExitCodes.Usage;
}
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
