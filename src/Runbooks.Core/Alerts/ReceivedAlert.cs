namespace Runbooks.Core.Alerts;

/// <summary>
/// One alert of a notification as parsed: the alert (values over a limit cut, so it can be stored and shown) and,
/// when it broke a rule, why — such an alert is recorded with a <c>rejected</c> decision and starts nothing.
/// </summary>
/// <param name="Alert">The alert.</param>
/// <param name="Problem">What is wrong with it, or null when it may be matched.</param>
public sealed record ReceivedAlert(IncomingAlert Alert, string? Problem);
