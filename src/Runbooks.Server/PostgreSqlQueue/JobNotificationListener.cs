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

    private bool _failing;

    public void Execute(BackgroundProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            connection.Notification += (_, _) => notifications.Notify();
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
            while (!context.IsStopping)
            {
                connection.Wait(WaitSlice);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
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
