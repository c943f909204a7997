"""Runs the fan-out benchmark on the fleet run.sh started: every tool x shape x size in interleaved rounds, each run
checked (exit code 0 and every host succeeded), then prints a Markdown table of medians and ratios and, with
--write-docs, puts it in docs/performance.md between <!-- fanout:begin --> and <!-- fanout:end -->."""

import argparse
import datetime
import os
import signal
import sys

import fleetfiles
import peers
import report


def main():
    # SIGTERM (run.sh's trap, timeout) unwinds like Ctrl+C, so the running tool's process group is ended too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    p = argparse.ArgumentParser()
    for name in ("--work", "--cli", "--repo", "--user", "--sizes"):
        p.add_argument(name, required=True)
    p.add_argument("--base-port", type=int, required=True)
    p.add_argument("--rounds", type=int, required=True)
    p.add_argument("--write-docs", action="store_true")
    p.add_argument("--prepare-only", action="store_true")
    p.add_argument("--max-job-seconds", type=float, default=150)
    a = p.parse_args()
    sizes = sorted(int(s) for s in a.sizes.split(","))
    fleetfiles.ssh_config(a.work)
    jobs = []
    for n in sizes:
        jobs += peers.jobs(a, n)
    if a.prepare_only:
        return
    kex = peers.verify_kex(a, a.base_port + max(sizes))
    log(f"key exchange seen by sshd: {kex}")

    log("warm-up: one untimed run of each tool at the smallest size")
    for job in [j for j in jobs if j.n == sizes[0]]:
        s = peers.run(job, a.work)
        if s.error:
            log(f"warm-up {job.tool} {job.shape} failed: {s.error}")

    samples = {}
    started = datetime.datetime.now()
    for r in range(a.rounds):
        # Rotate the order each round so no tool always runs right after the same neighbour.
        order = jobs[r % len(jobs):] + jobs[:r % len(jobs)]
        for job in order:
            key = (job.n, job.shape, job.tool)
            done = samples.get(key, [])
            if done and min(s.wall for s in done) > a.max_job_seconds:
                continue  # bounded: a job slower than --max-job-seconds is timed once (the table says how often)
            s = peers.run(job, a.work)
            samples.setdefault(key, []).append(s)
            log(f"round {r + 1}/{a.rounds}  N={job.n:<4} {job.shape:<8} {job.tool:<16} {s.wall:7.2f} s  cpu {s.cpu:6.2f} s"
                + (f"  FAILED: {s.error}" if s.error else ""))
    minutes = (datetime.datetime.now() - started).total_seconds() / 60
    table = report.table(samples, sizes, a.rounds)
    print(table)
    if a.write_docs:
        section = report.section(a, sizes, table, kex, minutes, samples)
        report.write_docs(os.path.join(a.repo, "docs", "performance.md"), section)
        log("wrote docs/performance.md")


def log(text):
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
