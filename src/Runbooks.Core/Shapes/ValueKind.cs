namespace Runbooks.Core.Shapes;

/// <summary>The kinds of value a runbook key, a parameter or an action input can hold.</summary>
public enum ValueKind
{
    /// <summary>Text.</summary>
    String,
    /// <summary>A whole number (64-bit).</summary>
    Int,
    /// <summary>Any number.</summary>
    Number,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,
    /// <summary>A duration such as <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c> or <c>1h30m</c>.</summary>
    Duration,
    /// <summary>A list of values.</summary>
    List,
    /// <summary>A map of string keys to values.</summary>
    Map,
    /// <summary>A string that is masked everywhere it could appear (logs, outputs, errors).</summary>
    Secret,
    /// <summary>An object with a fixed set of keys; unknown keys are errors.</summary>
    Object,
    /// <summary>Anything.</summary>
    Any,
}
