using Microsoft.Extensions.Configuration;
using Runbooks.Core;

namespace Runbooks.Server.Alerts;

/// <summary>The e-mail channel (<c>Runbooks:Alerts:Escalation:Email</c>).</summary>
public sealed record EmailEscalationOptions
{
    /// <summary>The SMTP server.</summary>
    public required string Host { get; init; }

    /// <summary>Its port. Default 587 (25 when <see cref="Security"/> is <c>none</c>, 465 for <c>sslOnConnect</c>).</summary>
    public int Port { get; init; } = 587;

    /// <summary><c>startTls</c> (default: required), <c>sslOnConnect</c>, or <c>none</c> (only for a relay on the same host or network you trust).</summary>
    public string Security { get; init; } = "startTls";

    /// <summary>The sender address.</summary>
    public required string From { get; init; }

    /// <summary>The recipients.</summary>
    public required IReadOnlyList<string> To { get; init; }

    /// <summary>The SMTP user, or null for no authentication.</summary>
    public string? Username { get; init; }

    /// <summary>The environment variable holding the SMTP password (never the password itself in a settings file).</summary>
    public string? PasswordVariable { get; init; }

    /// <summary>How long one delivery may take. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    private static readonly string[] SecurityModes = ["startTls", "sslOnConnect", "none"];

    /// <summary>Reads the section; a bad value throws naming the key.</summary>
    public static EmailEscalationOptions Read(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var security = section["Security"] is { Length: > 0 } s ? s : "startTls";
        if (!SecurityModes.Contains(security, StringComparer.Ordinal))
        {
            throw new RunbooksException($"{section.Path}:Security is '{security}'; expected one of {string.Join(", ", SecurityModes)}");
        }
        var port = security switch { "none" => 25, "sslOnConnect" => 465, _ => 587 };
        if (section["Port"] is { Length: > 0 } portText && !(int.TryParse(portText, System.Globalization.CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536))
        {
            throw new RunbooksException($"{section.Path}:Port is '{portText}'; expected a port number from 1 to 65535");
        }
        var to = section.GetSection("To").GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0).ToList();
        if (to.Count == 0 && section["To"] is { Length: > 0 } single)
        {
            to = [.. single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        }
        return new EmailEscalationOptions
        {
            Host = section["Host"]!,
            Port = port,
            Security = security,
            From = section["From"] is { Length: > 0 } from ? from : throw new RunbooksException($"{section.Path}:From is missing; give the sender address, e.g. runbooks@example.com"),
            To = to.Count > 0 ? to : throw new RunbooksException($"{section.Path}:To is missing; give at least one recipient (a list, or addresses separated by commas)"),
            Username = section["Username"] is { Length: > 0 } user ? user : null,
            PasswordVariable = section["PasswordVariable"] is { Length: > 0 } variable ? variable : null,
            Timeout = EscalationOptions.Seconds(section, "TimeoutSeconds", TimeSpan.FromSeconds(30)),
        };
    }
}
