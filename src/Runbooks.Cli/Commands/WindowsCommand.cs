using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;

namespace Runbooks.Cli.Commands;

/// <summary>
/// <c>runbooks windows [--count N] [--from instant] [--json]</c>: the maintenance windows and change freezes of
/// <c>Runbooks:Maintenance</c>, whether each is open (in force) now, and its next openings. Settings problems are
/// reported on stderr with the file and key, and make the exit code 1.
/// </summary>
internal static class WindowsCommand
{
    public static Command Create()
    {
        var count = ScheduleOptions.Count("openings");
        var from = ScheduleOptions.From();
        var json = ScheduleOptions.Json();
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var command = new Command("windows", "List the maintenance windows and freezes (Runbooks:Maintenance) with their next open intervals")
        {
            count, from, json, output, config,
        };
        command.SetAction(parse => Execute(parse.GetValue(count), parse.GetValue(from), parse.GetValue(json) || parse.GetValue(output) == "json", parse.GetValue(config)));
        return command;
    }

    private static int Execute(int count, string? fromText, bool json, string? config)
    {
        if (ScheduleOptions.Instant(fromText, out var usage) is not { } from)
        {
            Console.Error.WriteLine($"error: {usage}");
            return ExitCodes.Usage;
        }
        using var host = new CliHost(config);
        var settings = host.Maintenance;
        if (json)
        {
            Console.Out.WriteLine(Json.Write(WindowsPrinter.ToJson(settings.Calendar, from, count, settings.Problems)));
        }
        else
        {
            WindowsPrinter.Print(settings.Calendar, from, count, host.ConfigurationFile, Console.Out);
        }
        foreach (var problem in settings.Problems)
        {
            Console.Error.WriteLine($"error: {problem}");
        }
        return settings.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
