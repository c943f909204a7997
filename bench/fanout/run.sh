#!/usr/bin/env bash
# Fan-out benchmark: Runbooks against parallel-ssh and Ansible on N local sshd targets (docs/performance.md).
#
#   bench/fanout/run.sh [--sizes 10,50,200] [--rounds 5] [--write-docs] [--base-port 22000] [--keep-up]
#   bench/fanout/run.sh --sizes 200 --exec 'bench/fanout/profile.sh'     # fleet up, files written, run a command
#
# Starts max(sizes) sshd processes on 127.0.0.1 (one port each, one shared host key), a throwaway login user with
# /bin/sh as shell (no rc files), one client key, and a known_hosts file trusting every port; then
# bench/fanout/measure.py runs every tool x shape x size in interleaved rounds and prints the table of medians.
# Everything it started (sshd, ssh control masters, the user, the temp directory) is removed on exit, even on failure.
# Loopback only. Needs root (sshd, useradd) and installs pssh/ansible with apt-get when they are missing.
set -euo pipefail

# Everything is in main, so bash has parsed the whole file before anything runs (editing a running script is safe).
main() {
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sizes="10,50,200"
rounds=5
write_docs=0
base_port=22000
user=rbfanout
build=1
keep_up=0
exec_cmd=""
max_job_seconds=150
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --write-docs) write_docs=1; shift ;;
    --base-port) base_port="$2"; shift 2 ;;
    # The throwaway login user (a second fleet running at the same time needs its own, and its own --base-port).
    --user) user="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    # Leave the fleet up after measuring and wait for Enter (for profiling by hand); still cleaned up after.
    --keep-up) keep_up=1; shift ;;
    # A tool x shape x size whose first run takes longer than this is timed only once (bounds the whole run).
    --max-job-seconds) max_job_seconds="$2"; shift 2 ;;
    # Instead of measuring: write the tools' files, run this command (env FANOUT_WORK, FANOUT_CLI) and clean up.
    --exec) exec_cmd="$2"; shift 2 ;;
    -h|--help) sed -n 2,11p "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "run.sh needs root: it starts sshd and creates a throwaway user" >&2; exit 2; }
max_n=$(tr ',' '\n' <<<"$sizes" | sort -n | tail -1)
(( max_n >= 1 && max_n <= 500 && rounds >= 1 && rounds <= 20 )) || { echo "sizes must be 1..500, rounds 1..20" >&2; exit 2; }

