using Runbooks.Core.Alerts;

namespace Runbooks.Storage.Alerts;

/// <summary>An alert as the journal holds it, with every decision made about it.</summary>
public sealed record StoredAlert
{
    /// <summary>Its number in the journal (increasing).</summary>
    public required long Seq { get; init; }

    /// <summary>When it was received.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The alert (values over a limit cut).</summary>
    public required IncomingAlert Alert { get; init; }

    /// <summary>Why it was rejected before matching (a limit, a bad value), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>The decisions, in the order made.</summary>
    public required IReadOnlyList<AlertDecision> Decisions { get; init; }

    /// <summary>The runs it started.</summary>
    public IReadOnlyList<string> StartedRunIds => [.. Decisions.Where(d => d.Kind == AlertDecisionKind.Started && d.RunId is not null).Select(d => d.RunId!)];
}
