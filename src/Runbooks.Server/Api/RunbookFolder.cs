using System.Security.Cryptography;
using System.Text;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Validation;

namespace Runbooks.Server.Api;

/// <summary>
/// The runbooks folder as the API sees it: every <c>*.yaml</c>/<c>*.yml</c> file by runbook name, and saves that are
/// atomic (a temporary file in the same folder, then a rename) and conditional: a save names the version it replaces
/// (its content hash) and is refused when the file changed since, so nobody overwrites a newer version unknowingly.
/// </summary>
internal sealed class RunbookFolder(string folder, RunbookLoader loader) : IDisposable
{
    // One save at a time in this process, so the version check and the rename cannot interleave. Lives as long as the server.
    private readonly SemaphoreSlim _saving = new(1, 1);

    // The files as last read, with the stamp (path, size, modification time of each) they were read at: a request, or
    // an alert of a storm, parses the folder again only when a file was added, removed or changed.
    private readonly Lock _gate = new();
    private (string Stamp, IReadOnlyList<RunbookFile> Files) _read = ("", []);

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>
    /// Where text that is not a saved file yet is validated: a new file at the top of the folder, so its relative
    /// sub-runbook paths resolve from there.
    /// </summary>
    public string NewFilePath => Path.Combine(Folder, "runbook.yaml");

    /// <summary>Every runbook file, sorted by path; a file that does not parse is listed under its file name with its problems.</summary>
    public IReadOnlyList<RunbookFile> List()
    {
        var paths = Files(Folder);
        var stamp = string.Join("\n", paths.Select(p => new FileInfo(p)).Select(f => $"{f.FullName}|{f.Length}|{f.LastWriteTimeUtc.Ticks}"));
        lock (_gate)
        {
            if (_read.Stamp == stamp)
            {
                return _read.Files;
            }
        }
        IReadOnlyList<RunbookFile> read = [.. paths.Select(Read).OfType<RunbookFile>()];
        lock (_gate)
        {
            _read = (stamp, read);
        }
        return read;
    }

    /// <summary>The runbook files (<c>*.yaml</c>, <c>*.yml</c>, not hidden) in <paramref name="folder"/> and below, sorted; none when it does not exist.</summary>
    public static IReadOnlyList<string> Files(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories).Where(IsRunbookFile).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The file of the runbook named <paramref name="name"/>, or null.</summary>
    public RunbookFile? Find(string name) => List().FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    /// <summary>Validates <paramref name="text"/> as the runbook file <paramref name="path"/> would be, without writing anything.</summary>
    public LoadResult Validate(string text, string path) => loader.LoadText(text, path);

    /// <summary>
    /// Writes <paramref name="text"/> as runbook <paramref name="name"/>: a new file <c>&lt;name&gt;.yaml</c> when
    /// <paramref name="expectedHash"/> is null, else over the existing file only if it still has that hash.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(string name, string text, string? expectedHash, CancellationToken cancellationToken)
    {
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = Find(name);
            if (expectedHash is null && existing is not null)
            {
                return SaveOutcome.Conflict(existing, $"a runbook named {name} already exists ({RelativePath(existing.Path)}, version {existing.ContentHash}); update it with PUT and If-Match");
            }
            if (expectedHash is not null && existing is null)
            {
                return SaveOutcome.Missing($"there is no runbook named {name} to update; create it with POST /api/v1/runbooks");
            }
            if (existing is not null && !string.Equals(existing.ContentHash, expectedHash, StringComparison.Ordinal))
            {
                return SaveOutcome.Conflict(existing,
                    $"runbook {name} changed since you read it: you edited version {expectedHash}, the file is now version {existing.ContentHash}; reload it, merge your change and save again");
            }
            var path = existing?.Path ?? Path.Combine(Folder, name + ".yaml");
            var result = loader.LoadText(text, path);
            if (!result.IsValid)
            {
                return SaveOutcome.Invalid(result.Diagnostics);
            }
            if (!string.Equals(result.Runbook!.Name, name, StringComparison.Ordinal))
            {
                return SaveOutcome.Invalid([new Diagnostic(RuleCodes.YamlDocument, new SourceSpan(path, 1, 1), "name",
                    $"the runbook's name is {result.Runbook.Name} but it is saved as {name}; rename through the name in the path, not only in the file")]);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            // The rename replaces the file in one step: a reader (a worker loading it) sees the old or the new text, never half.
            File.Move(temporary, path, overwrite: true);
            return SaveOutcome.Saved(path, Hash(text), existing?.ContentHash);
        }
        finally
        {
            _saving.Release();
        }
    }

    /// <summary>Deletes runbook <paramref name="name"/> if it still has <paramref name="expectedHash"/>.</summary>
    public async Task<SaveOutcome> DeleteAsync(string name, string expectedHash, CancellationToken cancellationToken)
    {
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(name) is not { } existing)
            {
                return SaveOutcome.Missing($"there is no runbook named {name}");
            }
            if (!string.Equals(existing.ContentHash, expectedHash, StringComparison.Ordinal))
            {
                return SaveOutcome.Conflict(existing,
                    $"runbook {name} changed since you read it (you have version {expectedHash}, the file is version {existing.ContentHash}); reload it before deleting");
            }
            File.Delete(existing.Path);
            return SaveOutcome.Saved(existing.Path, null, existing.ContentHash);
        }
        finally
        {
            _saving.Release();
        }
    }

    /// <summary>The path relative to the folder, as the API shows it.</summary>
    public string RelativePath(string path)
    {
        var full = Path.GetFullPath(path);
        // Only names inside the folder are shown; anything else is reduced to its file name (no server paths leak).
        return full.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetRelativePath(Folder, full).Replace('\\', '/')
            : Path.GetFileName(full);
    }

    /// <summary>The content hash of runbook text, as the loader computes it.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private RunbookFile? Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // deleted or renamed while listing
        }
        var result = loader.LoadText(text, path);
        var name = result.Runbook?.Name ?? Path.GetFileNameWithoutExtension(path);
        return new RunbookFile(name, path, text, Hash(text), result.IsValid ? result.Runbook : null, result.Diagnostics);
    }

    public void Dispose() => _saving.Dispose();

    private static bool IsRunbookFile(string path) =>
        (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        && !Path.GetFileName(path).StartsWith('.');
}
