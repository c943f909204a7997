namespace Runbooks.Testing.Alertmanager;

/// <summary>
/// HTTP basic credentials Alertmanager sends to the webhook (<c>http_config.basic_auth</c>), as
/// <c>Authorization: Basic base64(user:password)</c>.
/// </summary>
/// <param name="Username">The user name.</param>
/// <param name="Password">The password.</param>
public sealed record WebhookBasicAuth(string Username, string Password);
