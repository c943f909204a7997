using System.Globalization;

namespace Runbooks.DurableBench.Harness;

/// <summary>The <c>--name value</c> pairs the orchestrator passes to a helper process.</summary>
internal sealed class RoleArguments
{
    private readonly Dictionary<string, string> _values;

    private RoleArguments(Dictionary<string, string> values) => _values = values;

    public static RoleArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        return new RoleArguments(values);
    }

    public string this[string name] => _values.TryGetValue(name, out var value)
        ? value
        : throw new ArgumentException($"helper process: --{name} is required");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public int Int(string name) => int.Parse(this[name], CultureInfo.InvariantCulture);

    public double Double(string name) => double.Parse(this[name], CultureInfo.InvariantCulture);
}
