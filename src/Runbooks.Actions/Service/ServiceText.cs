namespace Runbooks.Actions.Service;

/// <summary>Small text helpers shared by the service managers.</summary>
internal static class ServiceText
{
    /// <summary>The command word for a verb, as systemctl and service spell it.</summary>
    public static string VerbWord(ServiceVerb verb) => verb switch
    {
        ServiceVerb.Status => "status",
        ServiceVerb.Start => "start",
        ServiceVerb.Stop => "stop",
        ServiceVerb.Restart => "restart",
        ServiceVerb.Reload => "reload",
        ServiceVerb.Enable => "enable",
        ServiceVerb.Disable => "disable",
        _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, null),
    };

    /// <summary>The last <paramref name="count"/> non-empty lines of <paramref name="text"/>.</summary>
    public static string Tail(string text, int count)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Count - count)));
    }
}
