namespace Runbooks.Core.Model;

/// <summary>How an <see cref="AlertTriggerMatcher"/> compares a label's value. A label the alert lacks has the value "" (as in Prometheus).</summary>
public enum AlertTriggerOperator
{
    /// <summary><c>label: value</c> or <c>label: { equals: value }</c>: exactly this value.</summary>
    Equal,

    /// <summary><c>label: { not: value }</c>: any other value, a missing label included.</summary>
    NotEqual,

    /// <summary><c>label: { regex: "…" }</c>: the whole value matches (anchored).</summary>
    Regex,

    /// <summary><c>label: { notRegex: "…" }</c>: the whole value does not match.</summary>
    NotRegex,
}
