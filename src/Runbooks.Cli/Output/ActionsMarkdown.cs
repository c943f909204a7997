using System.Text;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Cli.Output;

/// <summary>
/// Writes docs/actions.md from the action descriptors (<c>runbooks actions --output markdown</c>), so the reference
/// says exactly what the validator checks. A test fails when the committed file is stale.
/// </summary>
internal static class ActionsMarkdown
{
    public static string Write(ActionRegistry actions)
    {
        var md = new StringBuilder();
        md.Append("# Actions\n\n");
        md.Append("Generated from the action descriptors by `runbooks actions --output markdown > docs/actions.md`; do not edit by hand.\n");
        md.Append("The same descriptors drive validation, `docs/runbook.schema.json` and `runbooks actions <name>`.\n\n");
        md.Append("| action | category | idempotent by default | what it does |\n|---|---|---|---|\n");
        foreach (var action in actions.All)
        {
            var d = action.Descriptor;
            md.Append($"| [`{d.Name}`](#{Anchor(d.Name)}) | {d.Category} | {(d.IdempotentByDefault ? "yes" : "no")} | {Cell(d.Description)} |\n");
        }
        foreach (var action in actions.All)
        {
            var d = action.Descriptor;
            md.Append($"\n## {d.Name}\n\n{d.Description}\n\n");
            md.Append($"Idempotent by default: **{(d.IdempotentByDefault ? "yes" : "no")}**");
            md.Append(d.DefaultTimeout is { } t ? $"; default timeout {DurationParser.Format(t)}.\n\n" : ".\n\n");
            md.Append("| input | type | required | default | description |\n|---|---|---|---|---|\n");
            foreach (var field in d.Inputs.Fields)
            {
                var type = ValueKindNames.Name(field.Shape.Kind) + (field.Shape.Allowed is { } allowed ? $" (`{string.Join("`, `", allowed)}`)" : "");
                var notes = d.ShellStringInputs.Contains(field.Name) ? " Shell string: untrusted values need `| shell.quote` (RB0307)." :
                    d.ArgvInputs.Contains(field.Name) ? " Argument vector: each element is one argument; no shell." : "";
                var fallback = field.Shape.Default is { } def ? $"`{Json.Compact(def)}`" : "";
                md.Append($"| `{field.Name}` | {type} | {(field.Required ? "yes" : "")} | {fallback} | {Cell(field.Shape.Description + notes)} |\n");
            }
            foreach (var group in d.Inputs.ExactlyOneOf)
            {
                md.Append($"\nExactly one of {string.Join(", ", group.Select(g => $"`{g}`"))}.\n");
            }
            if (d.Outputs.Count > 0)
            {
                md.Append("\n| output | type | description |\n|---|---|---|\n");
                foreach (var field in d.Outputs)
                {
                    md.Append($"| `{field.Name}` | {ValueKindNames.Name(field.Shape.Kind)} | {Cell(field.Shape.Description)} |\n");
                }
            }
            if (d.Example is { } example)
            {
                md.Append($"\nExample:\n\n```yaml\n{example.TrimEnd()}\n```\n");
            }
        }
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string Anchor(string name) => name.Replace(".", "", StringComparison.Ordinal);
}
