using System.Text;
using Runbooks.Core.Actions;
using Runbooks.Core.Execution;

namespace Runbooks.Actions.Files;

/// <summary>
/// Reads a regular file's bytes from the target exactly (base64 over stdout, so line endings, a missing final newline
/// and any byte survive) and decodes them as strict UTF-8 text. The output is never logged: base64 would carry a
/// secret past the log masker.
/// </summary>
internal static class FileContent
{
    private const int Absent = 66;
    private const int NotRegular = 65;
    private const int Unreadable = 77;

    /// <summary>$1 = path, $2 = how many bytes to read at most. Exit 66: absent; 65: not a regular file; 77: unreadable.</summary>
    public const string Script = """
        p=$1
        [ -e "$p" ] || exit 66
        [ -f "$p" ] || exit 65
        [ -r "$p" ] || exit 77
        head -c "$2" -- "$p" | base64
        """;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The result of a read: the bytes (at most the limit), whether more were there, or why it failed.</summary>
    public sealed record Read(byte[] Bytes, bool Truncated, bool Missing, string? Error);

    /// <summary>Reads up to <paramref name="maxBytes"/> bytes (following a symbolic link).</summary>
    public static async Task<Read> ReadAsync(ActionContext context, string path, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = new CommandRequest
        {
            Script = Script,
            ScriptArgs = [path, (maxBytes + 1L).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            // base64 is 4/3 of the bytes plus a newline every 76 characters, plus room for an error message.
            MaxOutputBytes = (int)Math.Min(int.MaxValue, (maxBytes + 1L) * 4 / 3 + (maxBytes / 57) + 4096),
        };
        var result = await context.Executor.RunAsync(request, cancellationToken);
        var target = context.Executor.Target.Name;
        switch (result.ExitCode)
        {
            case 0:
                break;
            case Absent:
                return new([], false, true, $"'{path}' does not exist on {target}");
            case NotRegular:
                return new([], false, false, $"'{path}' on {target} is not a regular file (a directory or a device); only regular files can be read");
            case Unreadable:
                return new([], false, false, $"'{path}' on {target} is not readable by the login user; read it as a user who may (inventory user or sudo)");
            default:
                return new([], false, false, $"cannot read '{path}' on {target} (exit code {result.ExitCode}): {result.Stderr.Trim()}");
        }
        var bytes = Convert.FromBase64String(result.Stdout);
        return bytes.Length > maxBytes ? new(bytes[..maxBytes], true, false, null) : new(bytes, false, false, null);
    }

    /// <summary>
    /// Decodes bytes as UTF-8 text; refuses binary content (a NUL byte) and invalid UTF-8. When the bytes were cut at a
    /// limit, an incomplete character at the very end is dropped rather than refused.
    /// </summary>
    public static (string? Text, string? Error) Decode(byte[] bytes, bool truncated, string path)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            return (null, $"'{path}' holds binary data (a NUL byte at offset {nul}); file actions handle text only");
        }
        var length = bytes.Length;
        if (truncated)
        {
            // Back up over a multi-byte character cut by the limit: at most three continuation bytes and its lead byte.
            var back = 0;
            while (back < 3 && back < length && (bytes[length - 1 - back] & 0xC0) == 0x80)
            {
                back++;
            }
            if (back < length && bytes[length - 1 - back] >= 0xC0 && Utf8Length(bytes[length - 1 - back]) > back + 1)
            {
                length -= back + 1;
            }
        }
        try
        {
            return (StrictUtf8.GetString(bytes, 0, length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, $"'{path}' is not UTF-8 text; file actions handle UTF-8 text only");
        }
    }

    private static int Utf8Length(byte lead) => lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
}
