using Microsoft.Extensions.Configuration;

namespace Runbooks.Server;

/// <summary>
/// <c>Runbooks:Approvals:Roles</c>: role name → user names (e.g. <c>"sre": ["alice", "bob"]</c>). A gate's approver
/// <c>role:sre</c> admits each of them; through the API, the user is the API key's name.
/// </summary>
public sealed class ApproverRoles
{
    private readonly Dictionary<string, HashSet<string>> _roles;

    private ApproverRoles(Dictionary<string, HashSet<string>> roles) => _roles = roles;

    /// <summary>Reads the roles from the configuration.</summary>
    public static ApproverRoles From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(configuration.GetSection("Runbooks:Approvals:Roles").GetChildren().ToDictionary(
            role => role.Key,
            role => role.GetChildren().Select(user => user.Value ?? "").Where(user => user.Length > 0).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal));
    }

    /// <summary>Whether <paramref name="who"/> is one of <paramref name="approvers"/> (a name, or a member of a <c>role:</c> entry).</summary>
    public bool IsApprover(string who, IReadOnlyList<string> approvers)
    {
        ArgumentNullException.ThrowIfNull(approvers);
        return approvers.Any(a => a == who || a.StartsWith("role:", StringComparison.Ordinal) && _roles.GetValueOrDefault(a[5..])?.Contains(who) == true);
    }
}
