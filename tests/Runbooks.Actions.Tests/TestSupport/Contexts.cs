using Runbooks.Core.Actions;
using Runbooks.Core.Execution;
using Runbooks.Core.Secrets;
using Runbooks.Transports.Local;
using Serilog;

namespace Runbooks.Actions.Tests.TestSupport;

/// <summary>Builds action contexts the way the engine would, with real local execution and a collecting log.</summary>
internal static class Contexts
{
    public static ActionContext Create(
        IReadOnlyDictionary<string, object?> inputs,
        TimeProvider? time = null,
        IActionHost? host = null,
        CollectingSink? sink = null,
        SecretMasker? secrets = null,
        string runbookPath = "/runbooks/main.yaml",
        ITargetExecutor? executor = null)
    {
        // Local by default; pass an SSH executor (SshExecutorFactory over an SshdFixture host) to act on a real sshd.
        executor ??= new LocalExecutorFactory().For(TargetInfo.Local);
        return new ActionContext
        {
            Inputs = new ActionInputs(inputs),
            Executor = executor,
            Time = time ?? TimeProvider.System,
            Log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink ?? new CollectingSink()).CreateLogger(),
            Secrets = secrets ?? new SecretMasker(),
            Host = host ?? new FakeActionHost { Executor = executor },
            RunId = "run-1",
            StepId = "step-1",
            RunbookPath = runbookPath,
        };
    }

    /// <summary>Plain data the way the engine renders it: lists are IReadOnlyList&lt;object?&gt;.</summary>
    public static IReadOnlyList<object?> List(params object?[] items) => items;

    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
