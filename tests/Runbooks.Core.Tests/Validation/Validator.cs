using Runbooks.Actions;
using Runbooks.Core.Actions;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;

namespace Runbooks.Core.Tests.Validation;

/// <summary>Loads runbook text with the built-in actions and returns every problem as the CLI prints it.</summary>
internal static class Validator
{
    /// <summary>The file name every text is loaded as.</summary>
    public const string FileName = "rb.yaml";

    // The HTTP actions never send anything while a runbook is only loaded.
    private static readonly HttpClient Http = new();

    public static ActionRegistry Actions { get; } = new(BuiltInActions.Create(Http));

    public static RunbookLoader Loader { get; } = new(Actions, new ScribanTemplateEngine());

    /// <summary>Every diagnostic, in file order, as <c>file:line:col: error CODE at path: message</c>.</summary>
    public static IReadOnlyList<string> Errors(string yaml) =>
        [.. Loader.LoadText(yaml, FileName).Diagnostics.Select(d => d.ToString())];

    /// <summary>The only diagnostic; fails listing all of them when there is not exactly one.</summary>
    public static string Single(string yaml)
    {
        var errors = Errors(yaml);
        Assert.True(errors.Count == 1, $"expected one diagnostic, got {errors.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        return errors[0];
    }

    /// <summary>Fails listing every diagnostic when there is any.</summary>
    public static void Valid(string yaml)
    {
        var errors = Errors(yaml);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
