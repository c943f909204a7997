using System.CommandLine;
using System.Text;
using Runbooks.Cli.Reports;
using Runbooks.Storage;

namespace Runbooks.Cli.Commands;

/// <summary>
/// <c>runbooks report &lt;run-id&gt;</c>: the compliance report of an audit run, read from the journal — every
/// <c>audit.check</c> finding per host — as text, Markdown, JSON or CSV. Exits 0 only when every check passed on every
/// target, so a script can gate on it.
/// </summary>
internal static class ReportCommand
{
    private static readonly string[] Formats = ["text", "markdown", "json", "csv"];

    // Sub-runbooks nest at most 8 deep; the bound also keeps a damaged journal (a run listing itself) from looping.
    private const int MaxDepth = 8;

    public static Command Create()
    {
        var id = new Argument<string>("run-id") { Description = "The run's id (as runbooks run and runs list print it)" };
        var format = new Option<string?>("--format", "-f")
        {
            Description = "Report format: text, markdown, json, csv (default: from the --output file's extension .md/.json/.csv, else text)",
        }.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of stdout" };
        var config = CommonOptions.Config();
        var command = new Command("report", "Print the compliance report of an audit run (findings per host) as text, markdown, json or csv; exits 3 when a check failed")
        {
            id, format, output, config,
        };
        command.SetAction((parse, token) => RunsCommand.WithStoreAsync(parse.GetValue(config), async store =>
        {
            var runId = parse.GetValue(id)!;
            var document = await store.GetRunAsync(runId, token);
            if (document is null)
            {
                Console.Error.WriteLine($"error: there is no run {runId} in the journal at {store.Database.Location}; runbooks runs list shows the runs there");
                return ExitCodes.Failed;
            }
            var report = AuditReport.From(document, await ChildrenAsync(store, document, token));
            var file = parse.GetValue(output);
            var text = Render(report, parse.GetValue(format) ?? FormatOf(file));
            if (file is null)
            {
                Console.Out.Write(text);
            }
            else
            {
                await File.WriteAllTextAsync(file, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), token);
                Console.Out.WriteLine($"wrote {file}: {ReportCells.Verdict(report)}");
            }
            return report.Compliant ? ExitCodes.Ok : ExitCodes.NotCompliant;
        }));
        return command;
    }

    internal static string Render(AuditReport report, string format)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        switch (format)
        {
            case "markdown":
                MarkdownReport.Write(report, writer);
                break;
            case "json":
                JsonReport.Write(report, writer);
                break;
            case "csv":
                CsvReport.Write(report, writer);
                break;
            default:
                TextReport.Write(report, writer);
                break;
        }
        return writer.ToString();
    }

    private static string FormatOf(string? file) => Path.GetExtension(file ?? "").ToLowerInvariant() switch
    {
        ".md" or ".markdown" => "markdown",
        ".json" => "json",
        ".csv" => "csv",
        _ => "text",
    };

    private static async Task<IReadOnlyList<RunDocument>> ChildrenAsync(JournalStore store, RunDocument run, CancellationToken token)
    {
        var children = new List<RunDocument>();
        var level = run.ChildRunIds;
        for (var depth = 0; depth < MaxDepth && level.Count > 0; depth++)
        {
            var next = new List<string>();
            foreach (var childId in level)
            {
                if (await store.GetRunAsync(childId, token) is { } child)
                {
                    children.Add(child);
                    next.AddRange(child.ChildRunIds);
                }
            }
            level = next;
        }
        return children;
    }
}
