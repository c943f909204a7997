using Runbooks.Testing.Fakes;
namespace Runbooks.Actions.Tests.Service;

/// <summary>A host managed by systemd (fake systemctl answering "running").</summary>
public sealed class SystemdHostFixture : FakeSshHost
{
    public SystemdHostFixture()
        : base(ServiceFakes.AddSystemd)
    {
    }

    /// <summary>Declares a unit: its ActiveState, its UnitFileState, and optional behaviour flags (broken, crashes).</summary>
    public void Unit(string name, string active, string enabled = "enabled", params string[] flags)
    {
        Write($"units/{name}/active", active);
        Write($"units/{name}/enabled", enabled);
        foreach (var flag in flags)
        {
            Write($"units/{name}/{flag}", "");
        }
    }
}
