using Runbooks.Core.Diagnostics;
using Runbooks.Core.Model;

namespace Runbooks.Core.Validation;

/// <summary>A loaded runbook and every problem found in it. Only a result with no problems may run.</summary>
/// <param name="Runbook">The model, or null when the file could not be read at all.</param>
/// <param name="Diagnostics">Every problem, in file order.</param>
public sealed record LoadResult(RunbookDefinition? Runbook, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the runbook has no problems.</summary>
    public bool IsValid => Runbook is not null && Diagnostics.Count == 0;

    /// <summary>The runbook, or a <see cref="RunbookValidationException"/> listing every problem.</summary>
    public RunbookDefinition EnsureValid() =>
        IsValid ? Runbook! : throw new RunbookValidationException(Diagnostics);
}
