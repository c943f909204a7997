using System.Globalization;
using Runbooks.AlertBench.Harness;

namespace Runbooks.AlertBench.Scenarios;

/// <summary>
/// The Event-Driven-Ansible way of remediating: one <c>ansible-playbook</c> process per alert, running a local playbook
/// (<c>hosts: localhost</c>, <c>connection: local</c>, no fact gathering) with one trivial task. Timed per run from just
/// before the process starts to its exit ("end to end"), and to the moment the task's command ran (it writes the clock
/// in nanoseconds to a file): the like-for-like figure beside Runbooks' "first step started". One unmeasured run first,
/// so Python's byte-code caches are warm. The interpreter is named (<c>ansible_python_interpreter</c>), so no
/// interpreter discovery is counted: Ansible's best case.
/// </summary>
internal static class AnsibleScenario
{
    public const string Playbook = "/usr/bin/ansible-playbook";

    public static async Task<AnsibleResult> RunAsync(string work, int runs)
    {
        var directory = Directory.CreateDirectory(Path.Combine(work, "ansible")).FullName;
        var marker = Path.Combine(directory, "task-started");
        var playbook = Path.Combine(directory, "remediate.yml");
        File.WriteAllText(playbook, $"""
            - hosts: localhost
              connection: local
              gather_facts: false
              tasks:
                - name: remediate
                  ansible.builtin.shell: date +%s%N > {marker}
            """);
        var environment = new Dictionary<string, string>
        {
            ["ANSIBLE_LOCALHOST_WARNING"] = "False", ["ANSIBLE_INVENTORY_UNPARSED_WARNING"] = "False", ["ANSIBLE_NOCOLOR"] = "1",
        };
        string version;
        await using (var versionProcess = ChildProcess.Start("ansible-playbook --version", Playbook, ["--version"], directory, environment))
        {
            await versionProcess.WaitForSuccessAsync(TimeSpan.FromSeconds(60));
            version = versionProcess.StandardOutput.Split('\n')[0].Trim();
        }
        string[] args = ["-i", "localhost,", "-e", "ansible_python_interpreter=/usr/bin/python3", playbook];
        List<double> endToEnd = [], toTask = [];
        var load = (LoadWatch?)null;
        for (var i = 0; i <= runs; i++)
        {
            if (i == 1)
            {
                load = new LoadWatch();
            }
            File.Delete(marker);
            var startedAt = DateTimeOffset.UtcNow;
            await using (var run = ChildProcess.Start("ansible-playbook", Playbook, args, directory, environment))
            {
                await run.WaitForSuccessAsync(TimeSpan.FromMinutes(2));
            }
            var endedAt = DateTimeOffset.UtcNow;
            var taskAt = DateTimeOffset.UnixEpoch.AddTicks(long.Parse(File.ReadAllText(marker).Trim(), CultureInfo.InvariantCulture) / 100);
            if (i > 0)
            {
                endToEnd.Add((endedAt - startedAt).TotalMilliseconds);
                toTask.Add((taskAt - startedAt).TotalMilliseconds);
            }
        }
        using (load)
        {
            Console.WriteLine($"ansible-playbook ({version}): {runs} runs, p50 end to end {Stats.Percentile(endToEnd, 50):0} ms, to task start {Stats.Percentile(toTask, 50):0} ms (load {MachineLoad.Span(load!.Start, load.Highest)})");
            return new AnsibleResult(endToEnd, toTask, load.Start, load.Highest, version);
        }
    }
}
