using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Cli.Tests.Workers;
using Runbooks.Testing.Ssh;

namespace Runbooks.Cli.Tests.Designer;

/// <summary>
/// What the designer's end-to-end tests drive: one real sshd host (<c>web-1</c>, the recording fake <c>record</c> on its
/// PATH, so every command a run sends is in the ledger), and one real <c>runbooks serve</c> (embedded default) on a
/// free loopback port with an inventory of that host, its own runbooks folder and one API key per role.
/// </summary>
public sealed class DesignerE2eFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _env = new(StringComparer.Ordinal)
    {
        // Approval decisions wake a suspended run on the next sweep; a short one keeps the approval test quick.
        ["Runbooks__Workers__SweepIntervalSeconds"] = "0.5",
    };

    private ServeProcess? _serve;
    private SshFleetFixture? _fleet;

    internal TempWorkDir Dir { get; } = new();

    internal string Workflows => Dir["workflows"];

    /// <summary>The sshd host web-1; its ledger records every call of the fake <c>record</c>.</summary>
    public SshFleetFixture Fleet => _fleet ?? throw new InvalidOperationException("started in InitializeAsync");

    /// <summary>Keys by role name (viewer, operator, approver, admin); each key's name is <c>&lt;role&gt;-key</c>.</summary>
    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);

    public Uri BaseAddress => _serve?.Api ?? throw new InvalidOperationException("started in InitializeAsync");

    /// <summary>The server's log so far, for failure messages.</summary>
    public string Log => _serve?.Stderr ?? "";

    public async Task InitializeAsync()
    {
        _fleet = await Task.Run(() => SshFleetFixture.Start(1));
        _fleet.AddFake("record");
        Directory.CreateDirectory(Workflows);
        Dir.Write("inventory.yaml", _fleet.InventoryYaml());
        await RoleKeys.CreateAsync(Dir, _env, Keys);
        _serve = await ServeProcess.StartAsync(Dir, _env, Workflows, workers: 4);
    }

    /// <summary>Writes a runbook into the server's folder; returns its path.</summary>
    internal string WriteRunbook(string fileName, string yaml) => Dir.Write(Path.Combine("workflows", fileName), yaml);

    /// <summary>A client with <paramref name="role"/>'s key as a bearer token.</summary>
    public HttpClient Client(string role) => RoleKeys.Client(BaseAddress, Keys[role], TimeSpan.FromSeconds(120));

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.TerminateAsync();
            _serve.Dispose();
        }
        _fleet?.Dispose();
        Dir.Dispose();
    }
}
