using Runbooks.Core;

namespace Runbooks.Actions.Package;

/// <summary>
/// A package-manager command failed in a way the action reports as a failed step (never escapes the action): the
/// message says which command, its exit code and its last lines of output.
/// </summary>
internal sealed class PackageManagerException : RunbooksException
{
    public PackageManagerException(string message)
        : base(message)
    {
    }

    public PackageManagerException()
    {
    }

    public PackageManagerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
