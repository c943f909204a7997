using Runbooks.Core.Journal;
using Runbooks.Core.Secrets;

namespace Runbooks.Core.Tests.Engine;

public sealed class SecretsTests
{
    private const string Token = "tok-9f8e7d6c5b";

    [Fact]
    public async Task RunAsync_SecretParameterEchoed_MaskedInResultJournalAndLogs()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: secret
            parameters: { token: { type: secret, required: true } }
            steps:
              - id: leak
                action: shell
                with: { argv: [sh, -c, "echo token=$1; echo also $1 >&2; exit 1", sh, "{{ params.token }}"] }
            """, new Dictionary<string, object?> { ["token"] = Token });
        var step = Assert.Single(result.Steps);
        Assert.Equal("token=***\n", step.Stdout);
        Assert.DoesNotContain(Token, step.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, Serialize(h.Journal.Entries), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, h.Events.Text(), StringComparison.Ordinal);
        Assert.Equal("***", h.Journal.Entries[0].Run!.Parameters["token"]);
    }

    [Fact]
    public async Task RunAsync_SecretFromProvider_MaskedInOutputs()
    {
        using var h = new EngineHarness(secrets: new FixedSecrets(("api_key", Token)));
        var result = await h.RunAsync("""
            name: secret
            steps:
              - { id: use, action: set, with: { values: { header: "Bearer {{ secrets.api_key }}" } } }
            outputs: { header: "{{ steps.use.outputs.header }}" }
            """);
        Assert.Equal("Bearer ***", result.Outputs["header"]);
        Assert.DoesNotContain(Token, h.Events.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SecretMissing_RefusesToStartAndSaysWhereToSetIt()
    {
        using var h = new EngineHarness(secrets: new FixedSecrets());
        var ex = await Assert.ThrowsAsync<RunbooksException>(() => h.RunAsync("""
            name: needs-secret
            steps:
              - { id: use, action: set, with: { values: { v: "{{ secrets.oncall_webhook }}" } } }
            """));
        Assert.Equal($"'needs-secret' needs secrets that are not set, so it did not start:{Environment.NewLine}  secrets.oncall_webhook: set it", ex.Message);
        Assert.Empty(h.Journal.Entries);
    }

    private static string Serialize(IReadOnlyList<JournalEntry> entries) => System.Text.Json.JsonSerializer.Serialize(entries);

    private sealed class FixedSecrets(params (string Name, string Value)[] secrets) : ISecretProvider
    {
        public bool TryGet(string name, out string value)
        {
            value = secrets.FirstOrDefault(s => s.Name == name).Value ?? "";
            return value.Length > 0;
        }

        public string Describe(string name) => "set it";
    }
}
