using System.CommandLine;

namespace Runbooks.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config")
    {
        Description = "Path to appsettings.json (default: ./appsettings.json, else the one beside the executable)",
    };

    private static readonly string[] Formats = ["text", "json"];

    public static Option<string> Output(params string[] extra)
    {
        string[] formats = [.. Formats, .. extra];
        return new Option<string>("--output", "-o")
        {
            Description = "Output format: " + string.Join(", ", formats),
            DefaultValueFactory = _ => "text",
        }.AcceptOnlyFromAmong(formats);
    }
}
