namespace Runbooks.Cli.Tests.TestSupport;

/// <summary>A fresh directory per test: the CLI's working directory (its logs/ land here) and a place for runbooks.</summary>
internal sealed class TempWorkDir : IDisposable
{
    public TempWorkDir()
    {
        // Workflows constrain paths to [A-Za-z0-9._/-], so the name stays within that set.
        Path = Directory.CreateTempSubdirectory("runbooks-cli-").FullName;
    }

    public string Path { get; }

    /// <summary>The full path of a file or folder inside.</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a file (creating folders) and returns its full path.</summary>
    public string Write(string relative, string text)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still be writing; the OS cleans temp eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }
}
