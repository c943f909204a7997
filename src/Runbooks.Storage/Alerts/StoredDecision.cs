using Runbooks.Core.Alerts;

namespace Runbooks.Storage.Alerts;

/// <summary>A decision as the journal holds it: which alert it is about, and the decision.</summary>
/// <param name="Seq">Its number (increasing).</param>
/// <param name="AlertSeq">The alert's <see cref="StoredAlert.Seq"/>.</param>
/// <param name="Fingerprint">The alert's fingerprint.</param>
/// <param name="Decision">The decision.</param>
public sealed record StoredDecision(long Seq, long AlertSeq, string Fingerprint, AlertDecision Decision);
