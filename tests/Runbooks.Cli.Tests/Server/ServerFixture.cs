using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Cli.Tests.Workers;

namespace Runbooks.Cli.Tests.Server;

/// <summary>
/// One real <c>runbooks serve</c> (embedded default: SQLite, Hangfire in memory) with its API on a free loopback port,
/// a runbooks folder of its own, and one API key per role made with <c>runbooks keys create</c>.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _env = new()
    {
        ["Runbooks__Workers__SweepIntervalSeconds"] = "0.5",
        ["RUNBOOKS_SECRET_API_TOKEN"] = SecretValue,
    };

    /// <summary>The server's inventory (<c>inventory.yaml</c> in its folder, the default setting): web-1 and web-2 in group web.</summary>
    public const string Inventory = "groups:\n  web: {}\nhosts:\n  web-1: { address: 127.0.0.1, port: 9, groups: [web] }\n  web-2: { address: 127.0.0.1, port: 9, groups: [web] }\n";

    /// <summary>The value of <c>secrets.api_token</c> on the server.</summary>
    public const string SecretValue = "hunter2-s3cr3t-value";
    private ServeProcess? _serve;

    internal TempWorkDir Dir { get; } = new();

    internal string Workflows => Dir["workflows"];

    internal IReadOnlyDictionary<string, string?> Env => _env;

    /// <summary>Keys by role name (viewer, operator, approver, admin); each key's name is <c>&lt;role&gt;-key</c>.</summary>
    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);

    public Uri BaseAddress => _serve?.Api ?? throw new InvalidOperationException("started in InitializeAsync");

    public string Log => _serve?.Stderr ?? "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Workflows);
        // Hosts for plans (a plan never connects: port 9 answers nothing); runbooks without targets still run locally.
        await File.WriteAllTextAsync(Dir["inventory.yaml"], Inventory);
        await RoleKeys.CreateAsync(Dir, _env, Keys);
        _serve = await ServeProcess.StartAsync(Dir, _env, Workflows, workers: 4);
    }

    /// <summary>A client with <paramref name="role"/>'s key (null: no key).</summary>
    public HttpClient Client(string? role) => RoleKeys.Client(BaseAddress, role is null ? null : Keys[role], TimeSpan.FromSeconds(100));

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.TerminateAsync();
            _serve.Dispose();
        }
        Dir.Dispose();
    }
}
