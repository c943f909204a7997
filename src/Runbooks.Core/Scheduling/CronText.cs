using Cronos;

namespace Runbooks.Core.Scheduling;

/// <summary>
/// Parses cron expressions as runbooks and maintenance settings write them: 5 fields, or 6 with seconds first.
/// Cronos does the parsing (the parser Hangfire uses, so a schedule means the same to both).
/// </summary>
internal static class CronText
{
    /// <summary>What messages say is allowed.</summary>
    public const string AllowedForm = "5 fields: minute hour day-of-month month day-of-week (e.g. \"0 3 * * SUN\"), or 6 with seconds first (e.g. \"*/30 * * * * *\")";

    /// <summary>What messages say is allowed where seconds are not.</summary>
    public const string MinutesForm = "5 fields: minute hour day-of-month month day-of-week (e.g. \"0 1 * * SAT\")";

    /// <summary>The expression, or null and a message saying what is wrong and what is allowed.</summary>
    public static CronExpression? Parse(string text, bool allowSeconds, out string? problem)
    {
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var form = allowSeconds ? AllowedForm : MinutesForm;
        if (fields != 5 && !(allowSeconds && fields == 6))
        {
            problem = $"'{text}' is not a cron expression: it has {fields} field(s); expected {form}";
            return null;
        }
        try
        {
            problem = null;
            return CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (Exception ex) when (ex is CronFormatException or MissingSeedException)
        {
            problem = $"'{text}' is not a cron expression: {ex.Message.TrimEnd('.')}; expected {form}";
            return null;
        }
    }
}
