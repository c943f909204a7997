namespace Runbooks.Cli.Reports;

/// <summary>
/// One check on one host: the last attempt of an <c>audit.check</c> step there (a forEach iteration is a step of its
/// own). <see cref="Result"/> is <c>pass</c>, <c>fail</c>, or <c>error</c> when the check could not be judged (the
/// step failed before a verdict: bad regex, a value of the wrong type, an input that did not render).
/// </summary>
internal sealed record AuditFinding
{
    public required string Target { get; init; }

    public required string StepPath { get; init; }

    public required string Check { get; init; }

    public required string Result { get; init; }

    /// <summary>info … critical; null for an error (no severity was recorded).</summary>
    public string? Severity { get; init; }

    public object? Actual { get; init; }

    public object? Expected { get; init; }

    public string? Operator { get; init; }

    /// <summary>What was expected, as a phrase: <c>&lt;= 85</c>, <c>one of [no, prohibit-password]</c>.</summary>
    public required string Criterion { get; init; }

    public string? Remediation { get; init; }

    /// <summary>Why the check could not be judged; null for pass and fail.</summary>
    public string? Error { get; init; }

    /// <summary>Where it came from: the run itself, or a sub-runbook run it started.</summary>
    public required string RunId { get; init; }

    /// <summary>Position in the run (start order), to keep the checks of a host in the order the runbook has them.</summary>
    internal int Order { get; init; }

    public bool Passed => Result == AuditReport.Pass;
}
