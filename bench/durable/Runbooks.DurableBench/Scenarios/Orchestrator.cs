using System.Runtime.InteropServices;
using Npgsql;
using Runbooks.DurableBench.Harness;
using Runbooks.Testing.PostgreSql;
using Runbooks.Testing.Ssh;

namespace Runbooks.DurableBench.Scenarios;

/// <summary>The benchmark itself: starts PostgreSQL (the tests' fixture), runs every scenario, prints the report.</summary>
internal static class Orchestrator
{
    private const string Usage = "usage: Runbooks.DurableBench [--quick] [--write-docs] [--no-ssh] [--only journal|latency|drain|ssh]";

    public static async Task<int> MainAsync(string[] args)
    {
        // --only <part> runs one part (for iterating on it); nothing is judged or written then.
        var onlyAt = Array.IndexOf(args, "--only");
        var only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1] : null;
        var unknown = args.Where((a, i) => i != onlyAt + 1 || onlyAt < 0).Except(["--quick", "--write-docs", "--no-ssh", "--only"]).ToList();
        if (unknown.Count > 0 || (onlyAt >= 0 && only is not ("journal" or "latency" or "drain" or "ssh")))
        {
            Console.Error.WriteLine($"{(unknown.Count > 0 ? $"unknown option {unknown[0]}" : $"--only takes journal, latency, drain or ssh, not '{only}'")}\n{Usage}");
            return 2;
        }
        bool Part(string name) => only is null || only == name;
        var quick = args.Contains("--quick");
        var sizes = quick ? BenchSizes.Quick : BenchSizes.Full;
        var work = Directory.CreateTempSubdirectory("runbooks-durable-bench-").FullName;
        // The bench runs as root in CI; sshd reads the client's authorized_keys and postgres its socket folder under it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(work, (UnixFileMode)0b111_101_101);
        }
        PostgreSqlServerFixture? postgres = null;
        try
        {
            try
            {
                postgres = new PostgreSqlServerFixture();
            }
            catch (InvalidOperationException ex) when (quick)
            {
                Console.WriteLine($"PostgreSQL is not available, so only the journal cost without it is measured: {ex.Message}");
            }
            var report = new Report();
            var version = postgres is null ? "none" : await ServerVersionAsync(postgres.ConnectionString);
            Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, PostgreSQL {version}{(quick ? ", --quick" : "")}");
            if (Part("journal"))
            {
                await JournalCostScenario.RunAsync(postgres?.ConnectionString, work, sizes, report);
            }
            if (postgres is not null)
            {
                var env = new BenchEnvironment(postgres.ConnectionString, work);
                if (Part("latency"))
                {
                    await LatencyScenario.RunAsync(env, sizes, report);
                }
                if (Part("drain"))
                {
                    await DrainScenario.RunAsync(env, sizes, report);
                }
                if (!Part("ssh"))
                {
                }
                else if (args.Contains("--no-ssh") || !File.Exists(SshdFixture.SshdPath))
                {
                    Console.WriteLine("SSH scaling left out (--no-ssh, or no /usr/sbin/sshd)");
                }
                else
                {
                    await SshScalingScenario.RunAsync(env, sizes, report);
                }
            }
            var preamble = $"Measured {DateTime.UtcNow:yyyy-MM-dd} with `bench/durable/run.sh{(quick ? " --quick" : "")}`: {Environment.ProcessorCount} cores " +
                $"(shared with other work), {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, PostgreSQL {version} " +
                "(the tests' throwaway cluster: loopback, fsync off). Every number below comes from this one run.";
            var markdown = report.Markdown(preamble, judge: !quick && only is null);
            Console.WriteLine();
            Console.WriteLine(markdown);
            if (args.Contains("--write-docs") && only is null)
            {
                Console.WriteLine($"wrote {DocsSection.Write("durable", markdown)}");
            }
            return 0;
        }
        finally
        {
            postgres?.Dispose();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> ServerVersionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return (await command.ExecuteScalarAsync())?.ToString()?.Split(' ')[0] ?? "?";
    }
}
