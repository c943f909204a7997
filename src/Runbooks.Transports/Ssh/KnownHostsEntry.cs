using System.Security.Cryptography;
using System.Text;

namespace Runbooks.Transports.Ssh;

/// <summary>
/// One line of an OpenSSH known_hosts file: plain host patterns (<c>web-1,10.0.0.5</c>, <c>[web-1]:2222</c>,
/// wildcards, <c>!negation</c>) or a hashed name (<c>|1|salt|hash</c>, written by <c>ssh-keygen -H</c>), an optional
/// <c>@revoked</c> or <c>@cert-authority</c> marker, the key type and the key.
/// </summary>
internal sealed record KnownHostsEntry(string? Marker, string Hosts, string KeyType, byte[] Key, int Line)
{
    /// <summary>Whether this line names the host, given as OpenSSH looks it up: <c>name</c>, or <c>[name]:port</c> off port 22.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms",
        Justification = "OpenSSH's hashed known_hosts format is defined as HMAC-SHA1; it only hides host names, it does not authenticate anything.")]
    public bool Matches(string lookupName)
    {
        if (Hosts.StartsWith("|1|", StringComparison.Ordinal))
        {
            var parts = Hosts.Split('|');
            if (parts.Length != 4)
            {
                return false;
            }
            try
            {
                var salt = Convert.FromBase64String(parts[2]);
                var expected = Convert.FromBase64String(parts[3]);
                return CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(lookupName)), expected);
            }
            catch (FormatException)
            {
                return false;
            }
        }
        var matched = false;
        foreach (var pattern in Hosts.Split(','))
        {
            var negated = pattern.StartsWith('!');
            if (Glob(negated ? pattern[1..] : pattern, lookupName))
            {
                if (negated)
                {
                    return false; // a negated match excludes the host from the whole line
                }
                matched = true;
            }
        }
        return matched;
    }

    private static bool Glob(string pattern, string text)
    {
        // OpenSSH patterns: '*' any run, '?' any one character, compared case-insensitively.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
