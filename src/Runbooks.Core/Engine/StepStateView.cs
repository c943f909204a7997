using System.Diagnostics.CodeAnalysis;

namespace Runbooks.Core.Engine;

/// <summary>
/// <c>steps.&lt;id&gt;</c> as a read-only view over the step's result, rather than a dictionary copied for every step:
/// templates read one or two members of a few steps, while every step records its state.
/// </summary>
internal sealed class StepStateView(StepResult result) : IReadOnlyDictionary<string, object?>
{
    private static readonly string[] Members = ["status", "outputs", "error", "attempts", "changed", "durationMs"];

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        (var found, value) = key switch
        {
            "status" => (true, (object?)StepState.Name(result.Status)),
            "outputs" => (true, result.Outputs),
            "error" => (true, result.Error),
            "attempts" => (true, (long)result.Attempts),
            "changed" => (true, result.Changed),
            "durationMs" => (true, (long)result.Duration.TotalMilliseconds),
            _ => (false, null),
        };
        return found;
    }

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => Members;

    public IEnumerable<object?> Values => Members.Select(m => this[m]);

    public int Count => Members.Length;

    public bool ContainsKey(string key) => Array.IndexOf(Members, key) >= 0;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        Members.Select(m => new KeyValuePair<string, object?>(m, this[m])).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
