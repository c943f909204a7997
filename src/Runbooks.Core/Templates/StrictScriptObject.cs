using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Runbooks.Core.Templates;

/// <summary>
/// A read-only map from the scope, or a builtin namespace such as <c>string</c>, whose missing members are errors
/// that name the member and list what exists. Scriban's own strict member access only says
/// "Cannot get member with name x", without the object or the alternatives.
/// </summary>
internal sealed class StrictScriptObject : ScriptObject
{
    private readonly IEnumerable<string>? _allKeys;

    /// <param name="path">The dotted path, for messages.</param>
    /// <param name="capacity">Members to expect.</param>
    /// <param name="allKeys">All members of the source map when only some were converted; null when all were.</param>
    public StrictScriptObject(string path, int capacity, IEnumerable<string>? allKeys = null)
        : base(capacity, autoImportStaticsFromThisType: false) // no reflection over this type per object: it has no statics to import
    {
        Path = path;
        _allKeys = allKeys;
    }

    /// <summary>The dotted path of this object from its root variable, e.g. <c>steps.check.outputs</c>.</summary>
    public string Path { get; }

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (base.TryGetValue(context, span, member, out value))
        {
            return true;
        }
        var keys = (_allKeys ?? Keys).Order(StringComparer.Ordinal).ToList();
        var available = keys.Count == 0 ? "(none)" : string.Join(", ", keys);
        throw new UndefinedVariableException(
            span,
            $"Undefined variable `{Path}.{member}`: `{Path}` has no member `{member}`. Available: {available}.");
    }
}
