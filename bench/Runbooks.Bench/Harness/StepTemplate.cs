namespace Runbooks.Bench.Harness;

/// <summary>
/// The one template every step renders, on both engines. <c>plain</c> is text with variable paths, the common case
/// (Runbooks renders it without Scriban); <c>filtered</c> pipes through a function, so both engines run Scriban.
/// </summary>
internal static class StepTemplate
{
    public const string Plain = "{{ params.greeting }}-{{ run.id }}";

    public const string Filtered = "{{ params.greeting | string.upcase }}-{{ run.id }}";

    /// <summary>The template of this benchmark run; set from <c>--template</c> before anything is built.</summary>
    public static string Text { get; set; } = Plain;

    public const string Greeting = "hello";

    /// <summary>What the template renders for a run id: every step's output is checked against it.</summary>
    public static string Expected(string runId) => (Text == Filtered ? Greeting.ToUpperInvariant() : Greeting) + "-" + runId;
}
