namespace Runbooks.Bench.Harness;

/// <summary>The one template every step renders, on both engines.</summary>
internal static class StepTemplate
{
    public const string Text = "{{ params.greeting }}-{{ run.id }}";

    public const string Greeting = "hello";
}
