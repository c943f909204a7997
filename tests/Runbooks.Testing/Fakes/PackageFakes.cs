using Runbooks.Testing.Ssh;

namespace Runbooks.Testing.Fakes;

/// <summary>
/// Fake apt-get, dpkg-query, dnf, yum, rpm, needs-restarting and zypper over one package database in
/// $STATE/pkg/&lt;name&gt;/: installed (version), candidate (the repository's newer version) and suite (apt origin; a
/// suite containing -security makes it a security update for every manager). Each prints what the real one prints.
/// </summary>
public static class PackageFakes
{
    private const string Library = """
        P="$STATE/pkg"
        installed() { cat "$P/$1/installed" 2>/dev/null; }
        candidate() { cat "$P/$1/candidate" 2>/dev/null; }
        suite() { cat "$P/$1/suite" 2>/dev/null || echo "Debian:12.5/stable"; }
        is_security() { case "$(suite "$1")" in *-security*) return 0;; esac; return 1; }
        upgradable() { for d in "$P"/*; do [ -f "$d/installed" ] && [ -f "$d/candidate" ] && basename "$d"; done; return 0; }
        do_upgrade() { if [ -f "$P/$1/candidate" ] && [ -f "$P/$1/installed" ]; then mv "$P/$1/candidate" "$P/$1/installed"; rm -f "$P/$1/suite"; fi; }
        do_install() {
          n="${1%%=*}"; v=""; case "$1" in *=*) v="${1#*=}";; esac
          if [ -n "$v" ]; then mkdir -p "$P/$n"; echo "$v" > "$P/$n/installed"; rm -f "$P/$n/candidate"; return 0; fi
          [ -f "$P/$n/candidate" ] || { echo "E: Unable to locate package $n" >&2; return 100; }
          mv "$P/$n/candidate" "$P/$n/installed"
        }
        selected() { [ -z "$names" ] || case " $names " in *" $1 "*) return 0;; *) return 1;; esac; }
        """;

    private const string AptGet = """
        sim=0; verb=""; only=0; after=0; names=""
        for a in "$@"; do
          if [ $after = 1 ]; then names="$names $a"; continue; fi
          case "$a" in -s) sim=1;; --) after=1;; --only-upgrade) only=1;; update|upgrade|install|remove) verb="$a";; esac
        done
        case "$verb" in
          update) echo "Hit:1 http://deb.debian.org/debian bookworm InRelease"; echo "Reading package lists..."; exit 0 ;;
          upgrade)
            echo "Reading package lists..."; echo "Building dependency tree..."; echo "Reading state information..."; echo "Calculating upgrade..."
            if [ $sim = 1 ]; then
              c=0
              for n in $(upgradable); do echo "Inst $n [$(installed $n)] ($(candidate $n) $(suite $n) [amd64])"; c=$((c+1)); done
              for n in $(upgradable); do echo "Conf $n ($(candidate $n) $(suite $n) [amd64])"; done
              echo "$c upgraded, 0 newly installed, 0 to remove and 0 not upgraded."
              exit 0
            fi
            for n in $(upgradable); do
              echo "Setting up $n ($(candidate $n)) ..."; do_upgrade $n
              if [ -f "$STATE/fail-upgrade" ]; then echo "E: Sub-process /usr/bin/dpkg returned an error code (1)" >&2; exit 100; fi
            done
            exit 0 ;;
          install)
            for s in $names; do
              if [ $only = 1 ]; then do_upgrade "$s"; else do_install "$s" || exit 100; fi
            done
            exit 0 ;;
          remove) for n in $names; do echo "Removing $n ($(installed $n)) ..."; rm -f "$P/$n/installed"; done; exit 0 ;;
        esac
        echo "E: Invalid operation $verb" >&2; exit 100
        """;

    private const string DpkgQuery = """
        after=0; rc=0
        for a in "$@"; do
          if [ $after = 1 ]; then
            v=$(installed "$a")
            if [ -n "$v" ]; then printf '%s\t%s\tii \n' "$a" "$v"; else echo "dpkg-query: no packages found matching $a" >&2; rc=1; fi
          fi
          [ "$a" = "--" ] && after=1
        done
        exit $rc
        """;

