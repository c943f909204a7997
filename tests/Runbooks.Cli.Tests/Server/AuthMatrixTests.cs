using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Runbooks.Cli.Tests.Server;

/// <summary>
/// Every route of the OpenAPI document (plus /metrics and the document itself) × no key, a forged key and each role:
/// below the route's role is 401 (no key) or 403, at or above it never is. The expected role follows one rule, so a
/// route added without the right requirement fails here.
/// </summary>
public sealed class AuthMatrixTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string[] Roles = ["viewer", "operator", "approver", "admin"];

    private static int? ExpectedRole(string method, string path) => path switch
    {
        "/healthz" or "/readyz" => null,
        _ when path.StartsWith("/api/v1/keys", StringComparison.Ordinal) || path == "/api/v1/alerts/reset" => 3,
        _ when path.EndsWith("/approve", StringComparison.Ordinal) || path.EndsWith("/reject", StringComparison.Ordinal) => 2,
        _ when method == "GET" || path == "/api/v1/runbooks/validate" => 0,
        _ => 1,
    };

    [Fact]
    public async Task EveryRoute_EachKey_GetsExactlyTheStatusItsRoleAllows()
    {
        using var viewer = server.Client("viewer");
        using var document = JsonDocument.Parse(await viewer.GetStringAsync("/openapi/v1.json"));
        var routes = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Method: op.Name.ToUpperInvariant(), Path: path.Name)))
            .Append(("GET", "/metrics")).Append(("GET", "/openapi/v1.json"))
            .ToList();
        Assert.True(routes.Count >= 25, $"the OpenAPI document lists only {routes.Count} routes");
        // The designer's routes: who the key is for every role, a plan (it resolves secrets) for operators and up.
        Assert.Contains(("GET", "/api/v1/me"), routes);
        Assert.Contains(("POST", "/api/v1/runbooks/plan"), routes);
        Assert.Equal((0, 1), (ExpectedRole("GET", "/api/v1/me"), ExpectedRole("POST", "/api/v1/runbooks/plan")));
        var failures = new List<string>();
        using var client = server.Client(null);
        foreach (var (method, template) in routes)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", "no-such-thing");
            var expected = ExpectedRole(method, template);
            foreach (var (label, key) in new (string, string?)[] { ("no key", null), ("forged key", "rbk_000000000000_forged") }
                .Concat(Roles.Select(r => (r, (string?)server.Keys[r]))))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }
                if (key is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                var status = (int)response.StatusCode;
                var rank = Array.IndexOf(Roles, label);
                var ok = expected switch
                {
                    null => status is 200 or 503,
                    _ when key is null || rank < 0 => status == 401,
                    _ when rank < expected => status == 403,
                    _ => status is not (401 or 403) and < 500,
                };
                if (!ok)
                {
                    failures.Add($"{method} {template} with {label}: {status}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + server.Log);
    }
}
