#!/usr/bin/env bash
# Alert-remediation benchmark (docs/performance.md, "Alert remediation"): webhook received -> first step started, p50/p99,
# for single alerts and a storm of 1,000 alerts in 10 s, on the embedded default (SQLite + Hangfire.InMemory) and on
# PostgreSQL (Hangfire.PostgreSql), one `runbooks serve` each, beside one `ansible-playbook` run per alert (the
# Event-Driven Ansible way: a local playbook, one trivial task, `connection: local`).
#
#   bench/alerts/run.sh [--quick] [--write-docs] [--no-build] [--only embedded|postgresql] [--perf DIR]
#
# --quick: small sizes (under 2 minutes), goals not judged. --write-docs replaces the generated part of
# docs/performance.md (between <!-- alerts:begin --> and <!-- alerts:end -->). --only: one backend, no ansible-playbook.
# --perf DIR: `perf record -g` of the serve process while idle and during the storm, into DIR/<backend>-<part>.data
# (serve runs with DOTNET_PerfMapEnabled=1 and W^X off so .NET frames have names; read with `perf report -i`).
# Starts a throwaway PostgreSQL (the tests' fixture: initdb/pg_ctl as the postgres user under root, loopback, a free
# port), stopped and removed on exit; set RUNBOOKS_TEST_POSTGRES to a connection string to use an existing server.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build=1
args=()
while (( $# )); do
  case "$1" in
    --no-build) build=0 ;;
    --quick|--write-docs) args+=("$1") ;;
    --only) args+=("$1" "${2:?--only needs embedded or postgresql}"); shift ;;
    --perf) args+=("$1" "${2:?--perf needs a folder}"); export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0; shift ;;
    -h|--help) sed -n 2,14p "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
project="$here/Runbooks.AlertBench"
if (( build )); then
  echo "building the benchmark and the Runbooks CLI (Release)" >&2
  dotnet build "$project" -c Release -nologo -clp:ErrorsOnly >&2
fi
# The work folder is under /tmp and the bench runs from there, so no appsettings.json of the repository is picked up.
cd /tmp
exec dotnet "$project/bin/Release/net10.0/Runbooks.AlertBench.dll" "${args[@]}"
