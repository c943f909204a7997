namespace Runbooks.Storage.Alerts;

/// <summary>What a reset closed, recorded with who did it and why.</summary>
/// <param name="At">When.</param>
/// <param name="Key">The target or fingerprint reset.</param>
/// <param name="By">Who.</param>
/// <param name="Comment">Why.</param>
/// <param name="Breakers">The breakers closed.</param>
/// <param name="NeedsHuman">The needs-human marks closed.</param>
public sealed record AlertReset(DateTimeOffset At, string Key, string By, string Comment, IReadOnlyList<AlertBreaker> Breakers, IReadOnlyList<NeedsHumanMark> NeedsHuman);
