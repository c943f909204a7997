using Runbooks.Bench.Harness;
using Scriban;
using Scriban.Runtime;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Runbooks.Bench.WorkflowCorePeer;

/// <summary>
/// What a Runbooks <c>set</c> step does, as a WorkflowCore step: render the shared template (parsed once, rendered
/// with shared builtins and fresh globals, like Runbooks) into the step's output, and log one event.
/// </summary>
internal sealed class SetStep(SetStepShared shared) : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = (BenchData)context.Workflow.Data;
        var parameters = new ScriptObject(1);
        parameters.SetValue("greeting", data.Greeting, readOnly: true);
        var run = new ScriptObject(1);
        run.SetValue("id", context.Workflow.Id, readOnly: true);
        var globals = new ScriptObject(2);
        globals.SetValue("params", parameters, readOnly: true);
        globals.SetValue("run", run, readOnly: true);
        var template = new TemplateContext(shared.Builtins) { StrictVariables = true };
        template.PushGlobal(globals);
        var value = shared.Template.Render(template);

        data.Outputs[context.Step.Id] = value;
        shared.Log.Information("Step {StepId} of {WorkflowId} set v = {Value}", context.Step.Id, context.Workflow.Id, value);
        if (context.Step.Id == data.LastStepId && data.Countdown is { } countdown)
        {
            countdown.Finished(value == StepTemplate.Expected(context.Workflow.Id) ? null : $"Workflow {context.Workflow.Id}: wrong output '{value}'.");
        }
        return ExecutionResult.Next();
    }
}
