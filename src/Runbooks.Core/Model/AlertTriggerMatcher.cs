using System.Text.RegularExpressions;

namespace Runbooks.Core.Model;

/// <summary>One label matcher of an alert trigger's <c>match:</c>.</summary>
public sealed record AlertTriggerMatcher
{
    /// <summary>How long one regex match may take before the alert counts as not matching (with a reason).</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The label's name.</summary>
    public required string Label { get; init; }

    /// <summary>How the value is compared.</summary>
    public required AlertTriggerOperator Operator { get; init; }

    /// <summary>The value or the pattern as written.</summary>
    public required string Value { get; init; }

    /// <summary>For <see cref="AlertTriggerOperator.Regex"/> and <see cref="AlertTriggerOperator.NotRegex"/>: the anchored pattern.</summary>
    public Regex? Pattern { get; init; }

    /// <summary>The matcher as written, e.g. <c>env!="dev"</c> or <c>instance=~"web-[0-9]+"</c>, for reasons.</summary>
    public override string ToString() => Operator switch
    {
        AlertTriggerOperator.Equal => $"{Label}=\"{Value}\"",
        AlertTriggerOperator.NotEqual => $"{Label}!=\"{Value}\"",
        AlertTriggerOperator.Regex => $"{Label}=~\"{Value}\"",
        _ => $"{Label}!~\"{Value}\"",
    };
}
