"""The commands each tool runs, how a run is timed, and how its success on every host is checked."""

import concurrent.futures
import dataclasses
import glob
import json
import os
import re
import signal
import subprocess
import time

import fleetfiles

RUNBOOKS, PSSH, ANSIBLE, PLAYBOOK = "Runbooks", "parallel-ssh", "ansible", "ansible-playbook"


@dataclasses.dataclass
class Job:
    n: int
    shape: str          # "1 step" or "10 steps"
    tool: str
    argv: list
    cwd: str
    env: dict
    check: object       # (stdout, n) -> error text or None


@dataclasses.dataclass
class Sample:
    wall: float         # seconds, fork to exit
    cpu: float          # user+sys seconds of the tool's process tree (children it waited for)
    max_rss_mb: float
    error: str = None   # why the run failed (exit code, or a host that did not succeed); its time is not used


def jobs(a, n, base_port=None, tag=None):
    port = a.base_port if base_port is None else base_port
    tag = tag or str(n)
    rb = fleetfiles.runbooks_files(a.work, n, a.user, port, tag)
    hosts = fleetfiles.pssh_hosts(a.work, n, a.user, port, tag)
    an = fleetfiles.ansible_files(a.work, n, a.user, port, tag)
    ssh_cfg = os.path.join(a.work, "ssh_config")
    env = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1")
    aenv = dict(os.environ, ANSIBLE_CONFIG=os.path.join(an, "ansible.cfg"), ANSIBLE_HOME=os.path.join(a.work, "ansible-home"),
                ANSIBLE_NOCOLOR="1")
    dotnet = ["dotnet", a.cli, "run", "--output", "json"]
    return [
        Job(n, "1 step", RUNBOOKS, dotnet + ["one.yaml"], rb, env, lambda out, n: check_runbooks(out, n, 1)),
        Job(n, "1 step", PSSH, ["parallel-ssh", "-p", "50", "-t", "300", "-i", "-h", hosts, "-x", f"-F {ssh_cfg}", "uptime"],
            a.work, env, check_pssh),
        Job(n, "1 step", ANSIBLE, ["ansible", "all", "-m", "command", "-a", "uptime", "-f", "50"], an, aenv, check_ansible),
        Job(n, "10 steps", RUNBOOKS, dotnet + ["ten.yaml"], rb, env, lambda out, n: check_runbooks(out, n, 10)),
        Job(n, "10 steps", PLAYBOOK, ["ansible-playbook", "-f", "50", "ten.yml"], an, aenv, check_playbook),
    ]


def run(job, work):
    """Runs a job once, cold (no ssh control master left from an earlier run), and checks every host succeeded."""
    close_masters(work)
    out_path = os.path.join(work, "last.out")
    with open(out_path, "w+") as out, open(os.path.join(work, "last.err"), "w+") as err:
        start = time.perf_counter()
        # Its own process group, so an interrupted bench ends the tool and everything it started.
        proc = subprocess.Popen(job.argv, cwd=job.cwd, env=job.env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait()
            raise
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    problem = f"exit code {proc.returncode}" if proc.returncode != 0 else job.check(stdout, job.n)
    if problem:
        # Kept for the report (a failed run is a result), with the output's end for the reader.
        problem += "; " + " | ".join(first_errors(job, stdout, stderr))
        with open(os.path.join(work, "failures.log"), "a") as f:
            f.write(f"=== {job.tool} {job.shape} on {job.n} hosts: {problem}\n--- stdout (end)\n{stdout[-3000:]}\n"
                    f"--- stderr (end)\n{stderr[-3000:]}\n")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, problem)


def first_errors(job, stdout, stderr):
    """A few distinct failure reasons, for the table's notes."""
    if job.tool == RUNBOOKS:
        try:
            errors = [s.get("error") or "" for s in json.loads(stdout).get("steps", []) if s.get("status") != "succeeded"]
            return sorted({re.sub(r"'h\d+' \(127\.0\.0\.1:\d+\)", "'hN'", e)[:120] for e in errors if e})[:2]
        except ValueError:
            return [stderr[-200:]]
    lines = [l for l in (stdout + stderr).splitlines() if re.search(r"FAIL|UNREACHABLE|rror|timed out", l)]
    return sorted({re.sub(r"h\d+|:\d+", "", l)[:120] for l in lines})[:2]


def close_masters(work):
    """Asks every ssh control master Ansible left (ControlPersist) to exit, so the next run connects cold."""
    socks = glob.glob(os.path.join(work, "cp", "*"))
    if not socks:
        return
    def close(sock):
        subprocess.run(["ssh", "-o", f"ControlPath={sock}", "-O", "exit", "dummy"], capture_output=True)
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(close, socks))
    for _ in range(50):
        if not glob.glob(os.path.join(work, "cp", "*")):
            return
        time.sleep(0.1)


def check_runbooks(out, n, steps):
    record = json.loads(out)
    if record.get("status") != "succeeded":
        return f"run status {record.get('status')}: {record.get('error')}"
    ok = [s for s in record.get("steps", []) if s.get("status") == "succeeded"]
    if len(ok) != n * steps:
        return f"{len(ok)} succeeded step results, expected {n} hosts x {steps} steps"
    return None


def check_pssh(out, n):
    ok = len(re.findall(r"^\[\d+\] \S+ \[SUCCESS\] ", out, re.M))
    return None if ok == n else f"{ok} [SUCCESS] lines, expected {n}"


def check_ansible(out, n):
    ok = len(re.findall(r"^h\d+ \| CHANGED \| rc=0 >>", out, re.M))
    return None if ok == n else f"{ok} 'CHANGED | rc=0' lines, expected {n}"


def check_playbook(out, n):
    ok = len(re.findall(r"^h\d+\s+: ok=10\s+changed=10\s+unreachable=0\s+failed=0", out, re.M))
    return None if ok == n else f"{ok} recap lines with ok=10 failed=0, expected {n}"


def verify_kex(a, port):
    """Runs each tool once against one sshd in debug mode (one connection) and returns the key exchange it logged."""
    seen = {}
    for job in jobs(a, 1, base_port=port, tag="kexcheck"):
        if job.shape != "1 step":
            continue
        log = os.path.join(a.work, f"kex-{job.tool}.log")
        sshd = subprocess.Popen(["/usr/sbin/sshd", "-d", "-f", os.path.join(a.work, "sshd_config"), "-p", str(port),
                                 "-o", "LogLevel=DEBUG1", "-E", log], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_listening(port)
            run(job, a.work)
        finally:
            close_masters(a.work)
            try:
                sshd.wait(10)
            except subprocess.TimeoutExpired:
                sshd.kill()
                sshd.wait()
        text = open(log).read()
        kex = re.search(r"kex: algorithm: (\S+)", text)
        cipher = re.search(r"kex: client->server cipher: (\S+)", text)
        seen[job.tool] = f"{kex.group(1) if kex else '?'} ({cipher.group(1) if cipher else '?'})"
    return seen


def wait_listening(port):
    # Not by connecting: sshd -d serves exactly one connection.
    for _ in range(100):
        if subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True).stdout.strip():
            return
        time.sleep(0.05)
    raise SystemExit(f"the kex-check sshd did not listen on {port}")
