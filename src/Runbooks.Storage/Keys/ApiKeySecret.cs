using System.Security.Cryptography;
using System.Text;

namespace Runbooks.Storage.Keys;

/// <summary>
/// The text of an API key, <c>rbk_&lt;id&gt;_&lt;secret&gt;</c>: the id finds the row, the secret (256 random bits) is
/// checked against its SHA-256. A plain hash is the right tool here: the secret is random, not a password a person
/// chose, so there is nothing for a slow hash to protect against and every request stays fast.
/// </summary>
internal static class ApiKeySecret
{
    private const string Prefix = "rbk_";

    /// <summary>A new key: its id, the full text given to the user once, and the hash that is stored.</summary>
    public static (string Id, string Text, string Hash) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}{id}_{secret}", Hash(secret));
    }

    /// <summary>Splits a presented key into id and secret; false when it is not shaped like one.</summary>
    public static bool TryParse(string text, out string id, out string secret)
    {
        (id, secret) = ("", "");
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length > 200)
        {
            return false;
        }
        var rest = text.AsSpan(Prefix.Length);
        var split = rest.IndexOf('_');
        if (split != 12)
        {
            return false;
        }
        (id, secret) = (rest[..split].ToString(), rest[(split + 1)..].ToString());
        return secret.Length > 0;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares hashes in constant time, so the time taken says nothing about how much matched.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