# --- tools -----------------------------------------------------------------------------------------------------
missing=()
command -v parallel-ssh >/dev/null || missing+=(pssh)
command -v ansible-playbook >/dev/null || missing+=(ansible)
if (( ${#missing[@]} )); then
  echo "installing ${missing[*]} with apt-get" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if (( build )); then
  echo "building the Runbooks CLI (Release)" >&2
  dotnet build "$repo/src/Runbooks.Cli" -c Release -nologo -clp:ErrorsOnly >&2
fi
cli="$repo/src/Runbooks.Cli/bin/Release/net10.0/runbooks.dll"
[[ -f $cli ]] || { echo "no $cli after the build" >&2; exit 1; }

# --- fleet -----------------------------------------------------------------------------------------------------
work="$(mktemp -d /tmp/rb-fanout.XXXXXX)"
pids=()
user_created=0
cleanup() {
  set +e
  # ssh control masters Ansible left behind (ControlPersist): ask each to exit over its socket.
  for sock in "$work"/cp/*; do [[ -S $sock ]] && ssh -o ControlPath="$sock" -O exit dummy >/dev/null 2>&1; done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  if (( user_created )); then
    # Sessions of the throwaway user outlive their listener (a control master still connected): end them by pid.
    for pid in $(pgrep -u "$user"); do kill "$pid" 2>/dev/null; done
    sleep 0.5
    userdel "$user" || echo "could not remove user $user; remove it with: userdel $user" >&2
  fi
  rm -rf "$work"
  echo "stopped ${#pids[@]} sshd, removed $work" >&2
}
measure_pid=""
trap cleanup EXIT
# bash runs a trap only when its foreground child ends, so measure.py runs in the background and is told to stop.
trap '[[ -n $measure_pid ]] && kill -TERM "$measure_pid" 2>/dev/null && wait "$measure_pid"; exit 130' INT TERM

if getent passwd "$user" >/dev/null; then
  # Left by an interrupted run (only this script creates it, with this comment); anything else is not ours.
  [[ $(getent passwd "$user" | cut -d: -f5) == "runbooks fanout bench" ]] || { echo "user $user exists and is not ours" >&2; exit 1; }
  userdel "$user"
fi
mkdir -p "$work/home" "$work/cp" /run/sshd
chmod 711 "$work"   # sshd reads authorized_keys as the user
# /bin/sh (dash) reads no rc file for "sh -c command", so no tool pays for (or is slowed by) a login profile.
useradd --system --no-create-home --home-dir "$work/home" --shell /bin/sh --comment "runbooks fanout bench" "$user"
user_created=1
usermod -p '*' "$user"   # '*': no password, but not "locked" ('!'), which sshd without PAM would refuse
chown "$user:" "$work/home"

ssh-keygen -q -t ed25519 -N '' -C fanout-client -f "$work/client_ed25519"
ssh-keygen -q -t ed25519 -N '' -C fanout-host -f "$work/host_ed25519"
cp "$work/client_ed25519.pub" "$work/authorized_keys"
chmod 644 "$work/authorized_keys"
cat >"$work/sshd_config" <<EOF
ListenAddress 127.0.0.1
HostKey $work/host_ed25519
AuthorizedKeysFile $work/authorized_keys
KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org
HostKeyAlgorithms ssh-ed25519
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitUserRC no
PermitUserEnvironment no
PrintMotd no
PrintLastLog no
UseDNS no
MaxStartups 200:30:400
MaxSessions 64
PidFile none
Subsystem sftp none
LogLevel ERROR
EOF

read -r -a host_pub <"$work/host_ed25519.pub"
: >"$work/known_hosts"
# One more port than hosts: measure.py checks the negotiated key exchange on a debug-mode sshd there.
for ((i = 0; i <= max_n; i++)); do
  port=$((base_port + i))
  if ss -Hltn "sport = :$port" | grep -q .; then echo "port $port is in use; pick another --base-port" >&2; exit 1; fi
  echo "[127.0.0.1]:$port ${host_pub[0]} ${host_pub[1]}" >>"$work/known_hosts"
done
for ((i = 0; i < max_n; i++)); do
  /usr/sbin/sshd -D -f "$work/sshd_config" -p $((base_port + i)) -E "$work/sshd.log" &
  pids+=($!)
done
for _ in $(seq 1 100); do
  up=$(ss -Hltn "( sport >= :$base_port and sport < :$((base_port + max_n)) )" | wc -l)
  (( up == max_n )) && break
  sleep 0.1
done
(( up == max_n )) || { echo "only $up of $max_n sshd listening; log:" >&2; cat "$work/sshd.log" >&2; exit 1; }
echo "$max_n sshd listening on 127.0.0.1:$base_port-$((base_port + max_n - 1)) as user $user; work dir $work" >&2

args=(--work "$work" --cli "$cli" --repo "$repo" --user "$user" --base-port "$base_port" --sizes "$sizes" --rounds "$rounds"
      --max-job-seconds "$max_job_seconds")
(( write_docs )) && args+=(--write-docs)
if [[ -n $exec_cmd ]]; then
  python3 "$here/measure.py" "${args[@]}" --prepare-only
  FANOUT_WORK="$work" FANOUT_CLI="$cli" bash -c "$exec_cmd"
  exit
fi
python3 "$here/measure.py" "${args[@]}" &
measure_pid=$!
wait "$measure_pid"
measure_pid=""
if (( keep_up )); then
  echo "fleet is up (work dir $work); press Enter to stop it" >&2
  read -r _
fi
}

main "$@"
