using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;
using Runbooks.Core.Diagnostics;

namespace Runbooks.Cli.Commands;

/// <summary><c>runbooks validate &lt;files or folders&gt;</c>: every problem in every file, with file:line:column.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Runbook files, or folders searched for *.yaml and *.yml", Arity = ArgumentArity.OneOrMore };
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var command = new Command("validate", "Check runbooks without running them; print every problem with file:line:column")
        {
            paths, output, config,
        };
        command.SetAction(parse => Execute(parse.GetValue(paths)!, parse.GetValue(output)!, parse.GetValue(config)));
        return command;
    }

    private static int Execute(string[] paths, string output, string? config)
    {
        var (files, missing) = RunbookFiles.Expand(paths);
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"error: no such file or folder: {string.Join(", ", missing)}");
            return ExitCodes.Usage;
        }
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"error: no runbook files (*.yaml, *.yml) in {string.Join(", ", paths)}");
            return ExitCodes.Usage;
        }
        using var host = new CliHost(config);
        var results = files.Select(file => (File: file, Result: host.Loader.LoadFile(file))).ToList();
        var invalid = results.Count(r => !r.Result.IsValid);
        var problems = results.Sum(r => r.Result.Diagnostics.Count);
        if (output == "json")
        {
            Console.Out.WriteLine(Json.Write(new
            {
                valid = invalid == 0,
                files = results.Select(r => new
                {
                    file = r.File,
                    valid = r.Result.IsValid,
                    name = r.Result.Runbook?.Name,
                    problems = r.Result.Diagnostics.Select(Problem),
                }),
            }));
            return invalid == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }
        foreach (var (file, result) in results)
        {
            if (result.IsValid)
            {
                Console.Out.WriteLine($"ok       {file} ({result.Runbook!.Name})");
                continue;
            }
            Console.Out.WriteLine($"invalid  {file}");
            foreach (var diagnostic in result.Diagnostics)
            {
                Console.Out.WriteLine($"  {diagnostic}");
            }
        }
        Console.Out.WriteLine(invalid == 0
            ? $"{files.Count} runbook(s) valid"
            : $"{problems} problem(s) in {invalid} of {files.Count} runbook(s)");
        return invalid == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    internal static object Problem(Diagnostic d) => new
    {
        file = d.Span.File, line = d.Span.Line, column = d.Span.Column, code = d.Code, path = d.Path, message = d.Message,
    };
}
