using Runbooks.Core.Actions;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;

namespace Runbooks.Actions.Tests.Package;

/// <summary>What the validator says about package names and every system action's example.</summary>
public sealed class PackageValidationTests
{
    private static readonly ActionRegistry Actions = new(BuiltInActions.Create(new HttpClient()));
    private static readonly RunbookLoader Loader = new(Actions, new ScribanTemplateEngine());

    [Theory]
    [InlineData("curl")]
    [InlineData("curl=7.88.1-10+deb12u5")]
    [InlineData("libc6:amd64")]
    [InlineData("nginx-1.24.0-1.fc39")]
    [InlineData("g++")]
    public void LoadText_PackageSpec_IsValid(string package)
    {
        Assert.Empty(Errors($"packages: [\"{package}\"]"));
    }

    [Theory]
    [InlineData("-oAPT::Get::AllowUnauthenticated=true")]
    [InlineData("curl; reboot")]
    [InlineData("$(reboot)")]
    [InlineData("curl\\n")]
    public void LoadText_HostilePackage_IsRefused(string package)
    {
        var error = Assert.Single(Errors($"packages: [\"{package}\"]"));
        Assert.EndsWith("expected a package name (optionally =version for apt, -version for dnf/yum/zypper): letters, digits and + . _ : ~ = -, starting with a letter or digit", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_EverySystemActionExample_IsAValidStep()
    {
        foreach (var action in Actions.All.Where(a => a.Descriptor.Name.StartsWith("service.", StringComparison.Ordinal) || a.Descriptor.Name.StartsWith("package.", StringComparison.Ordinal)))
        {
            var step = string.Join('\n', action.Descriptor.Example!.TrimEnd().Split('\n').Select(l => "  " + l));
            var errors = Loader.LoadText($"name: example\nsteps:\n{step}\n", "rb.yaml").Diagnostics.Select(d => d.ToString()).ToList();
            Assert.True(errors.Count == 0, $"{action.Descriptor.Name}: {string.Join("; ", errors)}");
        }
    }

    private static List<string> Errors(string with) =>
        [.. Loader.LoadText($"name: pkg\nsteps:\n  - id: a\n    action: package.install\n    with: {{ {with} }}\n", "rb.yaml").Diagnostics.Select(d => d.ToString())];
}
