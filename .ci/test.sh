#!/usr/bin/env bash
# Runs every Runbooks test: builds the solution (warnings are errors; the build also builds the designer with npm),
# runs all test projects, the designer's unit tests (Vitest), then a short benchmark smoke run. Installs what the tests
# need if it is missing (Debian packages via apt-get, Chromium and Node.js/npm among them; the designer's npm packages
# with npm ci), so a fresh Debian machine with the .NET 10 SDK needs nothing else.
# Usage: bash .ci/test.sh            (CI=true is honoured: no prompts, plain output)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*"; }

# Debian packages the tests use, as "command:package [package…]" (a path instead of a command is tested with ls, for
# programs that are not on PATH).
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
  # The designer: Node.js and npm build it and run its unit tests; the browser tests drive Debian's Chromium (Playwright
  # never downloads a browser); flock keeps two builds from running npm at once.
  "npm:nodejs npm"
  "chromium:chromium"
  "flock:util-linux"
)

missing=()
for entry in "${REQUIRED[@]}"; do
  want=${entry%%:*}
  if [[ $want == /* ]]; then
    # shellcheck disable=SC2086 # the glob must expand
    # shellcheck disable=SC2206 # one entry may name several packages
    ls $want >/dev/null 2>&1 || missing+=(${entry#*:})
  else
    # shellcheck disable=SC2206
    command -v "$want" >/dev/null 2>&1 || missing+=(${entry#*:})
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

# Vite 8 needs Node.js 20.19 or newer; an older one (Debian 12's own nodejs is 18) fails the build with less clear words.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "error: the designer needs Node.js 20.19 or newer; this machine has $(node --version). Install a newer nodejs package, or build without the designer: dotnet build -p:RunbooksDesigner=false" >&2
  exit 1
fi
designer=src/Runbooks.Designer
if [[ ! -d $designer/node_modules ]]; then
  log "installing the designer's npm packages (npm ci in $designer)"
  (cd "$designer" && npm ci --no-audit --no-fund --loglevel=error)
fi

log "building (Release, warnings are errors)"
dotnet build Runbooks.sln -c Release -nologo -clp:ErrorsOnly

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
log "running tests"
status=0
dotnet test Runbooks.sln -c Release --no-build -nologo --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=minimal" || status=$?

log "running the designer's unit tests (vitest in $designer)"
# --passWithNoTests: until the first *.test.ts exists, vitest would fail on finding none.
(cd "$designer" && npm test --silent -- --passWithNoTests --reporter=default --reporter=junit --outputFile.junit="$results/vitest.xml") || status=$?

# One plain summary line over every test project (TRX files) and the designer's tests (JUnit XML), printed last, below.
summary=$(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
dotnet = (passed, failed, skipped)
vitest = [0, 0, 0]
for path in glob.glob(sys.argv[1] + "/vitest.xml"):
    for suite in ET.parse(path).getroot().iter("testsuite"):
        tests, bad, skip = int(suite.get("tests", 0)), int(suite.get("failures", 0)) + int(suite.get("errors", 0)), int(suite.get("skipped", 0))
        vitest[0] += tests - bad - skip
        vitest[1] += bad
        vitest[2] += skip
print(f"dotnet: {dotnet[0]} passed, {dotnet[1]} failed, {dotnet[2]} skipped; vitest: {vitest[0]} passed, {vitest[1]} failed, {vitest[2]} skipped")
print(f"{passed + vitest[0]} passed, {failed + vitest[1]} failed, {skipped + vitest[2]} skipped")
PY
)

log "benchmark smoke run (bench/Runbooks.Bench --quick)"
dotnet run -c Release --no-build --project bench/Runbooks.Bench -- --quick || status=$?

artifacts=${RUNBOOKS_TEST_ARTIFACTS:-tests/Runbooks.Cli.Tests/bin/Release/net10.0/TestResults}/designer
if [[ -d $artifacts ]]; then
  echo "designer screenshots: $artifacts"
fi
echo "$summary"
exit "$status"
