using Scriban.Syntax;

namespace Runbooks.Core.Templates;

/// <summary>
/// Walks a parsed template and lists the variable paths it reads (<see cref="TemplateReference"/>), leaving out
/// builtins (<c>string.upcase</c>, <c>shell.quote</c>) and names the template defines itself (assignments, loop
/// variables, functions and their parameters, captures). Locals are found flow-insensitively: a name assigned
/// anywhere in the template is local everywhere in it. Also rejects the statements that would make the variables a
/// template reads impossible to know before it runs (<c>with</c>, <c>import</c>, <c>this</c>).
/// </summary>
internal sealed class TemplateReferenceCollector
{
    private readonly HashSet<string> _locals = new(StringComparer.Ordinal);
    private readonly List<TemplateReference> _references = [];
    private readonly ScopeNeeds _needs = new();

    private TemplateReferenceCollector()
    {
    }

    /// <summary>Every reference, and which parts of the scope a render can reach (see <see cref="ScopeNeeds"/>).</summary>
    public static (IReadOnlyList<TemplateReference> References, ScopeNeeds Needs, IReadOnlySet<string> Locals) Collect(ScriptNode root)
    {
        var collector = new TemplateReferenceCollector();
        collector.FindLocals(root);
        collector.Visit(root, quoted: false);
        return (collector._references, collector._needs, collector._locals);
    }

    private void FindLocals(ScriptNode? node)
    {
        switch (node)
        {
            case null:
                return;
            case ScriptWithStatement or ScriptImportStatement or ScriptThisExpression:
                var keyword = node switch { ScriptWithStatement => "with", ScriptImportStatement => "import", _ => "this" };
                throw new TemplateException(
                    $"`{keyword}` is not supported in runbook templates: it hides which variables the template reads. Write the full path instead, e.g. `params.host`.",
                    node.Span.Start.Line + 1,
                    node.Span.Start.Column + 1);
            case ScriptAssignExpression { Target: ScriptVariable assigned }:
                _locals.Add(assigned.Name);
                break;
            case ScriptForStatement { Variable: ScriptVariable loopVariable }:
                _locals.Add(loopVariable.Name);
                break;
            case ScriptFunction { NameOrDoToken: ScriptVariable function }:
                _locals.Add(function.Name);
                break;
            case ScriptParameter { Name: { } parameter }:
                _locals.Add(parameter.Name);
                break;
            case ScriptCaptureStatement { Target: ScriptVariable captured }:
                _locals.Add(captured.Name);
                break;
        }
        foreach (var child in node.Children ?? [])
        {
            FindLocals(child);
        }
    }

    /// <param name="node">The node.</param>
    /// <param name="quoted">Its value reaches the output through <c>shell.quote</c>.</param>
    /// <param name="transformedAfter">
    /// A function other than <c>shell.quote</c> is applied to its value afterwards, so a <c>shell.quote</c> inside it
    /// does not protect the output: <c>{{ params.x | shell.quote | string.replace "'" "" }}</c> is not quoted.
    /// </param>
    private void Visit(ScriptNode? node, bool quoted, bool transformedAfter = false)
    {
        switch (node)
        {
            case null or ScriptParameter or ScriptReadOnlyStatement or ScriptVariableLocal:
                return;
            case ScriptMemberExpression or ScriptIndexerExpression when TryReport((ScriptExpression)node, quoted):
                return;
            case ScriptMemberExpression member:
                Visit(member.Target, quoted, transformedAfter);
                return;
            case ScriptVariableGlobal global:
                Report(global, [global.Name], quoted);
                return;
            case ScriptVariable:
                return;
            case ScriptPipeCall pipe:
                // `a | f | g`: a reaches the output through g, the last function, whatever the nesting.
                var toQuotes = quoted || (!transformedAfter && IsShellQuote(LastOf(pipe.To)));
                Visit(pipe.From, toQuotes, transformedAfter: !toQuotes);
                Visit(pipe.To, quoted, transformedAfter);
                return;
            case ScriptFunctionCall call:
                Visit(call.Target, quoted, transformedAfter);
                var quotesArguments = quoted || (!transformedAfter && IsShellQuote(call.Target));
                foreach (var argument in call.Arguments)
                {
                    Visit(argument, quotesArguments, transformedAfter: !quotesArguments);
                }
                return;
            case ScriptAssignExpression assign:
                VisitAssignTarget(assign.Target, quoted);
                Visit(assign.Value, quoted);
                return;
            case ScriptObjectMember objectMember:
                Visit(objectMember.Value, quoted);
                return;
            case ScriptNamedArgument named:
                Visit(named.Value, quoted);
                return;
            case ScriptForStatement loop:
                Visit(loop.Iterator, quoted);
                foreach (var argument in loop.NamedArguments ?? [])
                {
                    Visit(argument, quoted);
                }
                Visit(loop.Body, quoted);
                Visit(loop.Else, quoted);
                return;
            case ScriptFunction function:
                Visit(function.Body, quoted);
                return;
            case ScriptCaptureStatement capture:
                Visit(capture.Body, quoted);
                return;
        }
        foreach (var child in node.Children ?? [])
        {
            Visit(child, quoted, transformedAfter);
        }
    }

    // Writing params.x or a[i] reads nothing but the indexes.
    private void VisitAssignTarget(ScriptExpression? target, bool quoted)
    {
        switch (target)
        {
            case ScriptIndexerExpression indexer:
                VisitAssignTarget(indexer.Target, quoted);
                Visit(indexer.Index, quoted);
                break;
            case ScriptMemberExpression member:
                VisitAssignTarget(member.Target, quoted);
                break;
            case ScriptVariableGlobal root:
                // Writing into a scope value must fail as read-only rather than as undefined: convert it.
                _needs.Add([root.Name]);
                break;
        }
    }

    // A chain of members and string-literal indexes from a root: params.host, steps['free-space'].outputs.x.
    private bool TryReport(ScriptExpression member, bool quoted)
    {
        var path = new List<string>();
        var current = member;
        while (true)
        {
            if (current is ScriptMemberExpression { Member: ScriptVariable name } link)
            {
                path.Add(name.Name);
                current = link.Target;
            }
            else if (current is ScriptIndexerExpression { Index: ScriptLiteral { Value: string key } } indexer)
            {
                path.Add(key);
                current = indexer.Target;
            }
            else
            {
                break;
            }
        }
        if (path.Count == 0)
        {
            return false;
        }
        if (current is not ScriptVariableGlobal root)
        {
            return false;
        }
        path.Add(root.Name);
        path.Reverse();
        Report(root, path, quoted);
        return true;
    }

    private void Report(ScriptVariableGlobal root, List<string> path, bool quoted)
    {
        if (SandboxBuiltins.Names.Contains(root.Name))
        {
            return;
        }
        if (_locals.Contains(root.Name))
        {
            // A local may shadow a scope root only after its assignment; before it the root is read whole.
            _needs.Add([root.Name]);
            return;
        }
        _needs.Add(path);
        _references.Add(new TemplateReference(path, quoted, root.Span.Start.Line + 1, root.Span.Start.Column + 1));
    }

    private static ScriptExpression? LastOf(ScriptExpression? to) => to is ScriptPipeCall pipe ? LastOf(pipe.To) : to;

    private bool IsShellQuote(ScriptExpression? expression) => expression switch
    {
        ScriptFunctionCall call => IsShellQuote(call.Target),
        ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "shell" }, Member: ScriptVariable { Name: "quote" } } =>
            !_locals.Contains("shell"),
        _ => false,
    };
}
