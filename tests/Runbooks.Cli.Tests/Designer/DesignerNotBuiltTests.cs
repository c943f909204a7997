using System.Net;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Cli.Tests.Workers;

namespace Runbooks.Cli.Tests.Designer;

/// <summary>A server built without the designer (<c>-p:RunbooksDesigner=false</c>, here an empty DesignerRoot): <c>/</c> says how to build it, the API works.</summary>
public sealed class DesignerNotBuiltTests
{
    [Fact]
    public async Task Root_NoDesignerBuilt_Answers404PlainTextSayingHowToBuildItAndTheApiStillWorks()
    {
        using var dir = new TempWorkDir();
        Directory.CreateDirectory(dir["workflows"]);
        Directory.CreateDirectory(dir["empty-wwwroot"]);
        var env = new Dictionary<string, string?> { ["Runbooks__Server__DesignerRoot"] = dir["empty-wwwroot"] };
        var key = (await CliProcess.RunAsync(dir, env, "keys", "create", "--name", "viewer-key", "--role", "viewer")).StdoutLines.Single();
        using var serve = await ServeProcess.StartAsync(dir, env, dir["workflows"], workers: 1);
        using var client = new HttpClient { BaseAddress = serve.Api };

        var root = await client.GetAsync("/runbooks/restart-nginx");
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me") { Headers = { Authorization = new("Bearer", key) } };
        var api = await client.SendAsync(me);

        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        Assert.Equal("text/plain", root.Content.Headers.ContentType?.MediaType);
        var text = await root.Content.ReadAsStringAsync();
        Assert.StartsWith($"The Runbooks designer is not part of this build of the server (there is no index.html in {dir["empty-wwwroot"]}).", text, StringComparison.Ordinal);
        Assert.Contains("apt-get install nodejs npm", text, StringComparison.Ordinal);
        Assert.Contains("-p:RunbooksDesigner=false", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("ok\n", await client.GetStringAsync("/healthz"));
        await serve.TerminateAsync();
    }
}
