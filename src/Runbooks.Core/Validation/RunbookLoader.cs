using System.Security.Cryptography;
using System.Text;
using Runbooks.Core.Actions;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Model;
using Runbooks.Core.Templates;
using Runbooks.Core.Yaml;

namespace Runbooks.Core.Validation;

/// <summary>
/// Reads and validates runbooks: YAML safely into a tree, the grammar, then the rules that need the whole runbook
/// (actions, inputs, templates, references, shell quoting, sub-runbooks). Every problem is reported at once.
/// Thread-safe; results for unchanged files are not cached here (callers cache by content hash).
/// </summary>
public sealed class RunbookLoader
{
    private readonly ActionRegistry _actions;
    private readonly ITemplateEngine _templates;
    private readonly IReadOnlySet<string>? _maintenanceWindows;

    /// <summary>Creates a loader for a set of actions and a template engine; schedules' window names are not checked.</summary>
    public RunbookLoader(ActionRegistry actions, ITemplateEngine templates)
        : this(actions, templates, null)
    {
    }

    /// <summary>
    /// Creates a loader that also checks that every schedule's <c>window</c> is one of
    /// <paramref name="maintenanceWindows"/> (RB0117); null means the windows are not known, and names are not checked.
    /// </summary>
    public RunbookLoader(ActionRegistry actions, ITemplateEngine templates, IEnumerable<string>? maintenanceWindows)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(templates);
        _actions = actions;
        _templates = templates;
        _maintenanceWindows = maintenanceWindows?.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Loads a runbook file. A missing or unreadable file is a diagnostic, not an exception.</summary>
    public LoadResult LoadFile(string path) => LoadFile(path, new LoadSession());

    /// <summary>Loads runbook text; <paramref name="file"/> labels diagnostics and anchors sub-runbook paths.</summary>
    public LoadResult LoadText(string text, string file) => LoadText(text, file, new LoadSession());

    private LoadResult LoadFile(string path, LoadSession session)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LoadResult(null, [new Diagnostic(RuleCodes.YamlDocument, SourceSpan.None(path), "", $"cannot read the file: {ex.Message}")]);
        }
        return LoadText(text, path, session);
    }

    private LoadResult LoadText(string text, string file, LoadSession session)
    {
        var diagnostics = new DiagnosticBag();
        var root = SafeYamlReader.Read(text, file, new YamlLimits(), diagnostics);
        if (root is YamlScalarNode { Value: null })
        {
            diagnostics.Add(RuleCodes.YamlDocument, new SourceSpan(file, 1, 1), "", "the file is empty; a runbook needs at least name and steps");
            root = null;
        }
        if (root is null)
        {
            return new LoadResult(null, diagnostics.Sorted());
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var runbook = new RunbookBinder(file, diagnostics, _maintenanceWindows).Bind(root, hash);
        if (runbook is null)
        {
            return new LoadResult(null, diagnostics.Sorted());
        }
        runbook = runbook with { Source = text };
        var full = FullPath(file);
        session.Stack.Push(full);
        try
        {
            new RunbookValidator(runbook, _actions, _templates, diagnostics,
                (path, at) => LoadChild(runbook, path, at, session, diagnostics)).Validate();
        }
        finally
        {
            session.Stack.Pop();
        }
        return new LoadResult(runbook, diagnostics.Sorted());
    }

    private RunbookDefinition? LoadChild(RunbookDefinition parent, string path, TemplateValue at, LoadSession session, DiagnosticBag diagnostics)
    {
        var full = ResolveSubRunbookPath(parent.SourcePath, path);
        var reportKey = $"{FullPath(parent.SourcePath)}→{full}@{at.Span}";
        var firstReport = session.Reported.Add(reportKey);
        if (session.Stack.Contains(full))
        {
            if (firstReport)
            {
                var chain = session.Stack.Reverse().Append(full).Select(Path.GetFileName);
                diagnostics.Add(RuleCodes.CyclicRunbook, at.Span, at.Path,
                    $"runbooks call each other in a cycle: {string.Join(" → ", chain)}; a sub-runbook may not call a runbook that is already running");
            }
            return null;
        }
        if (!session.Loaded.TryGetValue(full, out var result))
        {
            if (!File.Exists(full))
            {
                if (firstReport)
                {
                    diagnostics.Add(RuleCodes.BadSubRunbook, at.Span, at.Path, $"sub-runbook '{path}' not found (looked at {full}); paths are relative to this runbook's folder");
                }
                return null;
            }
            result = LoadFile(full, session);
            session.Loaded[full] = result;
        }
        if (!result.IsValid && firstReport)
        {
            diagnostics.Add(RuleCodes.BadSubRunbook, at.Span, at.Path, $"sub-runbook '{path}' is invalid ({result.Diagnostics.Count} problem(s), listed with its file name)");
            diagnostics.AddRange(result.Diagnostics.Where(d => session.Reported.Add(d.ToString())));
        }
        return result.Runbook;
    }

    /// <summary>Resolves a sub-runbook path against the folder of the runbook that calls it.</summary>
    public static string ResolveSubRunbookPath(string parentFile, string path) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(FullPath(parentFile)) ?? ".", path));

    private static string FullPath(string file) => file.StartsWith('<') ? file : Path.GetFullPath(file);

    private sealed class LoadSession
    {
        public Stack<string> Stack { get; } = new();
        public Dictionary<string, LoadResult> Loaded { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);
    }
}
