namespace Runbooks.Core.Journal;

/// <summary>
/// What a run did before it stopped (crash, shutdown, suspension): every attempt and approval decision recorded so far.
/// A resumed run walks its steps again and asks this, step by step, whether the step already ended — so a step that
/// finished is never repeated, whichever worker resumes it.
/// </summary>
public sealed class RunHistory
{
    private readonly Dictionary<(string Target, string Path), PriorAttempt> _last = [];
    private readonly Dictionary<(string Target, string Path), int> _highest = [];
    private readonly Dictionary<(string Target, string Path), string> _skips = [];
    private readonly Dictionary<(string Target, string Path), DateTimeOffset> _first = [];

    /// <summary>An empty history: the run has not started a step yet.</summary>
    public static readonly RunHistory Empty = new([], [], [], []);

    /// <summary>Indexes the attempts (any order), the skips and the decisions.</summary>
    public RunHistory(IEnumerable<PriorAttempt> attempts, IEnumerable<(string Target, string StepPath, string Reason)> skips, IEnumerable<ApprovalDecision> decisions,
        IEnumerable<ApprovalRequest>? gates = null)
    {
        Gates = (gates ?? []).ToDictionary(g => g.StepPath, StringComparer.Ordinal);
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(skips);
        ArgumentNullException.ThrowIfNull(decisions);
        foreach (var (target, path, reason) in skips)
        {
            _skips.TryAdd((target, path), reason);
        }
        foreach (var attempt in attempts)
        {
            var key = (attempt.Target, attempt.StepPath);
            if (!_first.TryGetValue(key, out var first) || attempt.StartedAt < first)
            {
                _first[key] = attempt.StartedAt;
            }
            if (!_last.TryGetValue(key, out var known) || known.Attempt < attempt.Attempt)
            {
                _last[key] = attempt;
                _highest[key] = attempt.Attempt;
            }
        }
        Decisions = [.. decisions.OrderBy(d => d.At)];
    }

    /// <summary>Approval gates reached before, by step path (with when they were reached and time out).</summary>
    public IReadOnlyDictionary<string, ApprovalRequest> Gates { get; }

    /// <summary>Every approval decision, oldest first.</summary>
    public IReadOnlyList<ApprovalDecision> Decisions { get; }

    /// <summary>The newest attempt of a step on a target, or null when it never started there.</summary>
    public PriorAttempt? Last(string target, string stepPath) => _last.GetValueOrDefault((target, stepPath));

    /// <summary>The highest attempt number recorded for a step on a target (0 when none): new attempts number on from it.</summary>
    public int HighestAttempt(string target, string stepPath) => _highest.GetValueOrDefault((target, stepPath));

    /// <summary>When the first attempt of a step on a target started, or null when it never started.</summary>
    public DateTimeOffset? FirstStarted(string target, string stepPath) => _first.TryGetValue((target, stepPath), out var at) ? at : null;

    /// <summary>Why a step was skipped on a target before the stop, or null when it was not.</summary>
    public string? SkipReason(string target, string stepPath) => _skips.GetValueOrDefault((target, stepPath));

    /// <summary>Whether any attempt was recorded at all.</summary>
    public bool IsEmpty => _last.Count == 0;

    /// <summary>Attempts whose end was never recorded (the worker stopped while they ran).</summary>
    public IEnumerable<PriorAttempt> Unfinished => _last.Values.Where(a => a.Status is StepStatus.Running or StepStatus.Interrupted);
}
