using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>
/// A tiny SMTP server on a free loopback port: a real socket speaking enough SMTP (EHLO, MAIL, RCPT, DATA, QUIT) for a
/// client to deliver, recording each message. <see cref="RejectRecipients"/> makes RCPT fail with 550.
/// </summary>
internal sealed class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SmtpMessage> _messages = new();
    private readonly Task _loop;

    public SmtpListener()
    {
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public bool RejectRecipients { get; set; }

    public IReadOnlyList<SmtpMessage> Messages => [.. _messages];

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost test SMTP");
            string? from = null;
            var to = new List<string>();
            try
            {
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO" or "HELO":
                            await writer.WriteLineAsync("250-localhost\r\n250 8BITMIME");
                            break;
                        case "MAIL":
                            from = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "RCPT" when RejectRecipients:
                            await writer.WriteLineAsync("550 5.1.1 no such user");
                            break;
                        case "RCPT":
                            to.Add(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                            var data = new StringBuilder();
                            while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                            {
                                data.AppendLine(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine);
                            }
                            _messages.Enqueue(new SmtpMessage(from ?? "", [.. to], data.ToString()));
                            await writer.WriteLineAsync("250 OK queued");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 OK");
                            break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}

/// <summary>A message the listener received.</summary>
internal sealed record SmtpMessage(string From, IReadOnlyList<string> To, string Data);
