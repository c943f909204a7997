using System.Diagnostics;
using System.Text.Json;
using Runbooks.Testing.Alertmanager;
using Runbooks.Testing.Http;

namespace Runbooks.Cli.Tests.Alertmanager;

/// <summary>Waits for the webhook notifications a real Alertmanager sends to a loopback server.</summary>
internal static class Notifications
{
    /// <summary>
    /// Set to a directory to save every payload a test names (firing.json…) there: how the samples in
    /// tests/Runbooks.Testing/Alertmanager/Samples were captured.
    /// </summary>
    public const string CaptureVariable = "RUNBOOKS_CAPTURE_ALERTMANAGER_SAMPLES";

    // Alertmanager notifies after group_wait (1 s) or the next group_interval (1 s); 30 s is for a loaded machine.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits until the server has received <paramref name="count"/> POSTs on <paramref name="path"/>; returns them.</summary>
    public static async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(LoopbackHttpServer server, AlertmanagerFixture alertmanager, string path, int count)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var received = server.Requests.Where(r => r.Method == "POST" && r.Path == path).ToList();
            if (received.Count >= count)
            {
                return received;
            }
            Assert.True(waited.Elapsed < Timeout,
                $"{received.Count} of {count} notifications on {path} within {Timeout.TotalSeconds} s; Alertmanager's log:\n{alertmanager.LogText}");
            await Task.Delay(50);
        }
    }

    /// <summary>The payload's JSON root.</summary>
    public static JsonElement Json(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.Clone();
    }

    /// <summary>Saves a payload as a sample when <see cref="CaptureVariable"/> is set.</summary>
    public static void Capture(string name, RecordedRequest request)
    {
        if (Environment.GetEnvironmentVariable(CaptureVariable) is { Length: > 0 } directory)
        {
            File.WriteAllText(Path.Combine(directory, name), request.Body + "\n");
        }
    }

    /// <summary>
    /// The property paths of a JSON value (<c>alerts[].labels</c>…), without label names or values: what a parser
    /// relies on, to compare a live payload with a stored sample.
    /// </summary>
    public static IReadOnlySet<string> Shape(JsonElement element)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Walk(element, "", paths);
        return paths;
    }

    private static void Walk(JsonElement element, string path, SortedSet<string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when path.EndsWith("labels", StringComparison.Ordinal) || path.EndsWith("Labels", StringComparison.Ordinal)
                || path.EndsWith("annotations", StringComparison.Ordinal) || path.EndsWith("Annotations", StringComparison.Ordinal):
                paths.Add(path + ":map");
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, paths);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path + "[]", paths);
                }
                break;
            default:
                paths.Add(path + ":" + element.ValueKind.ToString().ToLowerInvariant());
                break;
        }
    }
}
