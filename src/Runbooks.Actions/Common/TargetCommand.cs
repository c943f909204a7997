using Runbooks.Core.Actions;
using Runbooks.Core.Execution;

namespace Runbooks.Actions.Common;

/// <summary>
/// Runs a helper command on the step's target for an action that builds its own command (service, package, file,
/// disk, process actions): output lines stream into the step log as they arrive, masked, and the result is bounded.
/// Every argument is passed as one argv element; scripts take their values only as positional arguments
/// (<c>$1</c>, <c>$2</c>, …), never spliced into the script text, so no value can become shell syntax.
/// </summary>
internal static class TargetCommand
{
    /// <summary>Output kept of each stream for helper commands; parsers read structured output well under this.</summary>
    public const int MaxOutputBytes = 1024 * 1024;

    /// <summary>Runs an argv (no shell).</summary>
    public static Task<CommandResult> RunArgvAsync(ActionContext context, IReadOnlyList<string> argv, CancellationToken cancellationToken, bool logOutput = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(argv);
        return context.Executor.RunAsync(Request(context, logOutput) with { Argv = argv }, cancellationToken);
    }

    /// <summary>
    /// Runs a fixed POSIX sh script with values as positional arguments (<c>$1</c>…). The script text must be a
    /// constant of the action, never built from inputs.
    /// </summary>
    public static Task<CommandResult> RunScriptAsync(ActionContext context, string script, IReadOnlyList<string> args, CancellationToken cancellationToken, string? stdin = null, bool logOutput = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(args);
        return context.Executor.RunAsync(Request(context, logOutput) with { Script = script, ScriptArgs = args, Stdin = stdin }, cancellationToken);
    }

    private static CommandRequest Request(ActionContext context, bool logOutput)
    {
        var log = context.Log;
        var secrets = context.Secrets;
        return new CommandRequest
        {
            MaxOutputBytes = MaxOutputBytes,
            OnOutput = logOutput ? line => log.Information("{Stream}: {Line}", line.Stream, secrets.Apply(line.Text)) : null,
        };
    }
}
