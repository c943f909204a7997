#!/usr/bin/env bash
# Runs every Runbooks test: builds the solution (warnings are errors), runs all test projects, then a short
# benchmark smoke run. Installs what the tests need if it is missing (Debian packages via apt-get; npm packages
# once the designer exists), so a fresh Debian machine with the .NET 10 SDK needs nothing else.
# Usage: bash .ci/test.sh            (CI=true is honoured: no prompts, plain output)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*"; }

# Debian packages the tests use, as "command:package" (a path instead of a command is tested with ls, for programs
# that are not on PATH). Later tiers add chromium here.
REQUIRED=(
  "ps:procps"
  "openssl:openssl"
  "find:findutils"
  "setsid:util-linux"
  "python3:python3"
  "ssh-keygen:openssh-client"
  "sshd:openssh-server"
  "/usr/lib/postgresql/*/bin/initdb:postgresql"
  "runuser:util-linux"
  "sudo:sudo"
  "useradd:passwd"
  "/usr/share/zoneinfo/Europe/Berlin:tzdata"
  # The alert tests' real Alertmanager: the package installs /usr/bin/prometheus-alertmanager and /usr/bin/amtool
  # and enables a service, which policy-rc.d below keeps from starting (it would bind :9093 and 0.0.0.0:9094).
  "prometheus-alertmanager:prometheus-alertmanager"
)

missing=()
for entry in "${REQUIRED[@]}"; do
  want=${entry%%:*}
  if [[ $want == /* ]]; then
    # shellcheck disable=SC2086 # the glob must expand
    ls $want >/dev/null 2>&1 || missing+=("${entry#*:}")
  else
    command -v "$want" >/dev/null 2>&1 || missing+=("${entry#*:}")
  fi
done
if ((${#missing[@]} > 0)); then
  log "installing missing Debian packages: ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo -n"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # Packages with services (postgresql, openssh-server, prometheus-alertmanager) must not start them: tests start their own on free
  # loopback ports. policy-rc.d exit 101 is Debian's "do not start services" switch, removed again afterwards.
  policy_added=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d
    policy_added=yes
  fi
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  if [[ -n $policy_added ]]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log "building (Release, warnings are errors)"
dotnet build Runbooks.sln -c Release -nologo -clp:ErrorsOnly

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
log "running tests"
status=0
dotnet test Runbooks.sln -c Release --no-build -nologo --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=minimal" || status=$?

# One plain summary line over every test project, from the TRX result files (printed last, below).
summary=$(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
)

log "benchmark smoke run (bench/Runbooks.Bench --quick)"
dotnet run -c Release --no-build --project bench/Runbooks.Bench -- --quick || status=$?

echo "$summary"
exit "$status"
