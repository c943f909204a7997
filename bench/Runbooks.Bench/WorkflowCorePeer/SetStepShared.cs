using Runbooks.Bench.Harness;
using Scriban;
using Scriban.Runtime;
using ILogger = Serilog.ILogger;

namespace Runbooks.Bench.WorkflowCorePeer;

/// <summary>What every <see cref="SetStep"/> shares: the logger, the template parsed once, Scriban's builtins built once.</summary>
internal sealed class SetStepShared(ILogger log)
{
    public ILogger Log { get; } = log;

    public Template Template { get; } = Template.Parse(StepTemplate.Text);

    public ScriptObject Builtins { get; } = new TemplateContext().BuiltinObject;
}
