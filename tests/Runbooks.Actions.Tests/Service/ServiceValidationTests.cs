using Runbooks.Core.Actions;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;

namespace Runbooks.Actions.Tests.Service;

/// <summary>What the validator says about service.* inputs, as a runbook author sees it.</summary>
public sealed class ServiceValidationTests
{
    private static readonly RunbookLoader Loader = new(new ActionRegistry(BuiltInActions.Create(new HttpClient())), new ScribanTemplateEngine());

    [Theory]
    [InlineData("nginx")]
    [InlineData("getty@tty1.service")]
    [InlineData("systemd-fsck@dev-disk-by\\\\x2duuid-1234.service")]
    [InlineData("dbus-org.freedesktop.timedate1:x_y")]
    public void LoadText_UnitName_IsValid(string name)
    {
        Assert.Empty(Errors($"name: \"{name}\""));
    }

    [Theory]
    [InlineData("nginx; reboot")]
    [InlineData("$(reboot)")]
    [InlineData("-H root@evil")]
    [InlineData("a b")]
    [InlineData("nginx\\n")]
    public void LoadText_HostileName_IsRefused(string name)
    {
        var error = Assert.Single(Errors($"name: \"{name}\""));
        Assert.EndsWith("expected a service or unit name: letters, digits and @ : _ . - \\ (not starting with '-')", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_UnknownManager_IsRefusedWithTheAllowedValues()
    {
        var error = Assert.Single(Errors("name: nginx, manager: upstart"));
        Assert.Equal("rb.yaml:5:35: error RB0104 at steps[0].with.manager: 'upstart' is not allowed; allowed values: auto, systemd, sysv", error);
    }

    private static List<string> Errors(string with) =>
        [.. Loader.LoadText($"name: svc\nsteps:\n  - id: a\n    action: service.restart\n    with: {{ {with} }}\n", "rb.yaml").Diagnostics.Select(d => d.ToString())];
}
