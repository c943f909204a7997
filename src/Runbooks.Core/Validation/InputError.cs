namespace Runbooks.Core.Validation;

/// <summary>What is wrong with an input value: the rule it breaks, where, and the message.</summary>
/// <param name="Code">The rule code (RB0103 wrong type, RB0104 not allowed, RB0105 bad duration, RB0109 out of range).</param>
/// <param name="Path">The key path, e.g. <c>steps[1].with.timeout</c>.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
internal sealed record InputError(string Code, string Path, string Message)
{
    /// <summary><c>path: message</c>.</summary>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
