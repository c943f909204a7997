namespace Runbooks.Core.Alerts;

/// <summary>The stored and shown names of <see cref="AlertDecisionKind"/>.</summary>
public static class AlertDecisionKinds
{
    /// <summary>Every kind, in declaration order.</summary>
    public static readonly IReadOnlyList<AlertDecisionKind> All = Enum.GetValues<AlertDecisionKind>();

    /// <summary>The kind's name in camelCase, e.g. <c>breakerOpen</c>.</summary>
    public static string Text(AlertDecisionKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The kind named <paramref name="text"/>, or null.</summary>
    public static AlertDecisionKind? Parse(string text) =>
        All.Cast<AlertDecisionKind?>().FirstOrDefault(k => string.Equals(Text(k!.Value), text, StringComparison.Ordinal));
}
