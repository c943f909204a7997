using Runbooks.Core.Diagnostics;
using Runbooks.Core.Model;

namespace Runbooks.Server.Api;

/// <summary>One runbook file in the folder: its text and hash, and the runbook when it is valid (else its problems).</summary>
internal sealed record RunbookFile(string Name, string Path, string Text, string ContentHash, RunbookDefinition? Runbook, IReadOnlyList<Diagnostic> Problems);
