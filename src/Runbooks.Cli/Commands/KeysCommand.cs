using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;
using Runbooks.Core;
using Runbooks.Storage.Keys;

namespace Runbooks.Cli.Commands;

/// <summary>
/// <c>runbooks keys create|list|revoke</c>: the server's API keys, in the journal database. Whoever can run this command
/// on the journal is trusted (it is how the first admin key is made); the key's text is printed once and never stored.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "API keys of the server: create (printed once), list, revoke");
        command.Subcommands.Add(CreateCreate());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRevoke());
        return command;
    }

    private static Command CreateCreate()
    {
        var name = new Option<string>("--name") { Description = "Who or what uses the key (approvals are recorded under it), e.g. alice or alertmanager", Required = true };
        var role = new Option<string>("--role") { Description = "viewer, operator, approver or admin (each includes the ones before it)", Required = true };
        var config = CommonOptions.Config();
        var command = new Command("create", "Create an API key and print it (only now: it is stored hashed)") { name, role, config };
        command.SetAction(async (parse, token) =>
        {
            if (ApiKeyStore.ParseRole(parse.GetValue(role)!) is not { } parsed)
            {
                Console.Error.WriteLine($"error: --role: '{parse.GetValue(role)}' is not a role; allowed: viewer, operator, approver, admin");
                return ExitCodes.Usage;
            }
            using var host = new CliHost(parse.GetValue(config));
            try
            {
                await using var store = await host.OpenStoreAsync(token);
                var (key, text) = await store.Keys.CreateAsync(parse.GetValue(name)!, parsed, "cli:" + Environment.UserName, DateTimeOffset.UtcNow, token);
                Console.Out.WriteLine(text);
                Console.Error.WriteLine($"created key {key.Id} for {key.Name} ({ApiKeyStore.RoleText(key.Role)}); it is shown only now: send it as 'Authorization: Bearer <key>'");
                return ExitCodes.Ok;
            }
            catch (RunbooksException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static Command CreateList()
    {
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var command = new Command("list", "List API keys (never their secrets), revoked ones included") { output, config };
        command.SetAction(async (parse, token) =>
        {
            using var host = new CliHost(parse.GetValue(config));
            await using var store = await host.OpenStoreAsync(token);
            var keys = await store.Keys.ListAsync(token);
            if (parse.GetValue(output) == "json")
            {
                Console.Out.WriteLine(Json.Write(keys));
                return ExitCodes.Ok;
            }
            foreach (var key in keys)
            {
                Console.Out.WriteLine($"{key.Id}  {key.Name,-20} {ApiKeyStore.RoleText(key.Role),-8}  created {key.CreatedAt:u} by {key.CreatedBy}" +
                    (key.RevokedAt is { } at ? $"  REVOKED {at:u}" : ""));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateRevoke()
    {
        var key = new Argument<string>("name-or-id") { Description = "The key's name or id" };
        var config = CommonOptions.Config();
        var command = new Command("revoke", "Revoke an API key: every server refuses it within seconds") { key, config };
        command.SetAction(async (parse, token) =>
        {
            using var host = new CliHost(parse.GetValue(config));
            await using var store = await host.OpenStoreAsync(token);
            if (!await store.Keys.RevokeAsync(parse.GetValue(key)!, DateTimeOffset.UtcNow, token))
            {
                Console.Error.WriteLine($"error: there is no key {parse.GetValue(key)} that is not revoked (runbooks keys list shows them)");
                return ExitCodes.Failed;
            }
            Console.Error.WriteLine($"revoked {parse.GetValue(key)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
