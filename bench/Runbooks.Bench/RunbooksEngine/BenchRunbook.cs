using System.Text;
using Runbooks.Bench.Harness;

namespace Runbooks.Bench.RunbooksEngine;

/// <summary>Writes the benchmark runbook: <c>n</c> <c>set</c> steps, each rendering the shared template once.</summary>
internal static class BenchRunbook
{
    public static string Yaml(int steps)
    {
        var yaml = new StringBuilder();
        yaml.Append("name: bench-").Append(steps).Append('\n')
            .Append("targets: local\n")
            .Append("parameters:\n")
            .Append("  greeting: { type: string, default: ").Append(StepTemplate.Greeting).Append(" }\n")
            .Append("steps:\n");
        for (var i = 0; i < steps; i++)
        {
            yaml.Append("  - id: s").Append(i).Append('\n')
                .Append("    action: set\n")
                .Append("    with: { values: { v: \"").Append(StepTemplate.Text).Append("\" } }\n");
        }
        return yaml.ToString();
    }
}
