namespace Runbooks.Core.Alerts;

/// <summary>One notification (an Alertmanager webhook call, a JSON webhook call) with its alerts.</summary>
/// <param name="Source"><c>alertmanager</c> or <c>webhook</c>.</param>
/// <param name="Receiver">The receiver or webhook name, or null.</param>
/// <param name="GroupKey">Alertmanager's group key, or null.</param>
/// <param name="Alerts">The alerts, in the order sent.</param>
public sealed record AlertNotification(string Source, string? Receiver, string? GroupKey, IReadOnlyList<ReceivedAlert> Alerts);
