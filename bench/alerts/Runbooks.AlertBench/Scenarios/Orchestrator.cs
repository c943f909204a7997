using System.Runtime.InteropServices;
using Npgsql;
using Runbooks.AlertBench.Harness;
using Runbooks.Testing.PostgreSql;

namespace Runbooks.AlertBench.Scenarios;

/// <summary>The benchmark itself: starts PostgreSQL (the tests' fixture), measures both backends and ansible-playbook, prints the report.</summary>
internal static class Orchestrator
{
    public static async Task<int> MainAsync(string[] args)
    {
        if (BenchOptions.Parse(args, out var error) is not { } options)
        {
            Console.Error.WriteLine(error);
            return 2;
        }
        var quick = options.Quick;
        var sizes = quick ? BenchSizes.Quick : BenchSizes.Full;
        var work = Directory.CreateTempSubdirectory("runbooks-alert-bench-").FullName;
        // Run as root, PostgreSQL (the postgres user) must reach its socket folder under the work folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(work, (UnixFileMode)0b111_101_101);
        }
        PostgreSqlServerFixture? postgres = null;
        try
        {
            try
            {
                postgres = options.Measures("postgresql") ? new PostgreSqlServerFixture() : null;
            }
            catch (InvalidOperationException ex) when (quick)
            {
                Console.WriteLine($"PostgreSQL is not available, so only the embedded default is measured: {ex.Message}");
            }
            var version = postgres is null ? "none" : await ServerVersionAsync(postgres.ConnectionString);
            var loadAtStart = MachineLoad.Now();
            Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, PostgreSQL {version}, load {loadAtStart}{(quick ? ", --quick" : "")}");
            var workflows = BenchRunbook.Write(Path.Combine(work, "workflows"));
            var measurements = new List<Measurement>();
            if (options.Measures("embedded"))
            {
                measurements.AddRange(await BackendScenario.RunAsync(ServeBackend.Embedded(work), 0x0100, workflows, sizes, options.PerfDirectory));
            }
            if (postgres is not null && options.Measures("postgresql"))
            {
                measurements.AddRange(await BackendScenario.RunAsync(ServeBackend.OnPostgreSql(work, postgres.ConnectionString), 0x0200, workflows, sizes, options.PerfDirectory));
            }
            var ansible = options.Only is null && File.Exists(AnsibleScenario.Playbook) ? await AnsibleScenario.RunAsync(work, sizes.AnsibleRuns) : null;
            var report = AlertReport.Build(measurements, ansible);
            var preamble = $"Measured {DateTime.UtcNow:yyyy-MM-dd} with `bench/alerts/run.sh{(quick ? " --quick" : "")}`: {Environment.ProcessorCount} cores " +
                $"(shared with other work; load average {loadAtStart} at the start), {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, " +
                $"PostgreSQL {version} (the tests' throwaway cluster: loopback, fsync off), {ansible?.Version ?? $"no {AnsibleScenario.Playbook}"}. Every number below comes from this one run; " +
                "each row gives the 1-minute load average when its part began and the highest seen during it.";
            var markdown = report.Markdown(preamble, judge: !quick);
            Console.WriteLine();
            Console.WriteLine(markdown);
            if (options.WriteDocs)
            {
                Console.WriteLine($"wrote {DocsSection.Write("alerts", markdown)}");
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