    private const string Dnf = """
        verb=""; sub=""; sec=0; after=0; names=""
        for a in "$@"; do
          if [ $after = 1 ]; then names="$names $a"; continue; fi
          case "$a" in --) after=1;; --security) sec=1;; -*) ;; *) if [ -z "$verb" ]; then verb="$a"; elif [ -z "$sub" ]; then sub="$a"; fi;; esac
        done
        case "$verb" in
          makecache) echo "Metadata cache created."; exit 0 ;;
          check-update)
            any=0
            for n in $(upgradable); do
              if [ ${#n} -gt 30 ]; then echo "$n.x86_64"; printf '%-41s %-30s %s\n' "" "$(candidate $n)" updates; else printf '%-40s %-30s %s\n' "$n.x86_64" "$(candidate $n)" updates; fi
              any=1
            done
            [ $any = 1 ] && exit 100; exit 0 ;;
          updateinfo)
            for n in $(upgradable); do is_security $n && printf '%-20s %-15s %s\n' "FEDORA-2024-$n" "Important/Sec." "$n-$(candidate $n).x86_64"; done
            exit 0 ;;
          upgrade)
            for n in $(upgradable); do selected $n || continue; if [ $sec = 1 ] && ! is_security $n; then continue; fi; do_upgrade $n; done
            echo "Complete!"; exit 0 ;;
          install) for s in $names; do do_install "$s" || { echo "Error: Unable to find a match: $s" >&2; exit 1; }; done; echo "Complete!"; exit 0 ;;
          remove) for n in $names; do rm -f "$P/$n/installed"; done; echo "Complete!"; exit 0 ;;
        esac
        echo "No such command: $verb." >&2; exit 1
        """;

    private const string Rpm = """
        after=0; rc=0
        for a in "$@"; do
          if [ $after = 1 ]; then
            v=$(installed "$a")
            if [ -n "$v" ]; then printf '%s\t%s\n' "$a" "$v"; else echo "package $a is not installed"; rc=$((rc+1)); fi
          fi
          [ "$a" = "--" ] && after=1
        done
        exit $rc
        """;

    private const string NeedsRestarting = """
        if [ -f "$STATE/reboot" ]; then
          echo "Core libraries or services have been updated since boot-up:"; echo "  * kernel"; echo
          echo "Reboot is required to fully utilize these updates."; echo "More information: https://access.redhat.com/solutions/27943"; exit 1
        fi
        echo "No core libraries or services have been updated since boot-up."; echo "Reboot should not be necessary."; exit 0
        """;

    private const string Zypper = """
        verb=""; after=0; names=""; xml=0
        for a in "$@"; do
          if [ $after = 1 ]; then names="$names $a"; continue; fi
          case "$a" in --) after=1;; --xmlout) xml=1;; -*) ;; *) [ -z "$verb" ] && verb="$a";; esac
        done
        head() { echo "<?xml version='1.0'?>"; echo "<stream>"; echo '<message type="info">Loading repository data...</message>'; echo '<message type="info">Reading installed packages...</message>'; echo '<update-status version="0.6">'; echo "<update-list>"; }
        tail() { echo "</update-list>"; echo "</update-status>"; echo "</stream>"; }
        case "$verb" in
          refresh) echo "All repositories have been refreshed."; exit 0 ;;
          list-updates)
            head
            for n in $(upgradable); do
              echo "<update kind=\"package\" name=\"$n\" edition=\"$(candidate $n)\" arch=\"x86_64\" edition-old=\"$(installed $n)\" >"
              echo "<summary>$n update</summary>"; echo "<description></description>"; echo "<license></license>"
              echo '<source url="http://download.opensuse.org/update/leap/15.5/oss" alias="repo-update"/>'; echo "</update>"
            done
            tail; exit 0 ;;
          list-patches)
            head
            for n in $(upgradable); do
              is_security $n || continue
              echo "<update interactive=\"false\" kind=\"patch\" name=\"openSUSE-SLE-15.5-2024-$n\" edition=\"1\" arch=\"noarch\" status=\"needed\" category=\"security\" severity=\"important\" pkgmanager=\"false\" restart=\"false\">"
              echo "<summary>Security update for $n</summary>"; echo "<description></description>"; echo "<license></license>"
              echo '<source url="http://download.opensuse.org/update/leap/15.5/oss" alias="repo-update"/>'; echo "</update>"
            done
            tail; exit 0 ;;
          update|patch)
            for n in $(upgradable); do selected $n || continue; if [ "$verb" = patch ] && ! is_security $n; then continue; fi; do_upgrade $n; done
            [ -f "$STATE/zypper-reboot" ] && exit 102; exit 0 ;;
          install) for s in $names; do do_install "$s" || { echo "No provider of '$s' found." >&2; exit 104; }; done; exit 0 ;;
          remove) for n in $names; do rm -f "$P/$n/installed"; done; exit 0 ;;
          needs-rebooting) [ -f "$STATE/reboot" ] && exit 102; exit 0 ;;
        esac
        echo "Unknown command '$verb'" >&2; exit 1
        """;

    /// <summary>Adds every fake, each sourcing the shared library.</summary>
    public static void AddAll(FakeCommands fakes)
    {
        var library = Path.Combine(fakes.Directory, "pkglib.sh");
        File.WriteAllText(library, Library);
        var source = $". '{library}'\n";
        fakes.Add("apt-get", source + AptGet);
        fakes.Add("dpkg-query", source + DpkgQuery);
        fakes.Add("dnf", source + Dnf);
        fakes.Add("yum", source + Dnf);
        fakes.Add("rpm", source + Rpm);
        fakes.Add("needs-restarting", NeedsRestarting);
        fakes.Add("zypper", source + Zypper);
    }
}
