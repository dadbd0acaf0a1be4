#!/usr/bin/env python3
"""Load through socket activation: many clients at once, one server process per connection, for
slurmrestd-py and the reference slurmrestd in the same run.

    sudo bench/load.py [--clients 200] [--requests 5] [--modes listen,inetd] [--version v0.0.38]
    scripts/local-cluster exec --release 24.11 -- python3 bench/load.py --version v0.0.42 ...   (in a release's root)

Each server runs as `systemd-socket-activate --inetd -a` would start it from a socket unit with
Accept=yes (as user slurmrestd, rest_auth/jwt, on loopback). CLIENTS threads each make REQUESTS
requests, a new connection each, cycling through GET ping, partitions, diag and jobs as alice.
Every answer is checked; each process's peak RSS is measured (GNU time); afterwards no process may
be left. Prints both and the ratios ours/reference, with the CPU time the servers' processes spent
(the machine may be shared: wall time alone says little then). It runs on whichever release's
cluster $SLURM_CONF names (the host's 22.05 by default; in a release's root, that root's):
--version v0.0.40 on for 24.11 and 26.05, whose references no longer serve v0.0.38; ours is then
started with `-s openapi/VERSION`. Not part of the test suite; tests/test_load.py
is its small version. Ours runs as $SLURMRESTD_PY_CMD (default: the installed console script).
"""
import argparse
import os
import shlex
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))

from daemons import SERVICE_USER, ensure_user, shared_dir  # noqa: E402
from load import load, load_listening, paths  # noqa: E402

OURS = os.environ.get("SLURMRESTD_PY_CMD", "/opt/slurmrestd-py/bin/slurmrestd-py")
REFERENCE = "/usr/sbin/slurmrestd"

ROWS = (  # label, figure, format
    ("requests served", lambda r: r.served, "{:.0f}"),
    ("failures", lambda r: len(r.failures), "{:.0f}"),
    ("wall time (s)", lambda r: r.seconds, "{:.1f}"),
    ("CPU time of the servers (s)", lambda r: r.cpu, "{:.1f}"),
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
    parser.add_argument("--version", default="v0.0.38", help="the API version of the requests")
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
    results, requests = {}, paths(args.version)
    ours = shlex.split(OURS) + ([] if args.version == "v0.0.38" else ["-s", f"openapi/{args.version}"])
    with shared_dir("srpy-load-bench-", 0o1777) as workdir:
        for name, argv in (("slurmrestd-py", ours), ("reference", [REFERENCE])):
            print(f"load: {name}, {mode} mode ...", file=sys.stderr, flush=True)
            if mode == "listen":
                results[name] = load_listening(argv, args.clients, args.requests, paths=requests)
            else:
                results[name] = load(argv, workdir, args.clients, args.requests, paths=requests)
    names = ", ".join(p.rsplit("/", 1)[1] for p, _ in requests)
    how = ("listen mode on 127.0.0.1 (one daemon, -t 20)" if mode == "listen" else
           "systemd-socket-activate --inetd -a")
    print(f"{args.clients} clients x {args.requests} requests (a connection each; GET {args.version} {names}), "
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
