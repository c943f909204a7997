namespace Runbooks.Core.Diagnostics;

/// <summary>
/// Thrown when a runbook (or its parameters) fails validation; carries every problem found.
/// A runbook that throws this never starts.
/// </summary>
public sealed class RunbookValidationException : RunbooksException
{
    /// <summary>Creates the exception from the problems found.</summary>
    public RunbookValidationException(IReadOnlyList<Diagnostic> diagnostics)
        : base(Format(diagnostics)) => Diagnostics = diagnostics;

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string Format(IReadOnlyList<Diagnostic> diagnostics) =>
        $"{diagnostics.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, diagnostics);
}
