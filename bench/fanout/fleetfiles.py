"""Writes each tool's files for the first N hosts of the fleet run.sh started: a Runbooks inventory, appsettings and
runbooks; a parallel-ssh hosts file; an Ansible inventory, ansible.cfg and playbook; and one ssh_config that
parallel-ssh and Ansible share (same key, same known_hosts, same key exchange as Runbooks)."""

import json
import os

# The ten cheap commands of the ten-step shape; the one-step shape is the first alone.
TEN = [
    ["uptime"],
    ["hostname"],
    ["id", "-u"],
    ["uname", "-r"],
    ["date", "+%s"],
    ["whoami"],
    ["pwd"],
    ["cat", "/proc/loadavg"],
    ["echo", "ok"],
    ["true"],
]

KEX = "curve25519-sha256"


def ssh_config(work):
    """The OpenSSH client config of pssh and Ansible (-F): strict host keys from the bench's known_hosts only."""
    path = os.path.join(work, "ssh_config")
    with open(path, "w") as f:
        f.write(f"""Host *
  IdentityFile {work}/client_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile {work}/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  KexAlgorithms {KEX}
  BatchMode yes
  GSSAPIAuthentication no
  LogLevel ERROR
""")
    return path


def runbooks_files(work, n, user, base_port, tag):
    """A folder with inventory.yaml, appsettings.json, one.yaml and ten.yaml for N hosts; returns the folder."""
    d = os.path.join(work, "runbooks", tag)
    os.makedirs(d, exist_ok=True)
    lines = [
        f"knownHosts: {work}/known_hosts",
        "defaults:",
        f"  user: {user}",
        "  credential: fanout-key",
        "credentials:",
        f"  fanout-key: {{ privateKeyFile: {work}/client_ed25519 }}",
        "groups:",
        "  fleet: {}",
        "hosts:",
    ]
    lines += [f"  h{i + 1}: {{ address: 127.0.0.1, port: {base_port + i}, groups: [fleet] }}" for i in range(n)]
    write(d, "inventory.yaml", "\n".join(lines) + "\n")
    # Warning level: a successful run logs nothing, as parallel-ssh and Ansible print only their results; the
    # summary (--output json) is the result. The file sink is the shipped one (it receives nothing at Warning).
    settings = {
        "Runbooks": {"Inventory": "inventory.yaml"},
        "Serilog": {
            "Using": ["Serilog.Sinks.Console"],
            "MinimumLevel": {"Default": "Warning"},
            "WriteTo": [{"Name": "Console", "Args": {"standardErrorFromLevel": "Verbose"}}],
        },
    }
    write(d, "appsettings.json", json.dumps(settings, indent=2) + "\n")
    for name, commands in (("one", TEN[:1]), ("ten", TEN)):
        steps = "".join(
            f"  - id: s{k + 1}\n    action: shell\n    with: {{ argv: {json.dumps(argv)} }}\n"
            for k, argv in enumerate(commands))
        write(d, f"{name}.yaml",
              f"name: fanout-{name}\ntargets:\n  groups: [fleet]\n  strategy: {{ concurrency: 50 }}\nsteps:\n{steps}")
    return d


def pssh_hosts(work, n, user, base_port, tag):
    d = os.path.join(work, "pssh")
    os.makedirs(d, exist_ok=True)
    return write(d, f"hosts-{tag}", "".join(f"{user}@127.0.0.1:{base_port + i}\n" for i in range(n)))


def ansible_files(work, n, user, base_port, tag):
    """A folder with ansible.cfg, inventory.ini and ten.yml for N hosts; returns the folder."""
    d = os.path.join(work, "ansible", tag)
    os.makedirs(d, exist_ok=True)
    hosts = "".join(f"h{i + 1} ansible_port={base_port + i}\n" for i in range(n))
    write(d, "inventory.ini", f"""[fleet]
{hosts}
[fleet:vars]
ansible_host=127.0.0.1
ansible_user={user}
ansible_python_interpreter=/usr/bin/python3
ansible_ssh_private_key_file={work}/client_ed25519
""")
    # ControlPersist as shipped (a master per host, reused by the later tasks of the same run, as Runbooks reuses
    # its one connection per host); measure.py closes every master between runs, so each run starts cold.
    write(d, "ansible.cfg", f"""[defaults]
inventory = {d}/inventory.ini
host_key_checking = True
forks = 50
gathering = explicit
retry_files_enabled = False
local_tmp = {work}/ansible-local

[ssh_connection]
pipelining = True
ssh_args = -F {work}/ssh_config -o ControlMaster=auto -o ControlPersist=60s
control_path_dir = {work}/cp
""")
    tasks = "".join(
        f"    - name: t{k + 1}\n      ansible.builtin.command:\n        argv: {json.dumps(argv)}\n"
        for k, argv in enumerate(TEN))
    write(d, "ten.yml", f"- hosts: fleet\n  gather_facts: false\n  tasks:\n{tasks}")
    return d


def write(d, name, text):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write(text)
    return path
