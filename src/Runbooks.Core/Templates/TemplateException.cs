namespace Runbooks.Core.Templates;

/// <summary>
/// A template that does not parse, reads an undefined variable, or exceeds a limit. Line and column are inside
/// the template source (1-based); callers add the file position of the template itself.
/// </summary>
public sealed class TemplateException : RunbooksException
{
    /// <summary>Creates the exception.</summary>
    public TemplateException(string message, int line, int column) : base(message)
    {
        Line = line;
        Column = column;
    }

    /// <summary>Creates the exception with a cause.</summary>
    public TemplateException(string message, int line, int column, Exception innerException) : base(message, innerException)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line inside the template, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column inside the template, 0 when unknown.</summary>
    public int Column { get; }
}
