using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Inventory.Ansible;

/// <summary>
/// A warning (something not carried over) or an error (input the importer cannot read), printed as
/// <c>file:line:column: message</c>.
/// </summary>
/// <param name="Span">Where in the Ansible inventory it comes from.</param>
/// <param name="Message">What happened and what the operator should do.</param>
public sealed record ImportMessage(SourceSpan Span, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Span}: {Message}";
}
