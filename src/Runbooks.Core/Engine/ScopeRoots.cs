using System.Diagnostics.CodeAnalysis;
using Runbooks.Core.Templates;

namespace Runbooks.Core.Engine;

/// <summary>
/// The root variables of one render, looked up on demand instead of copied into a new dictionary per render:
/// most templates read one or two roots, and <c>steps</c> is assembled only when a template reads it.
/// </summary>
internal sealed class ScopeRoots(RunContext run, CompiledTemplate template, Frame frame) : IReadOnlyDictionary<string, object?>
{
    private static readonly string[] Fixed = ["params", "run", "target", "secrets", "steps"];

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (frame.Extra.TryGetValue(key, out value))
        {
            return true;
        }
        switch (key)
        {
            case "params":
                value = run.Params;
                return true;
            case "run":
                value = run.RunInfo;
                return true;
            case "target":
                value = run.TargetRoot();
                return true;
            case "secrets":
                value = run.SecretValues;
                return true;
            case "steps":
                value = run.StepsFor(template, frame);
                return true;
            case "alert" when run.Request.Alert is { } alert:
                value = alert;
                return true;
            default:
                value = null;
                return false;
        }
    }

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys =>
        Fixed.Concat(run.Request.Alert is null ? [] : ["alert"]).Concat(frame.Extra.Keys).Distinct(StringComparer.Ordinal);

    public IEnumerable<object?> Values => Keys.Select(k => this[k]);

    public int Count => Keys.Count();

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        Keys.Select(k => new KeyValuePair<string, object?>(k, this[k])).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
