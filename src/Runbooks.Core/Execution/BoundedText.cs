using System.Text;

namespace Runbooks.Core.Execution;

/// <summary>
/// Accumulates text up to a byte bound and counts what it drops, so that a command printing gigabytes cannot
/// exhaust memory, and the operator still sees that output was cut and by how much.
/// </summary>
public sealed class BoundedText
{
    private readonly StringBuilder _text = new();
    private readonly int _maxBytes;
    private long _bytes;
    private long _dropped;

    /// <summary>Creates a buffer that keeps at most <paramref name="maxBytes"/> bytes of UTF-8.</summary>
    public BoundedText(int maxBytes) => _maxBytes = maxBytes;

    /// <summary>Whether anything was dropped.</summary>
    public bool Truncated => _dropped > 0;

    /// <summary>Appends text; returns false when it did not fit (wholly or partly).</summary>
    public bool Append(string text)
    {
        var size = Encoding.UTF8.GetByteCount(text);
        if (_bytes + size <= _maxBytes)
        {
            _text.Append(text);
            _bytes += size;
            return true;
        }
        var room = (int)Math.Max(0, _maxBytes - _bytes);
        var kept = 0;
        var keptBytes = 0;
        while (kept < text.Length)
        {
            var charBytes = Encoding.UTF8.GetByteCount(text.AsSpan(kept, char.IsHighSurrogate(text[kept]) && kept + 1 < text.Length ? 2 : 1));
            if (keptBytes + charBytes > room)
            {
                break;
            }
            keptBytes += charBytes;
            kept += char.IsHighSurrogate(text[kept]) && kept + 1 < text.Length ? 2 : 1;
        }
        _text.Append(text, 0, kept);
        _bytes += keptBytes;
        _dropped += size - keptBytes;
        return false;
    }

    /// <summary>The text kept, followed by a marker when anything was dropped.</summary>
    public override string ToString() =>
        Truncated ? _text + TruncationMarker(_dropped) : _text.ToString();

    /// <summary>The marker appended to cut output.</summary>
    public static string TruncationMarker(long droppedBytes) => $"\n…[truncated {droppedBytes} bytes]";

    /// <summary>Bounds a finished string the same way.</summary>
    public static string Bound(string text, int maxBytes)
    {
        var buffer = new BoundedText(maxBytes);
        buffer.Append(text);
        return buffer.ToString();
    }
}
