#!/usr/bin/env python3
"""Per-connection latency of `GET /slurm/v0.0.38/ping`: process start to complete response, in inetd
mode on a pipe, for slurmrestd-py and the reference slurmrestd in the same run.

    sudo bench/ping_latency.py [--runs 40] [--user alice]

As root it re-runs itself as USER (rest_auth/local wants the pipe to be the user's, so the timed loop
runs as that user and no runuser/sh start-up is counted). Prints medians and the ratio ours/reference.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

REQUEST = b"GET /slurm/v0.0.38/ping HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
OURS = os.environ.get("SLURMRESTD_PY_CMD", "/opt/slurmrestd-py/bin/slurmrestd-py")
REFERENCE = "slurmrestd"


def one(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen([*cmd.split(), "-a", "rest_auth/local"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out, _ = proc.communicate(REQUEST)
    elapsed = time.perf_counter() - start
    if not out.startswith(b"HTTP/1.1 200"):
        sys.exit(f"{cmd}: unexpected answer {out[:120]!r}")
    return elapsed


def one_connection(path):
    import socket

    start = time.perf_counter()
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(path)
        s.sendall(REQUEST)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    elapsed = time.perf_counter() - start
    if not out.startswith(b"HTTP/1.1 200"):
        sys.exit(f"{path}: unexpected answer {out[:120]!r}")
    return elapsed


def measure_listening(runs):
    """Listen mode on a UNIX socket: the reference's threads against our fork per connection."""
    import tempfile

    rundir = tempfile.mkdtemp(prefix="ping-bench-")
    daemons, times = {}, {}
    try:
        for name, cmd in (("reference slurmrestd", REFERENCE), ("slurmrestd-py", OURS)):
            path = os.path.join(rundir, name.split()[0] + ".sock")
            daemons[name] = subprocess.Popen([*cmd.split(), "-a", "rest_auth/local", f"unix:{path}"],
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(200):
                if os.path.exists(path):
                    break
                time.sleep(0.02)
            one_connection(path)
            times[name] = (path, [])
        for _ in range(runs):
            for name, (path, samples) in times.items():
                samples.append(one_connection(path))
    finally:
        for proc in daemons.values():
            proc.terminate()
            proc.wait()
    ref = statistics.median(times["reference slurmrestd"][1])
    ours = statistics.median(times["slurmrestd-py"][1])
    print(f"GET /ping, listen mode on a UNIX socket, a new connection each, median of {runs}:")
    print(f"  reference slurmrestd  {ref * 1000:7.1f} ms")
    print(f"  slurmrestd-py         {ours * 1000:7.1f} ms")
    print(f"  ratio ours/reference  {ours / ref:7.2f}")


def measure(runs):
    times = {OURS: [], REFERENCE: []}
    for cmd in times:  # warm the page cache once
        one(cmd)
    for _ in range(runs):  # interleaved, so both see the same machine
        for cmd in times:
            times[cmd].append(one(cmd))
    ours, ref = statistics.median(times[OURS]), statistics.median(times[REFERENCE])
    print(f"GET /ping, one process per connection, median of {runs}:")
    print(f"  reference slurmrestd  {ref * 1000:7.1f} ms  (p90 {sorted(times[REFERENCE])[int(runs * .9)] * 1000:.1f})")
    print(f"  slurmrestd-py         {ours * 1000:7.1f} ms  (p90 {sorted(times[OURS])[int(runs * .9)] * 1000:.1f})")
    print(f"  ratio ours/reference  {ours / ref:7.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--user", default="alice")
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner or os.getuid() != 0:
        measure(args.runs)
        measure_listening(args.runs)
        return
    conf = os.environ.get("SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")
    sys.exit(subprocess.call(["runuser", "-u", args.user, "--", "env", f"SLURM_CONF={conf}",
                              f"SLURMRESTD_PY_CMD={OURS}", sys.executable, os.path.abspath(__file__),
                              "--inner", "--runs", str(args.runs)]))


if __name__ == "__main__":
    main()
