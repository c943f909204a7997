namespace Runbooks.Cli.Tests.Workers;

/// <summary>
/// The worker tests start several <c>runbooks serve</c> processes, sshd servers and PostgreSQL clusters each: they run
/// one class after another so that a 2-core machine is not asked to run all of them at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WorkerTestGroup
{
    public const string Name = "workers";
}
