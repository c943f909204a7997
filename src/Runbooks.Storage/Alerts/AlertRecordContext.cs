namespace Runbooks.Storage.Alerts;

/// <summary>What one alert's decisions need besides the alert: the time, where runs go, who escalates.</summary>
internal sealed record AlertRecordContext(
    DateTimeOffset Now,
    string Queue,
    TimeSpan QueueGrace,
    IReadOnlyList<string> Channels,
    int TriggersChecked,
    int RunbooksChecked,
    string? GroupKey);
