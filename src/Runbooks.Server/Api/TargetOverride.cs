using Runbooks.Core.Model;

namespace Runbooks.Server.Api;

/// <summary>
/// A request's own host list in place of the runbook's <c>targets</c> (its rollout strategy is kept). The names are
/// literal inventory host names, resolved by the engine exactly as the runbook's own hosts are: an unknown one is
/// RB0505 and nothing runs.
/// </summary>
internal static class TargetOverride
{
    public static RunbookDefinition Apply(RunbookDefinition runbook, IReadOnlyList<string>? hosts) =>
        hosts is not { Count: > 0 }
            ? runbook
            : runbook with
            {
                Targets = runbook.Targets with
                {
                    IsLocal = false, IsOmitted = false, Groups = [], Selector = null,
                    Hosts = [.. hosts.Select((h, i) => new LiteralValue(h, Span(runbook), $"hosts[{i}]"))],
                    // A runbook without targets has no place for them in its file: problems point at the document.
                    Span = Span(runbook),
                },
            };

    private static Core.Diagnostics.SourceSpan Span(RunbookDefinition runbook) => runbook.Targets.Span.Line > 0 ? runbook.Targets.Span : runbook.Span;
}
