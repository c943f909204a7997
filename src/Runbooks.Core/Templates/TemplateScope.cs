namespace Runbooks.Core.Templates;

/// <summary>
/// The variables a template can see, by root name: <c>params</c>, <c>steps</c>, <c>run</c>, <c>target</c>,
/// <c>secrets</c>, and where they apply <c>item</c>/<c>index</c> (forEach), <c>result</c> (step outputs),
/// <c>attempt</c> (retry.when), <c>error</c> (failure handlers), <c>alert</c> (alert triggers).
/// Values are plain data only: null, bool, long, double, string, IReadOnlyList&lt;object?&gt; and
/// IReadOnlyDictionary&lt;string, object?&gt;.
/// </summary>
public sealed class TemplateScope
{
    /// <summary>Creates a scope over root variables.</summary>
    public TemplateScope(IReadOnlyDictionary<string, object?> roots) => Roots = roots;

    /// <summary>The root variables.</summary>
    public IReadOnlyDictionary<string, object?> Roots { get; }

    /// <summary>A new scope with extra or replaced roots.</summary>
    public TemplateScope With(params (string Name, object? Value)[] extra)
    {
        var roots = new Dictionary<string, object?>(Roots, StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            roots[name] = value;
        }
        return new TemplateScope(roots);
    }
}
