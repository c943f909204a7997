using System.Collections.Concurrent;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Runbooks.Core.Templates;

/// <summary>
/// The <see cref="ITemplateEngine"/> over Scriban. Thread-safe: compiled templates are cached and shared, and every
/// render gets its own context. See <see cref="TemplateLimits"/> for the bounds on a render.
/// </summary>
public sealed class ScribanTemplateEngine : ITemplateEngine
{
    // Templates are parsed once per runbook version; past this many distinct sources the cache starts over rather
    // than grow without bound (a long-lived server loading many versions).
    private const int MaxCachedTemplates = 10_000;

    private static readonly LexerOptions ScriptOnly = new() { Mode = ScriptMode.ScriptOnly };

    private readonly TemplateLimits _limits;
    private readonly ConcurrentDictionary<(TemplateKind Kind, string Source), CompiledTemplate> _cache = new();

    /// <summary>Creates an engine with the default <see cref="TemplateLimits"/>.</summary>
    public ScribanTemplateEngine() : this(new TemplateLimits())
    {
    }

    /// <summary>Creates an engine with the given limits.</summary>
    public ScribanTemplateEngine(TemplateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
    }

    /// <inheritdoc />
    public CompiledTemplate Compile(string source, TemplateKind kind)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_cache.TryGetValue((kind, source), out var cached))
        {
            return cached;
        }
        var compiled = Parse(source, kind);
        if (_cache.Count >= MaxCachedTemplates)
        {
            _cache.Clear();
        }
        return _cache.GetOrAdd((kind, source), compiled);
    }

    /// <inheritdoc />
    public object? Evaluate(CompiledTemplate template, TemplateScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(scope);
        if (template.Parsed is not ScribanParsedTemplate parsed)
        {
            throw new ArgumentException("The template was not compiled by this engine.", nameof(template));
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (parsed.Fast is { } fast && fast.TryEvaluate(scope, parsed.Typed, out var quick))
        {
            return quick;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_limits.Timeout);
        var context = CreateContext(timeout.Token);
        context.PushGlobal(CreateGlobals(parsed, scope));
        try
        {
            if (!parsed.Typed)
            {
                return parsed.Template.Render(context);
            }
            var budget = _limits.MaxOutputChars;
            return ScriptValueConverter.FromScript(parsed.Template.Evaluate(context), ref budget);
        }
        catch (ScriptAbortException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (ScriptRuntimeException ex)
        {
            throw TemplateErrors.FromRuntime(ex, _limits, scope);
        }
        catch (TemplateException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or InsufficientExecutionStackException or OperationCanceledException))
        {
            var span = context.CurrentSpan;
            throw new TemplateException($"The template failed: {ex.Message}", span.Start.Line + 1, span.Start.Column + 1, ex);
        }
    }

    private SandboxTemplateContext CreateContext(CancellationToken cancellationToken) => new(SandboxBuiltins.Instance, _limits.MaxAllocatedBytes)
    {
        StrictVariables = true,
        EnableRelaxedMemberAccess = false,
        EnableRelaxedFunctionAccess = false,
        EnableRelaxedTargetAccess = false,
        // Values are ScriptObjects; no .NET member is ever reachable, even of a string or a TimeSpan.
        MemberFilter = static _ => false,
        MemberRenamer = static member => member.Name,
        TemplateLoader = null,
        LoopLimit = _limits.LoopLimit,
        LoopLimitQueryable = _limits.LoopLimit,
        RecursiveLimit = _limits.RecursionLimit,
        LimitToString = _limits.MaxOutputChars,
        OutputLimit = _limits.MaxOutputChars,
        OnStringLimit = ScriptLimitBehavior.Throw,
        OnOutputLimit = ScriptLimitBehavior.Throw,
        RegexTimeOut = _limits.Timeout,
        CancellationToken = cancellationToken,
    };

    private static ScriptObject CreateGlobals(ScribanParsedTemplate parsed, TemplateScope scope)
    {
        var roots = parsed.Needs.Children;
        var globals = new ScriptObject(roots.Count);
        foreach (var (name, needs) in roots)
        {
            if (scope.Roots.TryGetValue(name, out var value))
            {
                globals.SetValue(name, ScriptValueConverter.ToScript(value, name, needs), readOnly: true);
            }
        }
        return globals;
    }

    private CompiledTemplate Parse(string source, TemplateKind kind)
    {
        if (source.Length > _limits.MaxSourceChars)
        {
            throw new TemplateException(
                $"The template is {source.Length} characters long; at most {_limits.MaxSourceChars} are allowed (MaxSourceChars). Shorten it.",
                0,
                0);
        }
        if (kind == TemplateKind.Expression)
        {
            var expression = ParseChecked(TemplateSource.StripOuterBraces(source), ScriptOnly);
            RequireSingleExpression(expression);
            var (references, needs, locals) = TemplateReferenceCollector.Collect(expression.Page!);
            return new CompiledTemplate(source, kind, isSingleExpression: true, references,
                new ScribanParsedTemplate(expression, Typed: true, needs, FastPathTemplate.ForExpression(TemplateSource.StripOuterBraces(source))))
            {
                Locals = locals,
            };
        }

        var text = ParseChecked(source, lexerOptions: null);
        var (textReferences, textNeeds, textLocals) = TemplateReferenceCollector.Collect(text.Page!);
        var (controlFlow, shellSyntax) = ShellShape.Analyze(text.Page!);
        var single = TemplateSource.FindSingleExpression(text.Page!, source);
        if (single is null)
        {
            return new CompiledTemplate(source, kind, isSingleExpression: false, textReferences,
                new ScribanParsedTemplate(text, Typed: false, textNeeds, FastPathTemplate.ForText(source)))
            {
                Locals = textLocals,
                HasControlFlow = controlFlow,
                PrintsShellSyntax = shellSyntax,
            };
        }
        // The expression alone, blanked around so that positions in errors stay those of the original source.
        var typed = ParseChecked(TemplateSource.KeepOnly(source, single.Value.Start, single.Value.End), ScriptOnly);
        return new CompiledTemplate(source, kind, isSingleExpression: true, textReferences,
            new ScribanParsedTemplate(typed, Typed: true, textNeeds, FastPathTemplate.ForExpression(source[single.Value.Start..Math.Min(single.Value.End + 1, source.Length)])))
        {
            Locals = textLocals,
            HasControlFlow = controlFlow,
            PrintsShellSyntax = shellSyntax,
        };
    }

    private static Template ParseChecked(string source, LexerOptions? lexerOptions)
    {
        var template = Template.Parse(source, lexerOptions: lexerOptions);
        if (!template.HasErrors)
        {
            return template;
        }
        var errors = template.Messages.Where(m => m.Type == ParserMessageType.Error).ToList();
        var first = errors.Count > 0 ? errors[0] : template.Messages[0];
        var message = "Template syntax error: " + string.Join("; ", errors.Select(e => e.Message));
        var (line, column) = first.Span.Start.Line >= 0 && first.Span.Start.Column >= 0
            ? (first.Span.Start.Line + 1, first.Span.Start.Column + 1)
            : EndOf(source); // Scriban gives no position for an unexpected end of the source.
        throw new TemplateException(message, line, column);
    }

    private static (int Line, int Column) EndOf(string source)
    {
        var lastBreak = source.LastIndexOf('\n');
        return (source.Count(c => c == '\n') + 1, source.Length - lastBreak);
    }

    private static void RequireSingleExpression(Template expression)
    {
        var statements = expression.Page?.Body?.Statements.Where(s => s is not ScriptEscapeStatement).ToList() ?? [];
        if (statements is [ScriptExpressionStatement])
        {
            return;
        }
        var at = statements.Count > 1 ? statements[1].Span.Start : default;
        throw new TemplateException(
            statements.Count == 0
                ? "The expression is empty. Write a single expression, e.g. `steps.check.outputs.active == false`."
                : $"Expected a single expression, e.g. `steps.check.outputs.active == false`, but found {statements.Count} statements.",
            at.Line + 1,
            at.Column + 1);
    }
}
