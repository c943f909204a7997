using System.Globalization;
using Runbooks.AlertBench.Harness;

namespace Runbooks.AlertBench.Scenarios;

/// <summary>The tables and the goals of issue 6 §6, from the measurements of one run.</summary>
internal static class AlertReport
{
    private const string Embedded = "embedded";

    public static Report Build(IReadOnlyList<Measurement> measurements, AnsibleResult? ansible)
    {
        var report = new Report();
        report.Section("Webhook received → first step started",
            "Per alert: the client's send (just before the POST) → the first step attempt's `started_at` in the journal, on the same machine clock; " +
            "\"from receipt\" starts at the server's `alerts.received_at` instead (after the body was read and parsed). Single alerts go one at a time: " +
            "each is sent once the run before it ended. The storm sends every alert as its own notification at an even pace without waiting for answers. " +
            "The cold-start rows are the first alerts a fresh `runbooks serve` handles (while .NET compiles the intake and job path); they are not in the other rows. " +
            "\"serve CPU\" is the CPU time the serve process and its steps' commands used during the part, per alert (PostgreSQL's own processes not counted).",
            ["backend", "part", "alerts", "p50 ms", "p99 ms", "max ms", "p50 from receipt", "p99 from receipt", "serve CPU ms/alert", "load (start–highest)"],
            measurements.Select(m => new[]
            {
                m.Backend, m.What, m.Samples.Count.ToString(CultureInfo.InvariantCulture), P(m, s => s.SendToStep, 50), P(m, s => s.SendToStep, 99),
                Report.F(m.Samples.Max(s => s.SendToStep)), P(m, s => s.ReceivedToStep, 50), P(m, s => s.ReceivedToStep, 99), Report.F(m.CpuMsPerAlert),
                MachineLoad.Span(m.LoadStart, m.LoadHighest),
            }),
            "Idle for 5 s after the single alerts, the serve process used " + string.Join(" and ", measurements.DistinctBy(m => m.Backend)
                .Select(m => $"{Report.F(m.IdleCpuMsPerSecond)} ms of CPU per second ({Short(m)})")) + ".");
        report.Section("Where the time goes",
            "p50 / p99 in ms of each phase, from the client's clock and the journal's: send → receipt (HTTP, authentication, reading and parsing the body); " +
            "receipt → 202 at the client (matching, the decision and the run committed, the Hangfire job created, the answer); receipt → claim (the run's " +
            "`run.resumed` event: a worker fetched the job and claimed the run); claim → first step started (loading the run, the engine up to the step's start record); " +
            "and after it, first step started → run ended (the `echo`, the step's and the run's end records: how long each run holds a worker).",
            ["backend", "part", "send → receipt", "receipt → 202", "receipt → claim", "claim → step start", "step start → run end"],
            measurements.Select(m => new[]
            {
                m.Backend, m.What, PP(m, s => s.SendToReceived), PP(m, s => s.ReceivedToAnswer), PP(m, s => s.ReceivedToClaimed), PP(m, s => s.ClaimedToStep), PP(m, s => s.StepToEnd),
            }));
        var storms = measurements.Where(m => m.What.StartsWith("storm", StringComparison.Ordinal)).ToList();
        report.Section("Storm",
            "\"all started within\" = the first alert's send → the last accepted alert's first step start; \"refused\" = answered other than 202 with a run " +
            "(Alertmanager would send those again; they are not in the latency rows).",
            ["backend", "accepted", "refused", "sent over (s)", "all started within (s)", "send → 202 p99 ms", "load (start–highest)"],
            storms.Select(m => new[]
            {
                m.Backend, m.Samples.Count.ToString(CultureInfo.InvariantCulture), (m.Refused?.Count ?? 0).ToString(CultureInfo.InvariantCulture), Report.F(m.SendSeconds, "0.00"), Report.F(m.SpanSeconds, "0.00"),
                Report.F(Stats.Percentile([.. m.Samples.Select(s => (s.Sent.AnsweredAt - s.Sent.SentAt).TotalMilliseconds)], 99)), MachineLoad.Span(m.LoadStart, m.LoadHighest),
            }),
            storms.Any(m => m.Refused is not null)
                ? string.Join("\n\n", storms.Where(m => m.Refused is not null).Select(m => $"{m.Backend}, first refusal: `{m.Refused!.First}`"))
                : null);
        var singles = measurements.Where(m => m.What.StartsWith("single", StringComparison.Ordinal)).ToList();
        if (ansible is not null)
        {
            report.Section("Beside ansible-playbook (the Event-Driven-Ansible way: one process per alert)",
                "One `ansible-playbook` run per alert, one after another: a local playbook (`hosts: localhost`, `connection: local`, `gather_facts: false`) with one " +
                "`ansible.builtin.shell` task that writes the clock to a file; the interpreter is named, so no discovery is counted. \"to task start\" ends when that " +
                "task's command ran — the like-for-like figure beside \"first step started\"; \"end to end\" ends at the process's exit.",
                ["what", "runs", "p50 ms", "p99 ms", "max ms", "load (start–highest)"],
                [
                    ["ansible-playbook: process start → task's command ran", Count(ansible.ToTask), Report.F(Stats.Percentile(ansible.ToTask, 50), "0"), Report.F(Stats.Percentile(ansible.ToTask, 99), "0"), Report.F(ansible.ToTask.Max(), "0"), MachineLoad.Span(ansible.LoadStart, ansible.LoadHighest)],
                    ["ansible-playbook: end to end", Count(ansible.EndToEnd), Report.F(Stats.Percentile(ansible.EndToEnd, 50), "0"), Report.F(Stats.Percentile(ansible.EndToEnd, 99), "0"), Report.F(ansible.EndToEnd.Max(), "0"), MachineLoad.Span(ansible.LoadStart, ansible.LoadHighest)],
                ],
                string.Join(" ", singles.Select(m => $"{m.Backend}, single alerts: **{Report.F(Ratio(ansible.ToTask, m), "0")}×** faster to the first step than ansible-playbook to its task " +
                    $"({Report.F(Ratio(ansible.EndToEnd, m), "0")}× against its end to end).")));
        }
        foreach (var single in singles.Where(m => m.Backend.StartsWith(Embedded, StringComparison.Ordinal)))
        {
            var p50 = Stats.Percentile([.. single.Samples.Select(s => s.SendToStep)], 50);
            report.Goal("single alert p50 ≤ 20 ms, embedded (send → first step started)", $"{Report.F(p50)} ms", p50 <= 20, single.LoadHighest);
        }
        if (ansible is not null)
        {
            foreach (var single in singles)
            {
                var ratio = Ratio(ansible.ToTask, single);
                report.Goal($"≥ 30× faster than ansible-playbook, {Short(single)} (p50 to its task ÷ p50 single alert)", $"{Report.F(ratio, "0")}×", ratio >= 30,
                    Math.Max(single.LoadHighest, ansible.LoadHighest));
            }
        }
        foreach (var storm in storms)
        {
            report.Goal($"storm fully started within 12 s, {Short(storm)}", $"{Report.F(storm.SpanSeconds, "0.00")} s", storm.SpanSeconds <= 12, storm.LoadHighest);
        }
        return report;
    }

    private static string Short(Measurement m) => m.Backend.Split(' ')[0];

    private static double Ratio(IReadOnlyList<double> ansible, Measurement single) =>
        Stats.Percentile(ansible, 50) / Stats.Percentile([.. single.Samples.Select(s => s.SendToStep)], 50);

    private static string Count(IReadOnlyList<double> values) => values.Count.ToString(CultureInfo.InvariantCulture);

    private static string P(Measurement m, Func<Sample, double> phase, double percent) =>
        Report.F(Stats.Percentile([.. m.Samples.Select(phase).Where(v => !double.IsNaN(v))], percent));

    private static string PP(Measurement m, Func<Sample, double> phase) => $"{P(m, phase, 50)} / {P(m, phase, 99)}";
}
