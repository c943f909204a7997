using Runbooks.Testing.Fakes;
using Runbooks.Testing.Ssh;

namespace Runbooks.Actions.Tests.Service;

/// <summary>
/// A host without systemd: systemctl answers "offline", SysV's service runs the scripts. The login PATH leaves out
/// /usr/sbin and /sbin so the machine's own update-rc.d is not found: each test adds update-rc.d or chkconfig (or
/// neither) itself.
/// </summary>
public sealed class SysvHostFixture : FakeSshHost
{
    public SysvHostFixture()
        : base(ServiceFakes.AddSysv, fakes => new SshdOptions
        {
            Environment = new Dictionary<string, string>(fakes.Environment, StringComparer.Ordinal) { ["PATH"] = $"{fakes.BinDirectory}:/usr/bin:/bin" },
        })
    {
    }

    public override void Reset()
    {
        base.Reset();
        File.WriteAllText(Path.Combine(State, "offline"), "");
        File.Delete(Path.Combine(Fakes.BinDirectory, "update-rc.d"));
        File.Delete(Path.Combine(Fakes.BinDirectory, "chkconfig"));
    }

    public void Script(string name, string active, string enabled = "disabled", params string[] flags)
    {
        Write($"units/{name}/active", active);
        Write($"units/{name}/enabled", enabled);
        foreach (var flag in flags)
        {
            Write($"units/{name}/{flag}", "");
        }
    }
}
