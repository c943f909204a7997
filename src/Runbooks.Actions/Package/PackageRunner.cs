using Runbooks.Actions.Common;
using Runbooks.Core.Actions;
using Runbooks.Core.Execution;

namespace Runbooks.Actions.Package;

/// <summary>
/// Runs package-manager commands for one step: argv only (or fixed scripts), with the manager's non-interactive
/// environment, output streamed into the step log (masked) and bounded like <see cref="TargetCommand"/>.
/// </summary>
internal sealed class PackageRunner
{
    private const int TailLines = 15;
    private readonly ActionContext _context;
    private readonly IReadOnlyDictionary<string, string> _environment;

    public PackageRunner(ActionContext context, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        _context = context;
        _environment = environment;
    }

    /// <summary>The step's context.</summary>
    public ActionContext Context => _context;

    /// <summary>Runs an argv; any exit code is returned.</summary>
    public Task<CommandResult> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken, bool logOutput = true) =>
        TargetCommand.RunArgvAsync(_context, argv, cancellationToken, logOutput, _environment);

    /// <summary>Runs an argv and throws <see cref="PackageManagerException"/> unless its exit code is one of <paramref name="ok"/>.</summary>
    public async Task<CommandResult> RunCheckedAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken, bool logOutput = true, params int[] ok)
    {
        var result = await RunAsync(argv, cancellationToken, logOutput);
        if (!(ok.Length == 0 ? result.ExitCode == 0 : ok.Contains(result.ExitCode)))
        {
            throw new PackageManagerException(_context.Secrets.Apply(Failed(argv, result)));
        }
        return result;
    }

    /// <summary>Runs a fixed script (a constant of the action) with values as $1, $2 ….</summary>
    public Task<CommandResult> RunScriptAsync(string script, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        TargetCommand.RunScriptAsync(_context, script, args, cancellationToken, logOutput: false);

    /// <summary>"'argv' failed with exit code N; last lines: …".</summary>
    public static string Failed(IReadOnlyList<string> argv, CommandResult result)
    {
        var text = (result.Stderr.Trim().Length > 0 ? result.Stderr : result.Stdout).TrimEnd().Split('\n');
        var tail = string.Join('\n', text.Skip(Math.Max(0, text.Length - TailLines)));
        var hint = result.ExitCode == 127 ? " (the program is not on the target's PATH)" : "";
        return $"'{TargetCommand.Show(argv)}' failed with exit code {result.ExitCode}{hint}" + (tail.Length > 0 ? $"; last lines:\n{tail}" : "");
    }
}
