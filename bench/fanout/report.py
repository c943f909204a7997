"""The Markdown table of medians and ratios, the goals, and the generated part of docs/performance.md."""

import datetime
import math
import os
import platform
import statistics
import subprocess

from peers import ANSIBLE, PLAYBOOK, PSSH, RUNBOOKS

BEGIN, END = "<!-- fanout:begin -->", "<!-- fanout:end -->"


def ok(samples, key):
    return [s for s in samples.get(key, []) if not s.error]


def med(samples, key, attr="wall"):
    values = [getattr(s, attr) for s in ok(samples, key)]
    return statistics.median(values) if values else float("nan")


def spread(samples, key):
    """median (min–max) of the successful runs; how many runs there were; how many failed (their times not used)."""
    values = [s.wall for s in ok(samples, key)]
    runs = len(samples.get(key, []))
    failed = runs - len(values)
    text = f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})" if values else "—"
    if runs != ROUNDS[0] or failed:
        text += f" [{runs} run{'s' if runs != 1 else ''}{f', {failed} failed' if failed else ''}]"
    return text


ROUNDS = [0]  # set by table(): the rounds asked for, so a cell timed fewer times says so


def goals(samples, n):
    """The issue's goals at n hosts: (text, met) pairs."""
    rb1, ps, an = (med(samples, (n, "1 step", t)) for t in (RUNBOOKS, PSSH, ANSIBLE))
    rb10, pb = med(samples, (n, "10 steps", RUNBOOKS)), med(samples, (n, "10 steps", PLAYBOOK))
    def ratio(x, y, digits):
        return "no successful run to compare" if math.isnan(x / y) else f"{x / y:.{digits}f}x"
    # A comparison with no successful run (NaN) is never met.
    return [
        (f"1 step: ansible ÷ Runbooks ≥ 3 — {ratio(an, rb1, 1)}", an / rb1 >= 3),
        (f"1 step: Runbooks ≤ 1.5 × parallel-ssh — {ratio(rb1, ps, 2)}", rb1 / ps <= 1.5),
        (f"10 steps: ansible-playbook ÷ Runbooks ≥ 10 — {ratio(pb, rb10, 1)}", pb / rb10 >= 10),
    ]


def x(a, b, digits):
    return "—" if math.isnan(a / b) else f"{a / b:.{digits}f}x"


def num(v, digits):
    return "—" if math.isnan(v) else f"{v:.{digits}f}"


def table(samples, sizes, rounds):
    ROUNDS[0] = rounds
    rows = [
        "| hosts | shape | Runbooks s | parallel-ssh s | ansible / ansible-playbook s | parallel-ssh ÷ Runbooks | Ansible ÷ Runbooks |",
        "|--:|---|--:|--:|--:|--:|--:|",
    ]
    for n in sizes:
        rb = med(samples, (n, "1 step", RUNBOOKS))
        ps, an = med(samples, (n, "1 step", PSSH)), med(samples, (n, "1 step", ANSIBLE))
        rows.append(f"| {n} | 1 step (`uptime`) | {spread(samples, (n, '1 step', RUNBOOKS))} | {spread(samples, (n, '1 step', PSSH))} "
                    f"| {spread(samples, (n, '1 step', ANSIBLE))} | {x(ps, rb, 2)} | {x(an, rb, 1)} |")
        rb, pb = med(samples, (n, "10 steps", RUNBOOKS)), med(samples, (n, "10 steps", PLAYBOOK))
        rows.append(f"| {n} | 10 steps | {spread(samples, (n, '10 steps', RUNBOOKS))} | — "
                    f"| {spread(samples, (n, '10 steps', PLAYBOOK))} | — | {x(pb, rb, 1)} |")
    rows += ["", "Client-side CPU (user+sys seconds of the tool's process tree, median; sshd's side is not included) "
             "and the tool's peak RSS:", "",
             "| hosts | shape | Runbooks CPU s | Runbooks peak RSS MB | parallel-ssh CPU s | ansible / ansible-playbook CPU s |",
             "|--:|---|--:|--:|--:|--:|"]
    for n in sizes:
        for shape, peer in (("1 step", ANSIBLE), ("10 steps", PLAYBOOK)):
            ps = med(samples, (n, shape, PSSH), "cpu")
            rows.append(f"| {n} | {shape} | {num(med(samples, (n, shape, RUNBOOKS), 'cpu'), 2)} "
                        f"| {num(med(samples, (n, shape, RUNBOOKS), 'max_rss_mb'), 0)} | {num(ps, 2)} "
                        f"| {num(med(samples, (n, shape, peer), 'cpu'), 2)} |")
    if 200 in sizes:
        rows += ["", "Goals (issue 4 §8, at 200 hosts):", ""]
        rows += [f"- {text}: **{'met' if met else 'NOT met'}**" for text, met in goals(samples, 200)]
    failures = [(key, s.error) for key, ss in samples.items() for s in ss if s.error]
    if failures:
        rows += ["", "Failed runs (exit code not 0 or a host that did not succeed; their times are left out of the medians):", ""]
        rows += [f"- {tool}, {shape}, {n} hosts: {error}" for (n, shape, tool), error in failures]
    return "\n".join(rows)


def versions(a):
    def out(argv):
        try:
            r = subprocess.run(argv, capture_output=True, text=True, timeout=30)
            return (r.stdout or r.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "?"
    commit = out(["git", "-C", a.repo, "rev-parse", "--short", "HEAD"])
    return [
        f"Runbooks {commit} (Release build, SSH.NET 2026.0.0), .NET {out(['dotnet', '--version'])}",
        f"parallel-ssh {out(['parallel-ssh', '--version'])} (Debian pssh {out(['dpkg-query', '-W', '-f', '${Version}', 'pssh'])})",
        f"{out(['ansible', '--version'])} (Debian ansible {out(['dpkg-query', '-W', '-f', '${Version}', 'ansible'])}), Python {platform.python_version()}",
        f"{out(['ssh', '-V'])}; sshd {out(['dpkg-query', '-W', '-f', '${Version}', 'openssh-server'])}",
    ]


def section(a, sizes, table_text, kex, minutes, samples):
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    with open("/etc/debian_version") as f:
        debian = f.read().strip()
    lines = [
        BEGIN,
        f"Generated by `bench/fanout/run.sh --sizes {','.join(map(str, sizes))} --rounds {a.rounds} --write-docs` on "
        f"{datetime.date.today().isoformat()} ({minutes:.0f} min of rounds): {a.rounds} timed round(s) after one untimed "
        f"warm-up; in each round every tool x shape x size ran once, in an order rotated per round. Medians, with min–max "
        f"in brackets; ratios are medians divided.",
        "",
        f"Machine: {os.cpu_count()} cores, {mem:.0f} GiB RAM, Debian {debian}, kernel {platform.release()}; shared with "
        "other engineers' builds and tests while it ran, so absolute times are noisy — compare the ratios.",
        "",
        "Versions: " + "; ".join(versions(a)) + ".",
        "",
        "Key exchange (and cipher) each tool negotiated, from sshd's debug log of one connection: "
        + ", ".join(f"{tool} {k}" for tool, k in kex.items()) + ".",
        "",
        table_text,
        END,
    ]
    return "\n".join(lines)


def write_docs(path, section_text):
    with open(path) as f:
        text = f.read()
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section_text + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Fan-out over SSH: results\n\n" + section_text + "\n"
    with open(path, "w") as f:
        f.write(text)
