namespace Runbooks.Core.Secrets;

/// <summary>Resolves <c>{{ secrets.name }}</c>. A missing secret stops the run before any step acts.</summary>
public interface ISecretProvider
{
    /// <summary>Looks a secret up by name.</summary>
    bool TryGet(string name, out string value);

    /// <summary>Tells the operator where this provider looks for a secret, for the error when it is missing.</summary>
    string Describe(string name);
}
