using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Core;
using Runbooks.Core.Validation;
using Runbooks.Transports.Ssh;

namespace Runbooks.Cli.Commands;

/// <summary>
/// <c>runbooks hosts trust &lt;host&gt;</c>: reads the key an inventory host presents, shows its fingerprint, and records
/// it in the inventory's known_hosts file only after the operator confirms it — interactively, or with
/// <c>--fingerprint</c> naming the expected key (checked out of band). There is no trust on first use.
/// </summary>
internal static class HostsCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = "An inventory host name" };
        var fingerprint = new Option<string?>("--fingerprint") { Description = "The fingerprint you expect (SHA256:…); required when there is no terminal to confirm on" };
        var file = new Option<string?>("--file", "-f") { Description = "The inventory file (default: Runbooks:Inventory from appsettings.json)" };
        var config = CommonOptions.Config();
        var trust = new Command("trust", "Show a host's SSH key fingerprint and record it in known_hosts after you confirm it") { host, fingerprint, file, config };
        trust.SetAction((parse, ct) => TrustAsync(parse.GetValue(host)!, parse.GetValue(fingerprint), parse.GetValue(file), parse.GetValue(config), ct));
        return new Command("hosts", "Manage what Runbooks knows about inventory hosts") { trust };
    }

    private static async Task<int> TrustAsync(string name, string? expected, string? file, string? config, CancellationToken cancellationToken)
    {
        using var cli = new CliHost(config);
        var (inventory, problems, path) = cli.LoadInventory(file);
        if (problems.Count > 0 || inventory is null)
        {
            Console.Error.WriteLine(problems.Count > 0
                ? $"error: the inventory {path} is invalid; run 'runbooks inventory' to see why"
                : "error: no inventory is configured; set Runbooks:Inventory in appsettings.json or pass --file");
            return problems.Count > 0 ? ExitCodes.Failed : ExitCodes.Usage;
        }
        if (inventory.Host(name) is not { } host)
        {
            Console.Error.WriteLine($"error: host '{name}' is not in the inventory{Suggestions.Hint(name, inventory.Hosts.Select(h => h.Name))}");
            return ExitCodes.Usage;
        }
        ScannedHostKey key;
        try
        {
            key = (await HostKeyScanner.ScanAsync(host.Address, host.Port, TimeSpan.FromSeconds(10), cancellationToken))[0];
        }
        catch (RunbooksException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
        Console.Out.WriteLine($"{host.Name} ({host.Address}:{host.Port}) presents {key.KeyType} {key.Fingerprint}");
        if (expected is not null)
        {
            if (!string.Equals(expected, key.Fingerprint, StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"error: that is not the expected {expected}; nothing was recorded (the host may have been rebuilt, or someone is in between)");
                return ExitCodes.Failed;
            }
        }
        else if (Console.IsInputRedirected)
        {
            Console.Error.WriteLine($"error: there is no terminal to confirm on; check the fingerprint out of band and run again with --fingerprint {key.Fingerprint}");
            return ExitCodes.Usage;
        }
        else
        {
            Console.Out.Write("Check it out of band (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the host). Trust it? Type yes: ");
            if (!string.Equals(Console.ReadLine()?.Trim(), "yes", StringComparison.Ordinal))
            {
                Console.Error.WriteLine("not trusted; nothing was recorded");
                return ExitCodes.Failed;
            }
        }
        if (inventory.KnownHostsFile is not { } knownHosts)
        {
            Console.Out.WriteLine($"The inventory names no knownHosts file: pin the key instead, under hosts.{host.Name} in {path}:");
            Console.Out.WriteLine($"  hostKeys: [\"{key.Fingerprint}\"]");
            return ExitCodes.Ok;
        }
        KnownHostsFile.Replace(knownHosts, host.Address, host.Port, key.KnownHostsLine);
        Console.Out.WriteLine($"recorded in {knownHosts} (any key recorded before for {host.Name} was replaced)");
        return ExitCodes.Ok;
    }
}
