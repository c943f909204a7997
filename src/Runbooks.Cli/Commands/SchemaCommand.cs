using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Core.Schema;

namespace Runbooks.Cli.Commands;

/// <summary><c>runbooks schema [--write file]</c>: the JSON Schema of runbooks, generated from the validator's grammar.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var write = new Option<string?>("--write") { Description = "Write the schema to this file (e.g. docs/runbook.schema.json) instead of stdout" };
        var command = new Command("schema", "Print the JSON Schema for runbook files (for editor completion)") { write };
        command.SetAction(parse =>
        {
            using var host = new CliHost(null);
            var schema = JsonSchemaGenerator.Generate(host.Actions);
            if (parse.GetValue(write) is { } path)
            {
                File.WriteAllText(path, schema);
                Console.Out.WriteLine($"wrote {path}");
            }
            else
            {
                Console.Out.Write(schema);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
