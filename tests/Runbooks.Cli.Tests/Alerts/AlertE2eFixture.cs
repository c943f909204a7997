using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Cli.Tests.Workers;
using Runbooks.Testing.Fakes;
using Runbooks.Testing.Http;
using Runbooks.Testing.Ssh;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>
/// Everything the end-to-end alert tests share, started once: four real sshd hosts (<c>web-1</c> … <c>web-4</c>, fake
/// <c>systemctl</c> and the recording fakes <c>record</c>, <c>record2</c>, <c>record3</c> on their PATH, one ledger), a
/// loopback HTTP server receiving escalations (<c>/escalations</c>), and one real <c>runbooks serve</c> (embedded default)
/// with its API on a free loopback port, an inventory of the four hosts and one API key per role. Each test class writes
/// its own runbooks into <see cref="Workflows"/>; alert intake sees a new file from the next notification on.
/// </summary>
public sealed class AlertE2eFixture : IAsyncLifetime
{
    /// <summary>The escalation receiver's path.</summary>
    public const string EscalationPath = "/escalations";

    private readonly Dictionary<string, string?> _env = new(StringComparer.Ordinal)
    {
        ["Runbooks__Workers__SweepIntervalSeconds"] = "0.5",
        ["Runbooks__Alerts__Escalation__RetrySeconds"] = "1",
        ["Runbooks__Alerts__Escalation__MaxRetrySeconds"] = "2",
    };

    private ServeProcess? _serve;
    private SshFleetFixture? _fleet;
    private LoopbackHttpServer? _escalations;

    internal TempWorkDir Dir { get; } = new();

    internal string Workflows => Dir["workflows"];

    internal IReadOnlyDictionary<string, string?> Env => _env;

    /// <summary>The sshd hosts web-1 … web-4 (their ledger records every fake-command call).</summary>
    public SshFleetFixture Fleet => _fleet ?? throw new InvalidOperationException("started in InitializeAsync");

    /// <summary>Where the server's escalation webhook posts.</summary>
    public LoopbackHttpServer Escalations => _escalations ?? throw new InvalidOperationException("started in InitializeAsync");

    /// <summary>Keys by role name (viewer, operator, approver, admin); each key's name is <c>&lt;role&gt;-key</c>.</summary>
    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);

    public Uri BaseAddress => _serve?.Api ?? throw new InvalidOperationException("started in InitializeAsync");

    /// <summary>The alert intake endpoint Alertmanager's webhook_config points at.</summary>
    public string AlertmanagerIntakeUrl => new Uri(BaseAddress, "/api/v1/alerts/alertmanager").ToString();

    /// <summary>The server's log so far, for failure messages.</summary>
    public string Log => _serve?.Stderr ?? "";

    public async Task InitializeAsync()
    {
        _fleet = await Task.Run(() => new SshFleetFixture());
        _fleet.AddFake("systemctl", ServiceFakes.Systemctl);
        foreach (var recorder in new[] { "record", "record2", "record3" })
        {
            _fleet.AddFake(recorder);
        }
        _escalations = LoopbackHttpServer.Start();
        _env["Runbooks__Alerts__Escalation__Webhook__Url"] = _escalations.Url(EscalationPath);
        Directory.CreateDirectory(Workflows);
        Dir.Write("inventory.yaml", _fleet.InventoryYaml());
        await RoleKeys.CreateAsync(Dir, _env, Keys);
        _serve = await ServeProcess.StartAsync(Dir, _env, Workflows, workers: 4);
    }

    /// <summary>Writes a runbook into the server's folder; returns its path.</summary>
    internal string WriteRunbook(string fileName, string yaml) => Dir.Write(Path.Combine("workflows", fileName), yaml);

    /// <summary>The API with <paramref name="role"/>'s key (null: no key).</summary>
    internal AlertApi Api(string? role = "operator") => new(Client(role), () => Log);

    /// <summary>A client with <paramref name="role"/>'s key as a bearer token (null: no key).</summary>
    public HttpClient Client(string? role) => RoleKeys.Client(BaseAddress, role is null ? null : Keys[role], TimeSpan.FromSeconds(120));

    /// <summary>The escalations received so far, by kind (<c>breakerTripped</c>, <c>remediationFailed</c>).</summary>
    public IReadOnlyList<(string Kind, string Body)> EscalationsReceived() =>
        [.. Escalations.Requests.Where(r => r.Method == "POST" && r.Path == EscalationPath)
            .Select(r => (System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("kind").GetString()!, r.Body))];

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.TerminateAsync();
            _serve.Dispose();
        }
        if (_escalations is not null)
        {
            await _escalations.DisposeAsync();
        }
        _fleet?.Dispose();
        Dir.Dispose();
    }
}
