namespace Runbooks.AlertBench.Scenarios;

/// <summary>The ansible-playbook runs: milliseconds per run end to end and to the task's start, the load around them, the version.</summary>
internal sealed record AnsibleResult(IReadOnlyList<double> EndToEnd, IReadOnlyList<double> ToTask, double LoadStart, double LoadHighest, string Version);
