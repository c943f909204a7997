using System.Text.Json;
using System.Text.Json.Nodes;

namespace Runbooks.Server.Api;

/// <summary>
/// The body of <c>POST /api/v1/runbooks/plan</c>: the runbook as text (<see cref="Yaml"/>, e.g. the designer's unsaved
/// edit), as the JSON model (<see cref="Document"/>), or by the name of a saved one (<see cref="Name"/>) — exactly one.
/// </summary>
internal sealed record PlanBody
{
    /// <summary>The runbook file's text.</summary>
    public string? Yaml { get; init; }

    /// <summary>The runbook as a JSON object (the <c>document</c> that GET /api/v1/runbooks/{name} answers).</summary>
    public JsonObject? Document { get; init; }

    /// <summary>The name of a runbook in the runbooks folder.</summary>
    public string? Name { get; init; }

    /// <summary>Parameter values by name (secret parameters too: a plan is never queued, and they are masked).</summary>
    public Dictionary<string, JsonElement>? Parameters { get; init; }

    /// <summary>Plan for these inventory hosts instead of the runbook's own <c>targets</c>.</summary>
    public List<string>? Targets { get; init; }
}
