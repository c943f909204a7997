using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Tests;

public sealed class BuiltInActionsTests
{
    private static readonly IReadOnlyList<IRunbookAction> Actions = BuiltInActions.Create(new HttpClient());

    [Fact]
    public void Create_Always_ReturnsEveryBuiltInActionOnce()
    {
        var registry = new ActionRegistry(Actions);

        Assert.Equal(
            [
                "approval", "assert", "audit.check", "disk.usage", "file.exists", "file.line", "file.read", "file.write", "host.reboot", "http.check", "http.request",
                "log", "notify.webhook", "package.check", "package.install", "package.remove", "package.update", "process.kill",
                "process.list", "runbook", "service.disable", "service.enable", "service.reload", "service.restart", "service.start",
                "service.status", "service.stop", "set", "shell", "ssh.command", "ssh.script", "wait",
            ],
            registry.Names);
    }

    [Fact]
    public void Create_EveryDescriptor_IsAnObjectShapeWithDescribedFields()
    {
        foreach (var action in Actions)
        {
            var descriptor = action.Descriptor;
            Assert.Equal(ValueKind.Object, descriptor.Inputs.Kind);
            Assert.NotEmpty(descriptor.Description);
            Assert.All(descriptor.Inputs.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Shape.Description), $"{descriptor.Name}.{f.Name}"));
            Assert.All(descriptor.Inputs.ExactlyOneOf.SelectMany(g => g), name => Assert.NotNull(descriptor.Inputs.Field(name)));
        }
    }

    [Fact]
    public void Create_EveryExample_IsAValidStepOfAValidRunbook()
    {
        var actions = new ActionRegistry(Actions);
        var loader = new Runbooks.Core.Validation.RunbookLoader(actions, new Runbooks.Core.Templates.ScribanTemplateEngine());
        foreach (var action in Actions.Where(a => a.Descriptor.Example is not null))
        {
            var step = string.Join('\n', action.Descriptor.Example!.TrimEnd().Split('\n').Select(l => "  " + l));
            var errors = loader.LoadText($"name: example\nsteps:\n{step}\n", "/runbooks/example.yaml").Diagnostics.Select(d => d.ToString()).ToList();
            Assert.True(errors.Count == 0, $"{action.Descriptor.Name}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void Create_IdempotencyDefaults_MatchTheActionsSideEffects()
    {
        var idempotent = Actions.Where(a => a.Descriptor.IdempotentByDefault).Select(a => a.Descriptor.Name).Order(StringComparer.Ordinal);

        // service.restart and service.reload always act, so twice is two restarts: not idempotent. process.kill is not
        // either: a PID can be reused between two attempts.
        Assert.Equal(
            [
                "approval", "assert", "audit.check", "disk.usage", "file.exists", "file.line", "file.read", "file.write", "http.check", "log",
                "package.check", "package.install", "package.remove", "package.update", "process.list",
                "service.disable", "service.enable", "service.start", "service.status", "service.stop", "set", "wait",
            ],
            idempotent);
    }
}
