namespace Runbooks.Testing.Alertmanager;

/// <summary>
/// Webhook payloads captured from the real Alertmanager (0.25.0, Debian) by the fixture's own tests, byte for byte as
/// it sent them plus a final newline, for parser tests: one firing alert, the same alert resolved, and one notification
/// that groups two alerts. They are copied next to the test assembly (<c>Alertmanager/Samples/*.json</c>). Each came
/// with <c>Content-Type: application/json</c> and <c>User-Agent: Alertmanager/0.25.0</c>.
/// </summary>
public static class AlertmanagerSamples
{
    /// <summary>A firing <c>NginxDown</c> alert for <c>web1</c> with a summary annotation and a generator URL.</summary>
    public const string Firing = "firing.json";

    /// <summary>The same alert (same fingerprint and startsAt) resolved: <c>status: resolved</c>, a real <c>endsAt</c>.</summary>
    public const string Resolved = "resolved.json";

    /// <summary>One firing notification for the group <c>alertname=DiskFull</c> holding two alerts (hosts web1 and web2).</summary>
    public const string Grouped = "grouped.json";

    /// <summary>The full path of a sample in the test output.</summary>
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Alertmanager", "Samples", name);

    /// <summary>A sample's text.</summary>
    public static string Read(string name) => File.ReadAllText(PathOf(name));
}
