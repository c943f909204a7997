using System.CommandLine;

namespace Runbooks.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config")
    {
        Description = "Path to appsettings.json (default: ./appsettings.json, else the one beside the executable)",
    };

    public static Option<string> Output() => new Option<string>("--output", "-o")
    {
        Description = "Output format: text for people, json for machines",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", "json");
}
