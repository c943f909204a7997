using System.Net.Http.Headers;

namespace Runbooks.Cli.Tests.TestSupport;

/// <summary>
/// The API keys the server fixtures make, one per role, with <c>runbooks keys create</c> (the key is printed once, on
/// stdout); each key's name is <c>&lt;role&gt;-key</c>, which is also who the journal says acted.
/// </summary>
internal static class RoleKeys
{
    public static readonly string[] Roles = ["viewer", "operator", "approver", "admin"];

    /// <summary>Creates the four keys in <paramref name="dir"/>'s journal; answers them by role name.</summary>
    public static async Task CreateAsync(TempWorkDir dir, IReadOnlyDictionary<string, string?> env, Dictionary<string, string> keys)
    {
        foreach (var role in Roles)
        {
            var created = await CliProcess.RunAsync(dir, env, "keys", "create", "--name", $"{role}-key", "--role", role);
            Assert.True(created.ExitCode == 0, created.ToString());
            keys[role] = created.StdoutLines.Single();
        }
    }

    /// <summary>A client of <paramref name="server"/> sending <paramref name="key"/> as a bearer token (null: no key).</summary>
    public static HttpClient Client(Uri server, string? key, TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = server, Timeout = timeout };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }
}
