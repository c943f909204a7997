"""Where a Runbooks fan-out run spends its time: runs the CLI on the fleet run.sh started (run it through
`run.sh --sizes 200 --exec 'python3 bench/fanout/profile.py 200 5'`) and prints, per run, wall and CPU time, peak RSS
and threads, and the timeline from the run record: process start to run start, the hosts' step durations (the
first command on a host includes its connect, key exchange and authentication), and run end to process exit.

A variant with the thread pool's minimum raised shows how much of the time is threads blocked in SSH.NET's
synchronous waits (key exchange and authentication inside ConnectAsync, stream reads) waiting for thread injection."""

import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time

work, cli = os.environ["FANOUT_WORK"], os.environ["FANOUT_CLI"]


def stamp(text):
    return datetime.datetime.fromisoformat(text).timestamp()


def sample_threads(pid, out, stop):
    """Peak thread count of the process, read from /proc every 20 ms."""
    while not stop.is_set():
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("Threads:"):
                        out.append(int(line.split()[1]))
        except OSError:
            return
        time.sleep(0.02)


def run(n, runbook, min_threads):
    d = os.path.join(work, "runbooks", str(n))
    argv = ["dotnet", "exec"]
    if min_threads:
        # A copy of the CLI's runtimeconfig with System.Threading.ThreadPool.MinThreads set (nothing else changes).
        with open(cli.replace(".dll", ".runtimeconfig.json")) as f:
            config = json.load(f)
        config["runtimeOptions"]["configProperties"]["System.Threading.ThreadPool.MinThreads"] = min_threads
        path = os.path.join(work, f"minthreads-{min_threads}.runtimeconfig.json")
        with open(path, "w") as f:
            json.dump(config, f)
        argv += ["--runtimeconfig", path]
    argv += [cli, "run", "--output", "json", runbook]
    threads, stop = [], threading.Event()
    t0 = time.time()
    proc = subprocess.Popen(argv, cwd=d, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = threading.Thread(target=sample_threads, args=(proc.pid, threads, stop))
    sampler.start()
    out, err = proc.communicate()
    t1 = time.time()
    stop.set()
    sampler.join()
    record = json.loads(out)
    steps = record["steps"]
    ok = sum(1 for s in steps if s["status"] == "succeeded")
    total = len(steps)
    steps = [s for s in steps if s.get("startedAt") and s.get("endedAt")]
    first = [s for s in steps if s["stepId"] == "s1"]
    rest = [s for s in steps if s["stepId"] != "s1"]
    dur = lambda ss: [stamp(s["endedAt"]) - stamp(s["startedAt"]) for s in ss]
    starts = sorted(stamp(t["startedAt"]) for t in record["targets"] if t.get("startedAt"))
    return {
        "status": f"{record['status']} ({ok}/{total} steps ok)",
        "wall": t1 - t0,
        "startup": stamp(record["startedAt"]) - t0,
        "first host start": starts[0] - t0,
        "last host start": starts[-1] - t0,
        "first step 1 end": min(stamp(s["endedAt"]) for s in first) - t0,
        "run end": stamp(record["endedAt"]) - t0,
        "exit after run end": t1 - stamp(record["endedAt"]),
        "step 1 (connect+cmd) median/p90/max": fmt3(dur(first)),
        "steps 2..n (cmd) median/p90/max": fmt3(dur(rest)) if rest else "-",
        "peak threads": max(threads) if threads else 0,
        "errors": sorted({re.sub(r"h\d+|:\d+", "", s.get("error") or "")[:100] for s in steps if s["status"] != "succeeded"})[:3],
    }


def fmt3(values):
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(len(values) * 0.9))]
    return f"{statistics.median(values):.2f} / {p90:.2f} / {values[-1]:.2f} s"


def main():
    n, rounds = int(sys.argv[1]), int(sys.argv[2])
    # The fixed cost of the CLI: the same uptime step on this machine (no targets, no SSH).
    with open(os.path.join(work, "runbooks", str(n), "local.yaml"), "w") as f:
        f.write("name: fanout-local\nsteps:\n  - id: s1\n    action: shell\n    with: { argv: [uptime] }\n")
    variants = [("local.yaml", 0)] + [(rb, mt) for rb in ("one.yaml", "ten.yaml") for mt in (0, 200)]
    for r in range(rounds):
        for runbook, min_threads in variants:
            before = os.times()
            result = run(n, runbook, min_threads)
            after = os.times()
            cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
            print(f"--- round {r + 1} {runbook} on {n} hosts, thread pool min {'default' if not min_threads else min_threads}: "
                  f"cpu {cpu:.2f} s", flush=True)
            for key, value in result.items():
                print(f"  {key:38} {value if isinstance(value, (str, int, list)) else f'{value:.2f} s'}", flush=True)


if __name__ == "__main__":
    main()
