#!/usr/bin/env bash
# Durable-queue benchmark (docs/performance.md, "Durable queue"): enqueue->start latency and drain rate of runs on
# Hangfire.PostgreSql beside bare Hangfire no-op jobs, journal cost per step (none / SQLite / PostgreSQL), and 1 vs 2
# `runbooks serve` processes on SSH-bound runs, all in one run.
#
#   bench/durable/run.sh [--quick] [--write-docs] [--no-ssh] [--no-build] [--only journal|latency|drain|ssh]
#
# Starts a throwaway PostgreSQL (the tests' fixture: initdb/pg_ctl, as the postgres user under root, loopback, a free
# port) and, for the SSH part, one sshd per run on 127.0.0.1 (the tests' SshdFixture); all of it is stopped and removed
# on exit. Set RUNBOOKS_TEST_POSTGRES to a connection string to use an existing server instead.
# --write-docs replaces the generated part of docs/performance.md (between <!-- durable:begin --> and <!-- durable:end -->).
# --only runs one part (to iterate on it): nothing is judged and nothing written.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build=1
args=()
while (( $# )); do
  case "$1" in
    --no-build) build=0 ;;
    --quick|--write-docs|--no-ssh) args+=("$1") ;;
    --only) args+=("$1" "${2:-}"); shift ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
project="$here/Runbooks.DurableBench"
if (( build )); then
  echo "building the benchmark and the Runbooks CLI (Release)" >&2
  dotnet build "$project" -c Release -nologo -clp:ErrorsOnly >&2
fi
# The work folder is under /tmp and the bench runs from there, so no appsettings.json of the repository is picked up.
cd /tmp
exec dotnet "$project/bin/Release/net10.0/Runbooks.DurableBench.dll" "${args[@]}"
