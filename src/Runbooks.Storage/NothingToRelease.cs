namespace Runbooks.Storage;

/// <summary>A handle whose release does nothing: what a provider returns where it needs no lock or listener.</summary>
internal sealed class NothingToRelease : IAsyncDisposable
{
    public static readonly NothingToRelease Instance = new();

    private NothingToRelease()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
