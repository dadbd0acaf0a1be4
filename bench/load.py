#!/usr/bin/env python3
"""Load through socket activation: many clients at once, one server process per connection, for
slurmrestd-py and the reference slurmrestd in the same run.

    sudo bench/load.py [--clients 200] [--requests 5] [--modes listen,inetd]

Each server runs as `systemd-socket-activate --inetd -a` would start it from a socket unit with
Accept=yes (as user slurmrestd, rest_auth/jwt, on loopback). CLIENTS threads each make REQUESTS
requests, a new connection each, cycling through GET ping, partitions, diag and jobs as alice.
Every answer is checked; each process's peak RSS is measured (GNU time); afterwards no process may
be left. Prints both and the ratios ours/reference. Not part of the test suite; tests/test_load.py
is its small version. Ours runs as $SLURMRESTD_PY_CMD (default: the installed console script).
"""
import argparse
import os
import shlex
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))

from daemons import SERVICE_USER, ensure_user, shared_dir  # noqa: E402
from load import PATHS, load, load_listening  # noqa: E402

OURS = os.environ.get("SLURMRESTD_PY_CMD", "/opt/slurmrestd-py/bin/slurmrestd-py")
REFERENCE = "/usr/sbin/slurmrestd"

ROWS = (  # label, figure, format
    ("requests served", lambda r: r.served, "{:.0f}"),
    ("failures", lambda r: len(r.failures), "{:.0f}"),
    ("wall time (s)", lambda r: r.seconds, "{:.1f}"),
    ("throughput (req/s)", lambda r: r.throughput, "{:.1f}"),
    ("processes at once (peak)", lambda r: r.peak_processes, "{:.0f}"),
    ("peak RSS/process, median (MiB)", lambda r: r.rss_median_mib, "{:.1f}"),
    ("peak RSS/process, max (MiB)", lambda r: r.rss_max_mib, "{:.1f}"),
    ("processes left after the run", lambda r: len(r.left), "{:.0f}"),
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=5, help="per client, a connection each")
    parser.add_argument("--modes", default="listen,inetd", help="listen, inetd or both (comma-separated)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("load: run as root (the servers are started as user slurmrestd)")
    ensure_user(SERVICE_USER)
    failed = False
    for mode in args.modes.split(","):
        failed |= run(mode, args)
    if failed:
        sys.exit(1)


def run(mode, args):
    results = {}
    with shared_dir("srpy-load-bench-", 0o1777) as workdir:
        for name, argv in (("slurmrestd-py", shlex.split(OURS)), ("reference", [REFERENCE])):
            print(f"load: {name}, {mode} mode ...", file=sys.stderr, flush=True)
            if mode == "listen":
                results[name] = load_listening(argv, args.clients, args.requests)
            else:
                results[name] = load(argv, workdir, args.clients, args.requests)
    paths = ", ".join(p.rsplit("/", 1)[1] for p, _ in PATHS)
    how = ("listen mode on 127.0.0.1 (one daemon, -t 20)" if mode == "listen" else
           "systemd-socket-activate --inetd -a")
    print(f"{args.clients} clients x {args.requests} requests (a connection each; GET {paths}), "
          f"{how}, rest_auth/jwt, {os.cpu_count()} CPUs" + (" (target: wall time <= 0.8)" if mode == "listen" else ""))
    ours, ref = results["slurmrestd-py"], results["reference"]
    print(f"  {'':32} {'slurmrestd-py':>14} {'reference':>10} {'ours/ref':>9}")
    for label, figure, fmt in ROWS:
        a, b = figure(ours), figure(ref)
        ratio = f"{a / b:9.2f}" if b else f"{'-':>9}"
        print(f"  {label:32} {fmt.format(a):>14} {fmt.format(b):>10} {ratio}")
    for name, r in results.items():
        for failure in r.failures[:5]:
            print(f"  {name} failed: {failure}")
    return any(r.failures or r.left for r in results.values())


if __name__ == "__main__":
    main()
