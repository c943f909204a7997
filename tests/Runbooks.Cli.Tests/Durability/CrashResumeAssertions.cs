namespace Runbooks.Cli.Tests.Durability;

/// <summary>The in-doubt-then-skip story, shared by the SQLite and the PostgreSQL journal.</summary>
internal static class CrashResumeAssertions
{
    /// <summary>
    /// Kill while the non-idempotent <c>slow</c> runs → resume stops in doubt (exit 3) without acting → a plain resume
    /// is refused → <c>--skip slow</c> succeeds, and the ledger shows every step acted exactly once.
    /// </summary>
    public static async Task InDoubtThenSkipAsync(CrashScenario crash)
    {
        await crash.RunAndKillAsync(crash.WriteRunbook(slowIdempotent: false));

        var inDoubt = await crash.ResumeOnceTheLeaseExpiredAsync();
        Assert.True(inDoubt.ExitCode == 3, inDoubt.ToString());
        Assert.Contains("step 'slow' on local started at", inDoubt.Stdout + inDoubt.Stderr, StringComparison.Ordinal);
        Assert.Contains("resume with --skip slow (it did its work) or --from slow (run it again)", inDoubt.Stdout + inDoubt.Stderr, StringComparison.Ordinal);
        Assert.Equal(["first", "slow"], crash.Ledger);
        Assert.Equal("inDoubt", await JournalProbe.StatusAsync(crash.Dir, crash.Env, crash.RunId));

        var plain = await crash.ResumeAsync();
        Assert.True(plain.ExitCode == 1, plain.ToString());
        Assert.StartsWith($"error: run {crash.RunId} is in doubt: step 'slow' on local", plain.Stderr, StringComparison.Ordinal);
        Assert.Equal(["first", "slow"], crash.Ledger);

        var skipped = await crash.ResumeAsync("--skip", "slow", "--comment", "checked the host: slow did its work");
        Assert.True(skipped.ExitCode == 0, skipped.ToString());
        Assert.Equal(["first", "slow", "last"], crash.Ledger);
        Assert.Equal("succeeded", await JournalProbe.StatusAsync(crash.Dir, crash.Env, crash.RunId));
    }
}
