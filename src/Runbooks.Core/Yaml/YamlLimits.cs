namespace Runbooks.Core.Yaml;

/// <summary>
/// Bounds on a runbook document, so that a hostile file (a billion-laughs alias bomb, absurd nesting, a huge file)
/// is rejected with a clear error instead of exhausting the process.
/// </summary>
internal sealed record YamlLimits
{
    /// <summary>Bytes of YAML accepted. Default 1 MiB.</summary>
    public int MaxBytes { get; init; } = 1024 * 1024;

    /// <summary>Nesting depth of lists and maps. Default 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Nodes after counting every alias as a copy of what it points at. Default 100,000.</summary>
    public int MaxNodes { get; init; } = 100_000;

    /// <summary>Aliases (<c>*name</c>) in one document. Default 1,000.</summary>
    public int MaxAliases { get; init; } = 1_000;
}
