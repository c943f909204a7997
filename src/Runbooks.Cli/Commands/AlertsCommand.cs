using System.CommandLine;
using Runbooks.Cli.Output;
using Runbooks.Core.Alerts;
using Runbooks.Storage.Alerts;

namespace Runbooks.Cli.Commands;

/// <summary>
/// <c>runbooks alerts list|decisions|breakers|reset</c>: what alert intake received and decided (from the journal), the
/// open circuit breakers and needs-human marks, and the reset that lets automatic runs go on.
/// </summary>
internal static class AlertsCommand
{
    public static Command Create()
    {
        var command = new Command("alerts", "Alerts received and decided, circuit breakers, needs-human marks, and resetting them");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateDecisions());
        command.Subcommands.Add(CreateBreakers());
        command.Subcommands.Add(CreateReset());
        return command;
    }

    private static Command CreateList()
    {
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many alerts (1–1000)", DefaultValueFactory = _ => 20 };
        var config = CommonOptions.Config();
        var command = new Command("list", "Alerts received, newest first, with every decision") { limit, config };
        command.SetAction((parse, token) => RunsCommand.WithStoreAsync(parse.GetValue(config), async journal =>
        {
            await using var store = new AlertStore(journal);
            var alerts = await store.Queries.ListAlertsAsync(new AlertQuery { Limit = Math.Clamp(parse.GetValue(limit), 1, 1000) }, token);
            Console.Out.WriteLine(Json.Write(alerts));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateDecisions()
    {
        var kind = new Option<string?>("--kind") { Description = "Only this kind: " + string.Join(", ", AlertDecisionKinds.All.Select(AlertDecisionKinds.Text)) };
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many (1–1000)", DefaultValueFactory = _ => 50 };
        var config = CommonOptions.Config();
        var command = new Command("decisions", "Alert decisions, newest first: started, duplicate, cooldown, breakerOpen … with their reasons") { kind, limit, config };
        command.SetAction((parse, token) =>
        {
            AlertDecisionKind? parsed = null;
            if (parse.GetValue(kind) is { } text && (parsed = AlertDecisionKinds.Parse(text)) is null)
            {
                Console.Error.WriteLine($"error: --kind: '{text}' is not a decision kind; allowed: {string.Join(", ", AlertDecisionKinds.All.Select(AlertDecisionKinds.Text))}");
                return Task.FromResult(ExitCodes.Usage);
            }
            return RunsCommand.WithStoreAsync(parse.GetValue(config), async journal =>
            {
                await using var store = new AlertStore(journal);
                var decisions = await store.Queries.ListDecisionsAsync(new AlertDecisionQuery { Kind = parsed, Limit = Math.Clamp(parse.GetValue(limit), 1, 1000) }, token);
                foreach (var d in decisions)
                {
                    Console.Out.WriteLine($"{d.Decision.At:u}  {AlertDecisionKinds.Text(d.Decision.Kind),-13} {d.Decision.Runbook ?? "-",-28} {d.Fingerprint}  {d.Decision.Reason}");
                }
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command CreateBreakers()
    {
        var all = new Option<bool>("--all") { Description = "Include breakers and marks already reset" };
        var config = CommonOptions.Config();
        var command = new Command("breakers", "Open circuit breakers and targets marked needs-human") { all, config };
        command.SetAction((parse, token) => RunsCommand.WithStoreAsync(parse.GetValue(config), async journal =>
        {
            await using var store = new AlertStore(journal);
            Console.Out.WriteLine(Json.Write(new
            {
                breakers = await store.Queries.ListBreakersAsync(parse.GetValue(all), token),
                needsHuman = await store.Queries.ListNeedsHumanAsync(parse.GetValue(all), token),
            }));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateReset()
    {
        var key = new Argument<string>("target-or-fingerprint") { Description = "A target marked needs-human, or an alert fingerprint whose breaker is open" };
        var comment = new Option<string>("--comment") { Description = "Why automatic runs may go on (recorded)", Required = true };
        var config = CommonOptions.Config();
        var command = new Command("reset", "Close a breaker and clear a needs-human mark: automatic remediation starts again") { key, comment, config };
        command.SetAction((parse, token) => RunsCommand.WithStoreAsync(parse.GetValue(config), async journal =>
        {
            await using var store = new AlertStore(journal);
            var reset = await store.ResetAsync(parse.GetValue(key)!, "cli:" + Environment.UserName, parse.GetValue(comment)!, token);
            Console.Out.WriteLine(Json.Write(reset));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
