namespace Runbooks.Storage.Keys;

/// <summary>An API key as stored: never its secret, only who it is and what it may do.</summary>
/// <param name="Id">The key's public id (the part after <c>rbk_</c> and before the secret).</param>
/// <param name="Name">Who or what uses it (unique), e.g. <c>alertmanager</c> or <c>alice</c>; approvals are recorded under it.</param>
/// <param name="Role">What it may do.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="RevokedAt">When it was revoked; a revoked key is refused.</param>
public sealed record ApiKeyInfo(string Id, string Name, ApiRole Role, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);
