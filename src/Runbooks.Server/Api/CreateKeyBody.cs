namespace Runbooks.Server.Api;

/// <summary>The body of <c>POST /api/v1/keys</c>.</summary>
internal sealed record CreateKeyBody(string? Name, string? Role);
