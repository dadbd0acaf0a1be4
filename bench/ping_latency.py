#!/usr/bin/env python3
"""Per-connection latency of `GET /slurm/v0.0.38/ping`: process start to complete response in inetd
mode on a pipe, and connect to complete response in listen mode (a UNIX socket with rest_auth/local,
TCP with rest_auth/jwt and a token from `scontrol token`), for slurmrestd-py and the reference
slurmrestd in the same run.

    sudo bench/ping_latency.py [--runs 40] [--user alice] [--gap 0.05] [--version v0.0.38]
                               [--reference-version v0.0.38]

As root it re-runs itself as USER (rest_auth/local wants the pipe to be the user's, so the timed loop
runs as that user and no runuser/sh start-up is counted). Prints medians and the ratios ours/reference
(listen mode's target: <= 0.8).

In listen mode every connection is followed by --gap seconds of quiet: what a daemon does after
answering (the reference's thread ending, our parent forking and preparing the next spare) is
then done before the next connection is timed, instead of being charged to whichever daemon
comes next in the interleaved order. --version: the ping of another version (v0.0.40 on for
24.11 and 26.05, whose references no longer serve v0.0.38), ours serving its default set of
versions, as installed; --reference-version: the reference's ping when it does not serve --version
(22.05's serves v0.0.36-38 only).
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


REQUESTS = {}  # command -> its request, when not REQUEST


def use_version(version, reference_version=None):
    """Ping `version` instead of v0.0.38 (every version is served by default); the reference
    `reference_version` (default: the same)."""
    global REQUEST
    base = REQUEST
    REQUEST = base.replace(b"v0.0.38", version.encode())
    if reference_version and reference_version != version:
        REQUESTS[REFERENCE] = base.replace(b"v0.0.38", reference_version.encode())


def one(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen([*cmd.split(), "-a", "rest_auth/local"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out, _ = proc.communicate(REQUESTS.get(cmd, REQUEST))
    elapsed = time.perf_counter() - start
    if not out.startswith(b"HTTP/1.1 200"):
        sys.exit(f"{cmd}: unexpected answer {out[:120]!r}")
    return elapsed


def one_connection(address, request=REQUEST):
    import socket

    start = time.perf_counter()
    family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
    with socket.socket(family) as s:
        s.connect(address)
        s.sendall(request)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    elapsed = time.perf_counter() - start
    if not out.startswith(b"HTTP/1.1 200"):
        sys.exit(f"{address}: unexpected answer {out[:120]!r}")
    return elapsed


def _token():
    out = subprocess.run(["scontrol", "token", "lifespan=600"], capture_output=True, text=True, check=True)
    return out.stdout.strip().split("=", 1)[1]


def _free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure_listening(runs, gap=0.05):
    """Listen mode, TCP (rest_auth/jwt) and a UNIX socket (rest_auth/local): the reference's threads
    against our prepared child per connection, each daemon listening on both, interleaved."""
    import getpass
    import tempfile

    token = _token()

    def jwt(request):
        return request.replace(b"\r\n\r\n", f"\r\nX-SLURM-USER-NAME: {getpass.getuser()}\r\n"
                               f"X-SLURM-USER-TOKEN: {token}\r\n\r\n".encode())
    rundir = tempfile.mkdtemp(prefix="ping-bench-")
    daemons, targets = [], {}
    try:
        for name, cmd in (("reference slurmrestd", REFERENCE), ("slurmrestd-py", OURS)):
            path = os.path.join(rundir, name.split()[0] + ".sock")
            port = _free_port()
            # One daemon per transport: the reference's rest_auth/local refuses TCP rather than
            # letting rest_auth/jwt try, and its rest_auth/jwt wants SLURM_JWT=daemon.
            daemons.append(subprocess.Popen([*cmd.split(), "-a", "rest_auth/local", f"unix:{path}"],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            daemons.append(subprocess.Popen([*cmd.split(), "-a", "rest_auth/jwt", f"127.0.0.1:{port}"],
                                            env={**os.environ, "SLURM_JWT": "daemon"},
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            for _ in range(200):
                if os.path.exists(path):
                    break
                time.sleep(0.02)
            request = REQUESTS.get(cmd, REQUEST)
            targets[("unix", name)] = (path, request)
            targets[("tcp", name)] = (("127.0.0.1", port), jwt(request))
        for address, request in targets.values():  # warm up, and wait for the TCP listeners
            for _ in range(100):
                try:
                    one_connection(address, request)
                    break
                except ConnectionRefusedError:
                    time.sleep(0.05)
        times = {key: [] for key in targets}
        for _ in range(runs):
            for key, (address, request) in targets.items():
                times[key].append(one_connection(address, request))
                time.sleep(gap)
    finally:
        for proc in daemons:
            proc.terminate()
            proc.wait()
    for kind, label in (("unix", "a UNIX socket, rest_auth/local"), ("tcp", "TCP, rest_auth/jwt")):
        ref = statistics.median(times[(kind, "reference slurmrestd")])
        ours = statistics.median(times[(kind, "slurmrestd-py")])
        spread = {who: _quartiles(times[(kind, who)]) for who in ("reference slurmrestd", "slurmrestd-py")}
        print(f"GET {REQUEST.split()[1].decode()}, listen mode on {label}, a new connection each, median of {runs} ({gap * 1000:.0f} ms apart):")
        print(f"  reference slurmrestd  {ref * 1000:7.2f} ms  (quartiles {spread['reference slurmrestd']})")
        print(f"  slurmrestd-py         {ours * 1000:7.2f} ms  (quartiles {spread['slurmrestd-py']})")
        print(f"  ratio ours/reference  {ours / ref:7.2f}  (target <= 0.8)")


def _quartiles(values):
    q = statistics.quantiles(values, n=4)
    return f"{q[0] * 1000:.2f}-{q[2] * 1000:.2f}"


def measure(runs):
    times = {OURS: [], REFERENCE: []}
    for cmd in times:  # warm the page cache once
        one(cmd)
    for _ in range(runs):  # interleaved, so both see the same machine
        for cmd in times:
            times[cmd].append(one(cmd))
    ours, ref = statistics.median(times[OURS]), statistics.median(times[REFERENCE])
    print(f"GET {REQUEST.split()[1].decode()}, one process per connection, median of {runs}:")
    if REFERENCE in REQUESTS:
        print(f"  (the reference answering GET {REQUESTS[REFERENCE].split()[1].decode()}: it does not serve the other)")
    print(f"  reference slurmrestd  {ref * 1000:7.1f} ms  (p90 {sorted(times[REFERENCE])[int(runs * .9)] * 1000:.1f})")
    print(f"  slurmrestd-py         {ours * 1000:7.1f} ms  (p90 {sorted(times[OURS])[int(runs * .9)] * 1000:.1f})")
    print(f"  ratio ours/reference  {ours / ref:7.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--user", default="alice")
    ap.add_argument("--gap", type=float, default=0.05, help="seconds between listen-mode connections")
    ap.add_argument("--version", default="v0.0.38", help="the ping of this OpenAPI version")
    ap.add_argument("--reference-version", help="the reference's ping, if it does not serve --version")
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner or os.getuid() != 0:
        use_version(args.version, args.reference_version)
        measure(args.runs)
        measure_listening(args.runs, args.gap)
        return
    conf = os.environ.get("SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")
    sys.exit(subprocess.call(["runuser", "-u", args.user, "--", "env", f"SLURM_CONF={conf}", f"PATH={os.environ['PATH']}",
                              f"SLURMRESTD_PY_CMD={OURS}", sys.executable, os.path.abspath(__file__),
                              "--inner", "--runs", str(args.runs), "--gap", str(args.gap),
                              "--version", args.version]
                             + (["--reference-version", args.reference_version] if args.reference_version else [])))


if __name__ == "__main__":
    main()
