namespace Runbooks.Server.Api;

/// <summary>The body of <c>POST /api/v1/alerts/reset</c>: a target name or an alert fingerprint, and why.</summary>
internal sealed record ResetBody(string? Key, string? Comment);
