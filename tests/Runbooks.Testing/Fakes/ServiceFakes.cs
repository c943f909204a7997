using Runbooks.Testing.Ssh;

namespace Runbooks.Testing.Fakes;

/// <summary>
/// Fake systemctl, service, update-rc.d and chkconfig that keep each unit's state in $STATE/units/&lt;name&gt;/
/// (active: active|inactive|failed; enabled: enabled|disabled|static; broken: start fails; crashes: start returns 0
/// and the unit fails) and print what the real ones print.
/// </summary>
public static class ServiceFakes
{
    public const string Systemctl = """
        verb="$1"; shift
        name=""; for a in "$@"; do name="$a"; done
        u="$STATE/units/$name"
        st=$(cat "$u/active" 2>/dev/null || echo inactive)
        case "$verb" in
          is-system-running)
            if [ -f "$STATE/offline" ]; then echo offline; exit 1; fi
            echo running; exit 0 ;;
          show)
            if [ ! -e "$u" ]; then printf 'MainPID=0\nLoadState=not-found\nActiveState=inactive\nSubState=dead\nUnitFileState=\n'; exit 0; fi
            case "$st" in active) sub=running; pid=4242;; failed) sub=failed; pid=0;; *) sub=dead; pid=0;; esac
            printf 'MainPID=%s\nLoadState=loaded\nActiveState=%s\nSubState=%s\nUnitFileState=%s\n' "$pid" "$st" "$sub" "$(cat "$u/enabled" 2>/dev/null || echo disabled)"
            exit 0 ;;
          status)
            echo "x $name.service - fake unit"
            echo "     Loaded: loaded (/lib/systemd/system/$name.service; enabled; preset: enabled)"
            echo "     Active: $st"
            echo "Dec 01 10:00:00 h $name[4242]: bind() to 0.0.0.0:80 failed (98: Address already in use)"
            [ "$st" = active ] && exit 0; exit 3 ;;
          start|stop|restart|reload|enable|disable)
            if [ ! -e "$u" ]; then echo "Failed to $verb $name.service: Unit $name.service not found." >&2; exit 5; fi
            case "$verb" in
              start|restart)
                if [ -f "$u/broken" ]; then
                  echo failed > "$u/active"
                  echo "Job for $name.service failed because the control process exited with error code." >&2
                  echo "See \"systemctl status $name.service\" and \"journalctl -xeu $name.service\" for details." >&2
                  exit 1
                fi
                if [ -f "$u/crashes" ]; then echo failed > "$u/active"; exit 0; fi
                echo active > "$u/active" ;;
              stop) echo inactive > "$u/active" ;;
              reload)
                if [ "$st" != active ]; then echo "Failed to reload $name.service: Unit $name.service is not active." >&2; exit 1; fi ;;
              enable)
                if [ "$(cat "$u/enabled" 2>/dev/null)" = static ]; then
                  echo "The unit files have no installation config (WantedBy=, RequiredBy=, Also=," >&2; exit 0
                fi
                echo enabled > "$u/enabled"
                echo "Created symlink /etc/systemd/system/multi-user.target.wants/$name.service -> /lib/systemd/system/$name.service." >&2 ;;
              disable) echo disabled > "$u/enabled"; echo "Removed \"/etc/systemd/system/multi-user.target.wants/$name.service\"." >&2 ;;
            esac
            exit 0 ;;
        esac
        echo "Unknown command verb '$verb'." >&2; exit 1
        """;

    public const string Service = """
        name="$1"; verb="$2"; u="$STATE/units/$name"
        if [ ! -e "$u" ]; then echo "$name: unrecognized service" >&2; exit 1; fi
        st=$(cat "$u/active" 2>/dev/null || echo inactive)
        case "$verb" in
          status) if [ "$st" = active ]; then echo "$name is running (pid 777)."; exit 0; fi; echo "$name is not running."; exit 3 ;;
          start|restart)
            if [ -f "$u/broken" ]; then echo "Starting $name: failed!"; echo "$name: bind() failed: Address already in use" >&2; exit 1; fi
            echo active > "$u/active"; echo "Starting $name: $name." ;;
          stop) echo inactive > "$u/active"; echo "Stopping $name: $name." ;;
          reload) if [ "$st" != active ]; then echo "$name is not running"; exit 7; fi; echo "Reloading $name configuration." ;;
          *) echo "Usage: /etc/init.d/$name {start|stop|restart|reload|status}" >&2; exit 2 ;;
        esac
        exit 0
        """;

    public const string UpdateRcD = """
        u="$STATE/units/$1"
        [ -e "$u" ] || { echo "update-rc.d: error: cannot find a LSB script for $1" >&2; exit 1; }
        case "$2" in enable) echo enabled > "$u/enabled";; disable) echo disabled > "$u/enabled";; *) exit 1;; esac
        """;

    public const string Chkconfig = """
        u="$STATE/units/$1"
        [ -e "$u" ] || { echo "error reading information on service $1: No such file or directory" >&2; exit 1; }
        case "$2" in
          "") [ "$(cat "$u/enabled" 2>/dev/null)" = enabled ]; exit $? ;;
          on) echo enabled > "$u/enabled" ;;
          off) echo disabled > "$u/enabled" ;;
        esac
        """;

    /// <summary>systemd as on a booted host: systemctl answers is-system-running with "running".</summary>
    public static void AddSystemd(FakeCommands fakes) => fakes.Add("systemctl", Systemctl);

    /// <summary>
    /// A host without systemd: systemctl is installed but answers "offline" (as the real one does in a container),
    /// and SysV's service handles the scripts.
    /// </summary>
    public static void AddSysv(FakeCommands fakes)
    {
        fakes.Add("systemctl", Systemctl);
        fakes.Add("service", Service);
        File.WriteAllText(Path.Combine(fakes.StateDirectory, "offline"), "");
    }
}
