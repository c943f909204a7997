using Runbooks.Core.Diagnostics;

namespace Runbooks.Cli.Output;

/// <summary>How the CLI reports a set of problems on stderr: one headline, then one indented line per problem.</summary>
internal static class Problems
{
    /// <summary>Prints <c>error: headline</c> and the problems; returns <see cref="ExitCodes.Failed"/> for the caller to return.</summary>
    public static int Print(string headline, IEnumerable<Diagnostic> problems)
    {
        Console.Error.WriteLine($"error: {headline}");
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"  {problem}");
        }
        return ExitCodes.Failed;
    }
}
