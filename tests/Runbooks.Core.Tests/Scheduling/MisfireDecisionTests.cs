using Runbooks.Core.Scheduling;
using static Runbooks.Core.Tests.Scheduling.Schedules;

namespace Runbooks.Core.Tests.Scheduling;

/// <summary>Missed fire times after downtime: counted, then run once or skipped as the schedule says.</summary>
public sealed class MisfireDecisionTests
{
    [Fact]
    public void Evaluate_ThreeHoursDownWithRunOnce_RunsOnceForTheLatest()
    {
        var entry = Entry("""{ cron: "0 * * * *" }""");

        var decision = MisfireDecision.Evaluate(entry, Utc("2026-01-10T10:00:00"), Utc("2026-01-10T13:30:00"));

        Assert.Equal(new MisfireDecision(3, false, Utc("2026-01-10T11:00:00"), Utc("2026-01-10T13:00:00"), RunOnce: true), decision);
        Assert.Equal("3 fire time(s) missed; running once now", decision.ToString());
    }

    [Fact]
    public void Evaluate_ThreeHoursDownWithSkip_RunsNothing()
    {
        var entry = Entry("""{ cron: "0 * * * *", misfire: skip }""");

        var decision = MisfireDecision.Evaluate(entry, Utc("2026-01-10T10:00:00"), Utc("2026-01-10T13:00:00"));

        Assert.Equal(new MisfireDecision(3, false, Utc("2026-01-10T11:00:00"), Utc("2026-01-10T13:00:00"), RunOnce: false), decision);
        Assert.Equal("3 fire time(s) missed; skipped", decision.ToString());
    }

    [Fact]
    public void Evaluate_NoFireTimeSinceTheLast_MissesNothing()
    {
        var entry = Entry("""{ cron: "0 * * * *" }""");

        var decision = MisfireDecision.Evaluate(entry, Utc("2026-01-10T10:00:00"), Utc("2026-01-10T10:59:59"));

        Assert.Equal((0, false), (decision.Missed, decision.RunOnce));
    }

    [Fact]
    public void Evaluate_NeverFiredBefore_MissesNothing()
    {
        var entry = Entry("""{ cron: "* * * * *" }""");

        Assert.Equal(0, MisfireDecision.Evaluate(entry, null, Utc("2026-01-10T10:00:00")).Missed);
    }

    [Fact]
    public void Evaluate_SecondsCronAfterADay_CapsTheCountAndFindsTheLatest()
    {
        var entry = Entry("""{ cron: "* * * * * *" }""");

        var decision = MisfireDecision.Evaluate(entry, Utc("2026-01-10T00:00:00"), Utc("2026-01-11T00:00:00.500"));

        Assert.Equal((MisfireDecision.CountLimit, true, Utc("2026-01-11T00:00:00"), true), (decision.Missed, decision.CountCapped, decision.LastMissed, decision.RunOnce));
    }

    [Fact]
    public void Evaluate_DisabledSchedule_NeverRuns()
    {
        var entry = Entry("""{ cron: "0 * * * *", enabled: false }""");

        Assert.False(MisfireDecision.Evaluate(entry, Utc("2026-01-10T10:00:00"), Utc("2026-01-10T13:30:00")).RunOnce);
    }
}
