using Scriban.Parsing;
using Scriban.Syntax;

namespace Runbooks.Core.Templates;

/// <summary>Raised inside a render for a missing member; its message is already the operator-facing one.</summary>
#pragma warning disable CA1032 // Only the engine raises it, always with a span and a message.
#pragma warning disable CA1064 // Never escapes the engine: it is translated to TemplateException.
internal sealed class UndefinedVariableException(SourceSpan span, string message) : ScriptRuntimeException(span, message);
#pragma warning restore CA1064
#pragma warning restore CA1032
