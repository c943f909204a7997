using Runbooks.Server.Http;
using Runbooks.Storage;

namespace Runbooks.Server.Api;

/// <summary>What the endpoints share: the setup the server was started with and the runbooks folder.</summary>
internal sealed class ServerContext(ServerSetup setup) : IDisposable
{
    public ServerSetup Setup { get; } = setup;
    public JournalStore Store => Setup.Store;
    public RunbookFolder Folder { get; } = new(setup.Workflows, setup.Loader);
    public Serilog.ILogger Log => Setup.Log;
    public TimeProvider Time => Setup.Time;

    public void Dispose() => Folder.Dispose();
}
