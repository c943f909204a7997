using System.Text;

namespace Runbooks.Testing.Ssh;

/// <summary>One call of a fake command, read back from a <see cref="FakeCommands"/> ledger.</summary>
/// <param name="Host">The host it ran on.</param>
/// <param name="Command">The command's name, e.g. <c>systemctl</c>.</param>
/// <param name="Args">Its arguments, exactly as received.</param>
public sealed record FakeCall(string Host, string Command, IReadOnlyList<string> Args)
{
    /// <summary>The command and its arguments joined by spaces, for readable assertions (<c>systemctl restart nginx</c>).</summary>
    public string Line => Args.Count == 0 ? Command : Command + " " + string.Join(' ', Args);

    /// <summary>Reads a ledger file; a missing file is an empty ledger.</summary>
    public static IReadOnlyList<FakeCall> Read(string ledgerFile)
    {
        if (!File.Exists(ledgerFile))
        {
            return [];
        }
        return [.. File.ReadAllLines(ledgerFile).Where(l => l.Length > 0).Select(Parse)];
    }

    private static FakeCall Parse(string line)
    {
        var fields = line.Split('\t');
        return new FakeCall(fields[0], fields.Length > 1 ? fields[1] : "", [.. fields.Skip(2).Select(Unescape)]);
    }

    private static string Unescape(string field)
    {
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 1 < field.Length)
            {
                i++;
                text.Append(field[i] switch { 't' => '\t', 'n' => '\n', _ => field[i] });
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();
    }
}
