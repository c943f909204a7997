using Runbooks.Core.Actions;
using Runbooks.Core.Execution;
using Runbooks.Core.Templates;

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

    /// <summary>Runs an argv (no shell), with extra environment variables when given.</summary>
    public static Task<CommandResult> RunArgvAsync(ActionContext context, IReadOnlyList<string> argv, CancellationToken cancellationToken, bool logOutput = true,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(argv);
        var request = Request(context, logOutput) with { Argv = argv };
        return context.Executor.RunAsync(environment is null ? request : request with { Environment = environment }, cancellationToken);
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

    /// <summary>Streams each output line into the step log as it arrives, masked.</summary>
    public static Action<OutputLine> LogOutput(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var log = context.Log;
        var secrets = context.Secrets;
        return line => log.Information("{Stream}: {Line}", line.Stream, secrets.Apply(line.Text));
    }

    /// <summary>An argv as one readable line, each word quoted as a shell would need it.</summary>
    public static string Show(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        return string.Join(' ', argv.Select(ShellQuoting.Quote));
    }

    private static CommandRequest Request(ActionContext context, bool logOutput) => new()
    {
        MaxOutputBytes = MaxOutputBytes,
        OnOutput = logOutput ? LogOutput(context) : null,
    };
}
