using System.Text;
using Runbooks.Core.Execution;

namespace Runbooks.Transports.Local;

/// <summary>
/// Reads one output stream of a process to its end: keeps at most the bound in a <see cref="BoundedText"/>
/// (counting the rest) and reports each complete line as it arrives, until the bound is reached.
/// </summary>
internal sealed class OutputPump
{
    private readonly StreamReader _reader;
    private readonly string _stream;
    private readonly Action<OutputLine>? _onLine;
    private readonly StringBuilder _line = new();
    private readonly BoundedText _text;
    private bool _full;

    public OutputPump(StreamReader reader, string stream, int maxBytes, Action<OutputLine>? onLine)
    {
        _reader = reader;
        _stream = stream;
        _onLine = onLine;
        _text = new BoundedText(maxBytes);
    }

    /// <summary>The text kept so far, with a truncation marker when cut.</summary>
    public string Text => _text.ToString();

    /// <summary>Pumps until end of stream or until the token fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            Accept(buffer.AsSpan(0, read));
        }
        // A last line without a newline is still a line.
        if (_line.Length > 0 && !_full)
        {
            Emit();
        }
    }

    /// <summary>
    /// Pumps to the end of the stream with blocking reads, for streams whose reads are synchronous anyway (SSH.NET's):
    /// call it on a dedicated thread.
    /// </summary>
    public void Run()
    {
        var buffer = new char[4096];
        int read;
        while ((read = _reader.Read(buffer)) > 0)
        {
            Accept(buffer.AsSpan(0, read));
        }
        if (_line.Length > 0 && !_full)
        {
            Emit();
        }
    }

    private void Accept(ReadOnlySpan<char> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf('\n');
            var segment = newline < 0 ? chunk : chunk[..(newline + 1)];
            chunk = chunk[segment.Length..];
            if (_full)
            {
                // Past the bound only the count of dropped bytes grows; nothing is kept or reported.
                _text.Append(segment.ToString());
                continue;
            }
            if (!_text.Append(segment.ToString()))
            {
                _full = true;
                _line.Clear();
                continue;
            }
            // The line builder only ever holds kept text, so it is bounded by the same limit.
            _line.Append(newline < 0 ? segment : segment[..^1]);
            if (newline >= 0)
            {
                Emit();
            }
        }
    }

    private void Emit()
    {
        if (_line.Length > 0 && _line[^1] == '\r')
        {
            _line.Length--;
        }
        _onLine?.Invoke(new OutputLine(_stream, _line.ToString()));
        _line.Clear();
    }
}
