using System.Globalization;
using System.Text;

namespace Runbooks.DurableBench.Scenarios;

/// <summary>The runbooks the scenarios run, written as files (the workers load them the way they load any queued run).</summary>
internal static class LocalRunbooks
{
    /// <summary>A folder with one runbook of <paramref name="steps"/> local <c>set</c> steps.</summary>
    public static string WriteSetChain(string directory, int steps)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "chain.yaml"), SetChain(steps));
        return directory;
    }

    public static string SetChain(int steps)
    {
        var yaml = new StringBuilder().Append(CultureInfo.InvariantCulture, $"name: bench-chain-{steps}\nsteps:\n");
        for (var i = 0; i < steps; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - id: s{i}\n    action: set\n    with: {{ values: {{ v: \"{{{{ run.id }}}}\" }} }}\n");
        }
        return yaml.ToString();
    }
}
