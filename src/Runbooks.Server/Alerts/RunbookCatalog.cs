using Runbooks.Core.Model;
using Runbooks.Core.Validation;

namespace Runbooks.Server.Alerts;

/// <summary>
/// The valid runbooks of the folder, for alert matching: loaded again only when a file was added, removed or changed
/// (name, size, modification time), so a storm of notifications does not parse every file for every alert, and a
/// saved runbook applies from the next notification. Invalid files are left out (the API and validate report them).
/// </summary>
internal sealed class RunbookCatalog(string folder, RunbookLoader loader)
{
    private readonly Lock _gate = new();
    private string _stamp = "";
    private IReadOnlyList<RunbookDefinition> _runbooks = [];

    public IReadOnlyList<RunbookDefinition> Current()
    {
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
                .Where(f => (f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)) && !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal).ToList()
            : [];
        var stamp = string.Join("\n", files.Select(f => new FileInfo(f)).Select(f => $"{f.FullName}|{f.Length}|{f.LastWriteTimeUtc.Ticks}"));
        lock (_gate)
        {
            if (stamp == _stamp)
            {
                return _runbooks;
            }
        }
        var loaded = files.Select(loader.LoadFile).Where(r => r.IsValid).Select(r => r.Runbook!).ToList();
        lock (_gate)
        {
            (_stamp, _runbooks) = (stamp, loaded);
        }
        return loaded;
    }
}
