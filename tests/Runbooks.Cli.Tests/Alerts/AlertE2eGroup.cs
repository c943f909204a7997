namespace Runbooks.Cli.Tests.Alerts;

/// <summary>
/// The end-to-end alert tests share one server, one sshd fleet and one escalation receiver (<see cref="AlertE2eFixture"/>),
/// and run one class after another: every class uses hosts and alert names of its own, but breakers count runs per host.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AlertE2eGroup : ICollectionFixture<AlertE2eFixture>
{
    public const string Name = "alert-e2e";
}
