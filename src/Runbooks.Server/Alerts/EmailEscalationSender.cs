using System.Globalization;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Runbooks.Core;
using Runbooks.Storage.Alerts;

namespace Runbooks.Server.Alerts;

/// <summary>Mails an escalation (MailKit): the subject, then the details as plain text, one per line.</summary>
public sealed class EmailEscalationSender(EmailEscalationOptions options) : IEscalationSender
{
    /// <inheritdoc />
    public string Channel => "email";

    /// <inheritdoc />
    public async Task SendAsync(AlertEscalation escalation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var message = new MimeMessage { Subject = escalation.Subject };
        try
        {
            message.From.Add(MailboxAddress.Parse(options.From));
            foreach (var to in options.To)
            {
                message.To.Add(MailboxAddress.Parse(to));
            }
        }
        catch (ParseException ex)
        {
            throw new RunbooksException($"Runbooks:Alerts:Escalation:Email has an address that is not valid: {ex.Message}", ex);
        }
        message.Body = new TextPart("plain") { Text = Text(escalation) };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Timeout);
        using var client = new SmtpClient();
        try
        {
            var security = options.Security switch
            {
                "none" => SecureSocketOptions.None,
                "sslOnConnect" => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(options.Host, options.Port, security, limit.Token).ConfigureAwait(false);
            if (options.Username is { } user)
            {
                var password = options.PasswordVariable is { } variable ? Environment.GetEnvironmentVariable(variable) : null;
                await client.AuthenticateAsync(user, password ?? "", limit.Token).ConfigureAwait(false);
            }
            await client.SendAsync(message, limit.Token).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MailKit.CommandException or MailKit.ProtocolException or IOException or System.Net.Sockets.SocketException
            or AuthenticationException or SslHandshakeException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new RunbooksException($"the escalation e-mail via {options.Host}:{options.Port} failed: {ex.Message}", ex);
        }
    }

    private static string Text(AlertEscalation escalation)
    {
        var text = new StringBuilder().AppendLine(escalation.Subject).AppendLine();
        foreach (var (key, value) in escalation.Body)
        {
            text.Append(key).Append(": ").AppendLine(Show(value));
        }
        return text.AppendLine().Append(CultureInfo.InvariantCulture, $"escalation {escalation.Id}, written {Core.Alerts.IncomingAlert.Instant(escalation.CreatedAt)}").AppendLine().ToString();
    }

    private static string Show(object? value) => value switch
    {
        null => "-",
        string s => s,
        IEnumerable<KeyValuePair<string, object?>> map => string.Join(", ", map.Select(e => $"{e.Key}={Show(e.Value)}")),
        IEnumerable<object?> list => string.Join(", ", list.Select(Show)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
