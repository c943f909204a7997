namespace Runbooks.AlertBench.Scenarios;

/// <summary>
/// The remediation every benchmark alert starts: one local <c>shell</c> step (argv <c>echo</c>), so neither SSH nor a
/// remote host is in the measurement. Cooldown off and a breaker budget above any storm: every alert has its own
/// fingerprint anyway, so each starts exactly one run.
/// </summary>
internal static class BenchRunbook
{
    public const string AlertName = "BenchAlert";

    public static string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "bench-alert.yaml"), $$"""
            name: bench-alert-echo
            description: Alert benchmark remediation; one local step.
            triggers:
              - alert:
                  match: { alertname: {{AlertName}} }
                  cooldown: 0s
                  maxRuns: { count: 1000, per: 1h }
            steps:
              - id: remediate
                action: shell
                with: { argv: [echo, remediated] }
            """);
        return directory;
    }
}
