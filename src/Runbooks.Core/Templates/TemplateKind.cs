namespace Runbooks.Core.Templates;

/// <summary>How a template source is read.</summary>
public enum TemplateKind
{
    /// <summary>Text with <c>{{ … }}</c> holes, e.g. <c>http://{{ params.host }}/healthz</c>.</summary>
    Text,
    /// <summary>A bare expression, as in <c>if:</c> and <c>retry.when:</c>, e.g. <c>steps.check.outputs.active == false</c>.</summary>
    Expression,
}
