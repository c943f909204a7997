using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Core.Inventory;
using Runbooks.Transports.Local;

namespace Runbooks.Transports.Ssh;

/// <summary>
/// Runs commands on one inventory host over SSH, on the host's shared <see cref="SshConnection"/> (opened at the
/// first command, reused by the rest, each command on its own channel, at most
/// <see cref="SshTransportOptions.MaxChannelsPerConnection"/> at once). Host keys fail closed: a key the
/// <see cref="HostKeyVerifier"/> does not trust ends the connection before authentication, and the run fails with the
/// verifier's message. On cancellation the remote command's process group is killed (TERM, then KILL after a second)
/// over a second channel before <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class SshExecutor : ITargetExecutor, IDisposable
{
    /// <summary>How long to wait for the killed command's channel to close before abandoning it.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);

    private readonly InventoryHost _host;
    private readonly SshConnection _connection;
    private readonly SemaphoreSlim _channels;

    public SshExecutor(TargetInfo target, SshConnection connection, int maxChannels)
    {
        Target = target;
        _connection = connection;
        _host = connection.Host;
        _channels = new SemaphoreSlim(maxChannels, maxChannels);
    }

    /// <inheritdoc />
    public TargetInfo Target { get; }

    /// <summary>How many SSH connections have been opened to this host (one, unless a connection dropped or idled out).</summary>
    public int Connections => _connection.Connections;

    /// <summary>Whether the host's connection is open now.</summary>
    public bool IsConnected => _connection.IsOpen;

    /// <inheritdoc />
    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Build (and validate) the text before connecting: a bad request never touches the network.
        var text = SshCommandText.Build(request, _host.Sudo);
        await _channels.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var client = await _connection.AcquireAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await RunOnAsync(client, text, request, cancellationToken).ConfigureAwait(false);
                return _host.Sudo && SudoRefusal.NeedsPassword(result)
                    ? throw new RunbooksException(SudoRefusal.Message(_host))
                    : result;
            }
            finally
            {
                _connection.Release();
            }
        }
        finally
        {
            _channels.Release();
        }
    }

    /// <summary>Releases the channel limit; the connection itself belongs to the factory.</summary>
    public void Dispose() => _channels.Dispose();

    private async Task<CommandResult> RunOnAsync(SshClient client, string text, CommandRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var command = client.CreateCommand(text, Encoding.UTF8);
        var pid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdout = new OutputPump(new StreamReader(command.OutputStream, Encoding.UTF8), "stdout", request.MaxOutputBytes, request.OnOutput);
        var stderr = new OutputPump(new StreamReader(command.ExtendedOutputStream, Encoding.UTF8), "stderr", request.MaxOutputBytes, request.OnOutput);
        Task execution;
        try
        {
            execution = command.ExecuteAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is SshException or SocketException or ObjectDisposedException)
        {
            throw new RunbooksException($"cannot start a command on host '{_host.Name}': {ex.Message}", ex);
        }
        // SSH.NET's channel streams only read synchronously: each pump gets a thread of its own (see DedicatedThread).
        var pumps = Task.WhenAll(
            DedicatedThread.Run(() =>
            {
                pid.TrySetResult(ReadPid(command.OutputStream));
                stdout.Run();
            }),
            DedicatedThread.Run(stderr.Run));
        try
        {
            // The PID line proves the command has started: EOF on stdin sent before the exec request is processed
            // is lost, and a command reading stdin would then wait forever.
            await pid.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            await WriteStdinAsync(command, request.Stdin, cancellationToken).ConfigureAwait(false);
            await execution.WaitAsync(cancellationToken).ConfigureAwait(false);
            await pumps.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await KillAsync(client, command, pid.Task, execution).ConfigureAwait(false);
            throw new OperationCanceledException(
                $"the command on host '{_host.Name}' was cancelled and its process group killed", null, cancellationToken);
        }
        catch (Exception ex) when (ex is SshException or SocketException or ObjectDisposedException)
        {
            throw ConnectionLost(ex.Message, ex);
        }
        if (command.ExitStatus is null && command.ExitSignal is null)
        {
            // The channel closed without an exit status or signal: the session went away under the command.
            throw ConnectionLost("the channel closed without an exit status", null);
        }
        return new CommandResult
        {
            // No exit status means the command died by a signal; report it the way a shell does (128 + signal).
            ExitCode = command.ExitStatus ?? 128 + SignalNumber(command.ExitSignal),
            Stdout = stdout.Text,
            Stderr = stderr.Text,
            Duration = Stopwatch.GetElapsedTime(started),
        };
    }

    private ConnectionLostException ConnectionLost(string cause, Exception? inner) => new(
        $"the connection to host '{_host.Name}' was lost while a command ran ({cause}); the command's outcome is unknown: it may or may not have done its work", inner);

    private static async Task WriteStdinAsync(SshCommand command, string? stdin, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(stdin))
        {
            return; // the command line redirects stdin from /dev/null
        }
        try
        {
            // Disposing the input stream sends EOF; without it a command reading stdin would wait forever.
            using var input = command.CreateInputStream();
            await input.WriteAsync(Encoding.UTF8.GetBytes(stdin), cancellationToken).ConfigureAwait(false);
            await input.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or SshException or ObjectDisposedException)
        {
            // The command ended before it read its input (a failed cd, a script that exits at once): what a local
            // process sees as a broken pipe. How it ended — or that the connection dropped — is what the caller
            // reads from the command itself next.
        }
    }

    /// <summary>Reads the first stdout line (the PID report) byte by byte, so nothing after it is consumed.</summary>
    private static int ReadPid(Stream stdout)
    {
        var line = new StringBuilder();
        int b;
        while ((b = stdout.ReadByte()) >= 0 && b != '\n')
        {
            line.Append((char)b);
        }
        var text = line.ToString();
        return text.StartsWith(SshCommandText.PidMarker, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(SshCommandText.PidMarker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : 0;
    }

    private async Task KillAsync(SshClient client, SshCommand command, Task<int> pidTask, Task execution)
    {
        // The PID line is the first thing the remote shell prints; if it has not arrived yet, give it a moment.
        var pid = await pidTask.WaitAsync(KillGrace).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : 0, TaskScheduler.Default).ConfigureAwait(false);
        if (pid > 1 && client.IsConnected)
        {
            try
            {
                using var kill = client.CreateCommand(SshCommandText.Kill(pid, _host.Sudo));
                await kill.ExecuteAsync(CancellationToken.None).WaitAsync(KillGrace).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SshException or SocketException or TimeoutException or ObjectDisposedException)
            {
                // Fall through to the channel signal below; the cancellation itself is what the caller must see.
            }
        }
        try
        {
            if (!execution.IsCompleted)
            {
                command.CancelAsync(forceKill: true);
            }
            await execution.WaitAsync(KillGrace).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SshException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            // The command is gone or abandoned; either way nothing more can be done over this channel.
        }
    }

    private static int SignalNumber(string? signal) => signal switch
    {
        "HUP" => 1,
        "INT" => 2,
        "QUIT" => 3,
        "ABRT" => 6,
        "KILL" => 9,
        "SEGV" => 11,
        "PIPE" => 13,
        "ALRM" => 14,
        "TERM" => 15,
        _ => -128 - 1, // unknown: exit code -1
    };
}
