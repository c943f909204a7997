namespace Runbooks.Core.Secrets;

/// <summary>
/// Reads <c>secrets.oncall_webhook</c> from the environment variable <c>RUNBOOKS_SECRET_ONCALL_WEBHOOK</c>
/// (name upper-cased, <c>-</c> and <c>.</c> turned into <c>_</c>). The value never appears in logs or outputs.
/// </summary>
public sealed class EnvironmentSecretProvider : ISecretProvider
{
    /// <summary>The prefix of every secret variable.</summary>
    public const string Prefix = "RUNBOOKS_SECRET_";

    /// <inheritdoc />
    public bool TryGet(string name, out string value)
    {
        value = Environment.GetEnvironmentVariable(VariableName(name)) ?? "";
        return value.Length > 0;
    }

    /// <inheritdoc />
    public string Describe(string name) => $"set the environment variable {VariableName(name)}";

    /// <summary>The environment variable that holds a secret.</summary>
    public static string VariableName(string name) =>
        Prefix + name.ToUpperInvariant().Replace('-', '_').Replace('.', '_');
}
