using System.Net.Sockets;
using Hangfire.Server;
using Npgsql;
using Serilog;

namespace Runbooks.Server.PostgreSqlQueue;

/// <summary>
/// The one connection of a worker process that listens for <c>new_job</c> (sent with every job queued on
/// PostgreSQL, by any process) and wakes the process's waiting workers. It runs as a Hangfire background process, so it
/// lives exactly as long as the worker's Hangfire server. If the connection drops, workers poll every
/// <see cref="RunJobQueue.PollWhileDeaf"/> until it is back.
/// </summary>
internal sealed class JobNotificationListener(string connectionString, JobNotifications notifications, ILogger log) : IBackgroundProcess
{
    // How long one wait lasts before the listener checks whether the server is stopping. The wait is Npgsql's
    // synchronous one, timed by the socket: it has no cancellation to race with (see RunJobQueue).
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(1);

    // A connection whose server vanished without closing it (a host crash, a failover, a firewall's idle drop) times
    // out like a quiet one: after this long without a notification the listener asks the server something, and a
    // connection that does not answer is replaced.
    private static readonly TimeSpan ProbeAfterSilence = TimeSpan.FromSeconds(30);

    private bool _failing;

    public void Execute(BackgroundProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            var heardAt = Environment.TickCount64;
            connection.Notification += (_, _) =>
            {
                heardAt = Environment.TickCount64;
                notifications.Notify();
            };
            using (var listen = new NpgsqlCommand("LISTEN new_job", connection))
            {
                listen.ExecuteNonQuery();
            }
            notifications.SetListening(true);
            if (_failing)
            {
                log.Information("The job-notification connection to PostgreSQL is back; workers wake on new jobs again");
                _failing = false;
            }
            using var probe = new NpgsqlCommand("SELECT 1", connection);
            while (!context.IsStopping)
            {
                if (!connection.Wait(WaitSlice) && Environment.TickCount64 - heardAt > ProbeAfterSilence.TotalMilliseconds)
                {
                    probe.ExecuteScalar();
                    heardAt = Environment.TickCount64;
                }
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            // Workers switch to polling now, not after the pause below.
            notifications.SetListening(false);
            if (!_failing)
            {
                log.Warning("The job-notification connection to PostgreSQL failed ({Error}); workers poll for jobs every {Poll} until it is back",
                    ex.Message, RunJobQueue.PollWhileDeaf);
                _failing = true;
            }
            context.Wait(ReconnectAfter);
        }
        finally
        {
            notifications.SetListening(false);
        }
    }

    public override string ToString() => "job-notification listener";
}
