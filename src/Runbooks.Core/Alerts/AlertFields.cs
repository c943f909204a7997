namespace Runbooks.Core.Alerts;

/// <summary>What templates can read of an alert as <c>alert.&lt;field&gt;</c> (see <see cref="IncomingAlert.ToTemplateData"/>).</summary>
public static class AlertFields
{
    /// <summary>The fields, in the order docs list them.</summary>
    public static readonly IReadOnlyList<string> All =
        ["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint", "receiver", "source"];
}
