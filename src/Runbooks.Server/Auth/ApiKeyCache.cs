using System.Collections.Concurrent;
using Runbooks.Storage.Keys;

namespace Runbooks.Server.Auth;

/// <summary>
/// Remembers verified keys for a few seconds so a burst of requests (an alert storm) costs one database read per key,
/// not one per request. A revoked key is therefore refused within <see cref="Lifetime"/>. Unknown keys are never
/// remembered: random guesses cannot fill the memory.
/// </summary>
internal sealed class ApiKeyCache(ApiKeyStore store, TimeProvider time)
{
    /// <summary>How long a verified key is trusted without asking the database again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (ApiKeyInfo Key, DateTimeOffset Until)> _verified = new(StringComparer.Ordinal);

    public async Task<ApiKeyInfo?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_verified.TryGetValue(presented, out var entry) && entry.Until > now)
        {
            return entry.Key;
        }
        var key = await store.VerifyAsync(presented, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            _verified.TryRemove(presented, out _);
            return null;
        }
        if (_verified.Count > 10_000)
        {
            _verified.Clear(); // bounded: only real keys get here, but never let it grow without end
        }
        _verified[presented] = (key, now + Lifetime);
        return key;
    }
}
