namespace Runbooks.Actions.Service;

/// <summary>What a <c>service.*</c> action does; each verb is its own action name.</summary>
internal enum ServiceVerb
{
    Status,
    Start,
    Stop,
    Restart,
    Reload,
    Enable,
    Disable,
}
