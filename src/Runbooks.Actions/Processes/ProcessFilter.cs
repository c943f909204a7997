using System.Text.RegularExpressions;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Processes;

/// <summary>The name / pattern / user selection shared by process.list and process.kill; all given filters must hold.</summary>
internal sealed record ProcessFilter(string? Name, Regex? Pattern, string? User)
{
    public static readonly FieldShape NameField = new("name", ValueShape.String("The process name exactly as the kernel keeps it (comm: at most 15 characters, e.g. nginx, not the path)."));

    public static readonly FieldShape PatternField = new("pattern", ValueShape.String("A .NET regular expression searched in the full command line (program and arguments)."));

    public static readonly FieldShape UserField = new("user", ValueShape.String("Only processes of this user (name as ps shows it)."));

    public bool IsEmpty => Name is null && Pattern is null && User is null;

    /// <summary>Reads the filter; an invalid regular expression is an error message.</summary>
    public static (ProcessFilter? Filter, string? Error) From(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        try
        {
            var pattern = inputs.GetString("pattern");
            return (new ProcessFilter(
                inputs.GetString("name"),
                pattern is null ? null : new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
                inputs.GetString("user")), null);
        }
        catch (ArgumentException ex)
        {
            return (null, $"pattern is not a valid regular expression: {ex.Message}");
        }
    }

    public bool Matches(ProcessInfo process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return (Name is null || process.Name == Name)
            && (User is null || process.User == User)
            && (Pattern is null || Pattern.IsMatch(process.Command));
    }
}
