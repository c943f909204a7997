using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Runbooks.Core.Templates;

/// <summary>
/// A Scriban context that also bounds memory: string and output limits cap each value, but a loop can still keep
/// thousands of large values alive within the time limit (gigabytes in two seconds). Every loop step checks the bytes
/// this render has allocated on its thread against <see cref="TemplateLimits.MaxAllocatedBytes"/>. Renders are
/// synchronous, so the thread's allocation counter measures exactly this render.
/// </summary>
internal sealed class SandboxTemplateContext : TemplateContext
{
    private readonly long _startBytes = GC.GetAllocatedBytesForCurrentThread();
    private readonly long _maxBytes;

    public SandboxTemplateContext(ScriptObject builtins, long maxBytes) : base(builtins) => _maxBytes = maxBytes;

    protected override bool OnStepLoop(ScriptLoopStatementBase loop)
    {
        if (GC.GetAllocatedBytesForCurrentThread() - _startBytes > _maxBytes)
        {
            throw new ScriptRuntimeException(loop.Span, $"MaxAllocatedBytes exceeded: the render allocated more than {_maxBytes} bytes");
        }
        return base.OnStepLoop(loop);
    }
}
