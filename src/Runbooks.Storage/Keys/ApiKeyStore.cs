using System.Data.Common;
using Runbooks.Core;

namespace Runbooks.Storage.Keys;

/// <summary>
/// The server's API keys (<c>runbooks keys create|list|revoke</c>), in the journal database so every server on it knows
/// the same keys. Only a SHA-256 of each secret is stored; the key's text is shown once, when it is created.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly JournalDatabase _database;

    /// <summary>The key store of a journal database (opened and migrated by <see cref="JournalStore"/>).</summary>
    public ApiKeyStore(JournalDatabase database) => _database = database ?? throw new ArgumentNullException(nameof(database));

    /// <summary>
    /// Creates a key named <paramref name="name"/> (letters, digits, <c>.-_@</c>, unique among keys not revoked) and returns
    /// it with its text, which is not stored and cannot be shown again.
    /// </summary>
    public async Task<(ApiKeyInfo Key, string Text)> CreateAsync(string name, ApiRole role, string createdBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (CheckName(name) is { } problem)
        {
            throw new RunbooksException(problem);
        }
        if (!Enum.IsDefined(role))
        {
            throw new RunbooksException($"unknown role {role}; allowed: viewer, operator, approver, admin");
        }
        var (id, text, hash) = ApiKeySecret.Create();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var taken = Sql.Command(connection, transaction, "SELECT COUNT(*) FROM api_keys WHERE name = @name AND revoked_at IS NULL", ("name", name)))
        {
            if (Convert.ToInt64(await taken.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                throw new RunbooksException($"there is already a key named {name}; revoke it first (runbooks keys revoke {name}) or choose another name");
            }
        }
        await using (var insert = Sql.Command(connection, transaction,
            "INSERT INTO api_keys (key_id, name, secret_sha256, role, created_at, created_by) VALUES (@id, @name, @hash, @role, @at, @by)",
            ("id", id), ("name", name), ("hash", hash), ("role", RoleText(role)), ("at", at), ("by", createdBy)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (new ApiKeyInfo(id, name, role, at, createdBy, null), text);
    }

    /// <summary>Every key, newest first, revoked ones included (they are the audit trail of who had access).</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT key_id, name, role, created_at, created_by, revoked_at FROM api_keys ORDER BY created_at DESC, name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<ApiKeyInfo>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(Read(reader));
        }
        return keys;
    }

    /// <summary>Revokes the key with this name or id (not yet revoked); false when there is none.</summary>
    public async Task<bool> RevokeAsync(string nameOrId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "UPDATE api_keys SET revoked_at = @at WHERE (name = @key OR key_id = @key) AND revoked_at IS NULL", ("at", at), ("key", nameOrId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>The key a request presented, or null when it is malformed, unknown, revoked or its secret is wrong.</summary>
    public async Task<ApiKeyInfo?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeySecret.TryParse(presented, out var id, out var secret))
        {
            return null;
        }
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT key_id, name, role, created_at, created_by, revoked_at, secret_sha256 FROM api_keys WHERE key_id = @id", ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var key = Read(reader);
        return key.RevokedAt is null && ApiKeySecret.Matches(secret, reader.GetString(6)) ? key : null;
    }

    /// <summary>Parses a role name (viewer, operator, approver, admin; any case).</summary>
    public static ApiRole? ParseRole(string text) => text?.ToLowerInvariant() switch
    {
        "viewer" => ApiRole.Viewer,
        "operator" => ApiRole.Operator,
        "approver" => ApiRole.Approver,
        "admin" => ApiRole.Admin,
        _ => null,
    };

    /// <summary>The role's name as stored and shown.</summary>
    public static string RoleText(ApiRole role) => role.ToString().ToLowerInvariant();

    private static string? CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            return $"'{name}' is not a valid key name: use 1–64 letters, digits, '.', '-', '_' or '@' (it names who uses the key, e.g. alertmanager or alice)";
        }
        return null;
    }

    private static ApiKeyInfo Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), ParseRole(reader.GetString(2)) ?? ApiRole.Viewer, Sql.Instant(reader, 3), reader.GetString(4), Sql.NullableInstant(reader, 5));
}
