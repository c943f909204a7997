using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;
using Runbooks.Core.Actions;
using Runbooks.Core.Schema;
using Runbooks.Core.Shapes;
using Runbooks.Core.Validation;

namespace Runbooks.Cli.Commands;

/// <summary><c>runbooks actions [name]</c>: the catalog, or one action's inputs and outputs.</summary>
internal static class ActionsCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "An action to describe in full", Arity = ArgumentArity.ZeroOrOne };
        var output = CommonOptions.Output("markdown");
        var command = new Command("actions", "List the actions steps can use, or describe one with its input schema") { name, output };
        command.SetAction(parse => Execute(parse.GetValue(name), parse.GetValue(output)!));
        return command;
    }

    private static int Execute(string? name, string output)
    {
        using var host = new CliHost(null);
        if (name is null)
        {
            if (output == "markdown")
            {
                Console.Out.Write(ActionsMarkdown.Write(host.Actions));
                return ExitCodes.Ok;
            }
            if (output == "json")
            {
                Console.Out.WriteLine(Json.Write(host.Actions.All.Select(a => Describe(a.Descriptor))));
                return ExitCodes.Ok;
            }
            var width = host.Actions.Names.Max(n => n.Length);
            foreach (var group in host.Actions.All.GroupBy(a => a.Descriptor.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Console.Out.WriteLine(group.Key);
                foreach (var action in group)
                {
                    Console.Out.WriteLine($"  {action.Descriptor.Name.PadRight(width)}  {action.Descriptor.Description}");
                }
            }
            Console.Out.WriteLine("Run 'runbooks actions <name>' for an action's inputs and outputs.");
            return ExitCodes.Ok;
        }
        if (!host.Actions.TryGet(name, out var found))
        {
            Console.Error.WriteLine($"error: unknown action '{name}'{Suggestions.Hint(name, host.Actions.Names)}; available: {string.Join(", ", host.Actions.Names)}");
            return ExitCodes.Usage;
        }
        var d = found.Descriptor;
        if (output == "json")
        {
            Console.Out.WriteLine(Json.Write(Describe(d)));
            return ExitCodes.Ok;
        }
        Console.Out.WriteLine($"{d.Name} ({d.Category}): {d.Description}");
        Console.Out.WriteLine($"Idempotent by default: {(d.IdempotentByDefault ? "yes" : "no")}" +
            (d.DefaultTimeout is { } t ? $"; default timeout {DurationParser.Format(t)}" : ""));
        Console.Out.WriteLine("Inputs (with:)");
        foreach (var field in d.Inputs.Fields)
        {
            var facts = new List<string> { ValueKindNames.Name(field.Shape.Kind) };
            if (field.Required) { facts.Add("required"); }
            if (field.Shape.Default is { } def) { facts.Add($"default {Json.Compact(def)}"); }
            if (field.Shape.Allowed is { } allowed) { facts.Add($"one of {string.Join("|", allowed)}"); }
            if (d.ShellStringInputs.Contains(field.Name)) { facts.Add("shell string: quote untrusted values"); }
            Console.Out.WriteLine($"  {field.Name} ({string.Join(", ", facts)}): {field.Shape.Description}");
        }
        foreach (var group in d.Inputs.ExactlyOneOf)
        {
            Console.Out.WriteLine($"  exactly one of: {string.Join(", ", group)}");
        }
        Console.Out.WriteLine("Outputs (steps.<id>.outputs.*)");
        foreach (var field in d.Outputs)
        {
            Console.Out.WriteLine($"  {field.Name} ({ValueKindNames.Name(field.Shape.Kind)}): {field.Shape.Description}");
        }
        return ExitCodes.Ok;
    }

    private static object Describe(ActionDescriptor d) => new
    {
        name = d.Name,
        category = d.Category,
        description = d.Description,
        idempotentByDefault = d.IdempotentByDefault,
        defaultTimeout = d.DefaultTimeout is { } t ? DurationParser.Format(t) : null,
        shellStringInputs = d.ShellStringInputs,
        argvInputs = d.ArgvInputs,
        inputs = JsonSchemaGenerator.ForShape(d.Inputs),
        outputs = JsonSchemaGenerator.ForShape(ValueShape.Object("Outputs", [.. d.Outputs])),
    };
}
