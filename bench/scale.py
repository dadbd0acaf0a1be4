#!/usr/bin/env python3
"""Scale benchmark: ours vs the reference slurmrestd on ~1,000 nodes and 5,000 queued jobs.

    sudo python3 bench/scale.py [--nodes 1000] [--jobs 5000] [--runs 3]

It leaves the test cluster alone: it starts a second slurmctld of its own (cluster "bench", its own
port, state, log and pid file under /var/lib/slurmrestd-py/bench, no accounting, the test cluster's
munged) whose nodes are all FUTURE or DOWN, so nothing is ever scheduled; fills it with held jobs
as alice; times GET /slurm/v0.0.38/jobs and /nodes end to end (process start to exit, one request
per process on a pipe owned by alice, as a site runs slurmrestd; only the openapi/v0.0.38 plugin,
as the reference's dbv0.0.38 refuses a cluster without slurmdbd) with each server's peak RSS; then
stops that slurmctld and removes its state, jobs and all. Not part of the test suite.

Ours runs as $SLURMRESTD_PY_CMD (default: the installed console script).
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))
from private_slurm_conf import write_slurm_conf  # noqa: E402

CLUSTER = "/var/lib/slurmrestd-py/22.05"  # scripts/local-cluster's: its munged is reused
DIR = "/var/lib/slurmrestd-py/bench"
PORT = 6917  # the test cluster's slurmctld listens on 6817
USER = "alice"
OURS = os.environ.get("SLURMRESTD_PY_CMD", "/opt/slurmrestd-py/venv/bin/slurmrestd-py")
REFERENCE = "slurmrestd"
PATHS = ("/slurm/v0.0.38/jobs", "/slurm/v0.0.38/nodes")


def log(msg):
    print(f"scale: {msg}", file=sys.stderr, flush=True)


def write_config(nodes, jobs):
    half = nodes // 2
    return write_slurm_conf(
        DIR, "bench", PORT, f"{CLUSTER}/munge/munge.socket",
        comment="# Written by bench/scale.py; removed when it ends.",
        MaxJobCount=max(10000, 2 * jobs), MinJobAge=3600, nodes=f"""\
# FUTURE and DOWN (no slurmd answers on 127.0.0.1:9): nothing is ever scheduled.
NodeName=bench[{1:05d}-{half:05d}] CPUs=4 RealMemory=4000 Features=bench State=FUTURE
NodeName=bench[{half + 1:05d}-{nodes:05d}] NodeAddr=127.0.0.1 Port=9 CPUs=4 RealMemory=4000 State=DOWN
PartitionName=bench Nodes=ALL Default=YES MaxTime=INFINITE State=UP
""")


def wait_for(cmd, env, seconds=60):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if subprocess.run(cmd, env=env, capture_output=True, timeout=30).returncode == 0:
            return
        time.sleep(0.5)
    raise SystemExit(f"scale: timed out waiting for {' '.join(cmd)}; see {DIR}/log/")


def start(conf):
    env = {**os.environ, "SLURM_CONF": conf}
    subprocess.run(["slurmctld", "-c", "-i"], env=env, check=True)  # -c: no state from an earlier run
    wait_for(["scontrol", "ping"], env)
    return env


def stop_slurmctld(base):
    """SIGTERM the slurmctld whose pid file is under `base`; wait (10 s at most) until it is gone."""
    try:
        pid = int(open(f"{base}/run/slurmctld.pid").read())
    except (OSError, ValueError):
        return
    try:
        os.kill(pid, 15)
        for _ in range(100):
            os.kill(pid, 0)
            time.sleep(0.1)
    except ProcessLookupError:
        pass


def stop():
    stop_slurmctld(DIR)
    shutil.rmtree(DIR, ignore_errors=True)


def submit(env, jobs):
    """`jobs` held jobs as USER, one sbatch each, in parallel: a pending job array would stay one
    record, and the reference's 5,000-job figure is for 5,000 records."""
    cmd = ["runuser", "-u", USER, "--", "env", f"SLURM_CONF={env['SLURM_CONF']}", "sbatch", "--hold",
           "--parsable", "-J", "bench", "-t", "10", "-o", "/dev/null", "--wrap", "sleep 60"]

    def one(_):
        return subprocess.run(cmd, capture_output=True, timeout=120).returncode

    t = time.monotonic()
    with ThreadPoolExecutor(32) as pool:
        failed = sum(1 for rc in pool.map(one, range(jobs)) if rc)
    log(f"submitted {jobs - failed} held jobs in {time.monotonic() - t:.1f}s ({failed} failed)")


def _timed(command, conf, stdin=b""):
    """`command` run as USER with `stdin` on a pipe: (stdout, wall seconds, peak RSS KiB)."""
    with tempfile.NamedTemporaryFile(prefix="scale-", suffix=".rss", delete=False) as f:
        rss_file = f.name
    os.chmod(rss_file, 0o666)
    inner = f"cat | env SLURM_CONF={shlex.quote(conf)} /usr/bin/time -f %M -o {rss_file} {command}"
    t = time.monotonic()
    proc = subprocess.run(["runuser", "-u", USER, "--", "sh", "-c", inner], input=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=600)
    wall = time.monotonic() - t
    try:
        rss = int(open(rss_file).read().split()[-1])
    finally:
        os.unlink(rss_file)
    return proc.stdout, wall, rss


def measure(server, path, conf, plugin="openapi/v0.0.38"):
    """One request in a fresh server process: (status line, body bytes, wall seconds, peak RSS KiB)."""
    request = f"GET {path} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n".encode()
    out, wall, rss = _timed(f"{server} -s {plugin} -a rest_auth/local", conf, request)
    head, _, body = out.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    # The body is Content-Length bytes: the reference writes stray bytes after it as it closes.
    length = next((int(v) for k, _, v in (line.partition(":") for line in lines[1:])
                   if k.strip().lower() == "content-length"), None)
    return lines[0], body[:length] if length is not None else body, wall, rss


def _python():
    """The interpreter ours runs on: the console script's shebang, or $SLURMRESTD_PY_CMD up to
    its `-m slurmrestd_py`."""
    if os.path.isfile(OURS):
        return open(OURS).readline()[2:].strip()
    return OURS.split(" -m slurmrestd_py")[0]


# What any CPython server process per connection pays before its first request: the interpreter
# alone, then with h11 (the protocol the product is built on) and libslurm loaded and initialised.
FLOORS = (
    ("python -I -S -c pass", "-I -S -c pass"),
    ("python + h11 + slurm_init", "-c 'import h11\nfrom slurmrestd_py.slurm import _lib\n_lib.init()'"),
)


def floors(conf, runs):
    """[(label, median wall, max peak RSS KiB)] of FLOORS."""
    rows = []
    for label, args in FLOORS:
        samples = [_timed(f"{_python()} {args}", conf) for _ in range(runs)]
        rows.append((label, statistics.median(s[1] for s in samples), max(s[2] for s in samples)))
    return rows


def bench(conf, runs):
    rows = []
    for path in PATHS:
        result = {}
        for name, server in (("reference", REFERENCE), ("ours", OURS)):
            samples = [measure(server, path, conf) for _ in range(runs)]
            status, body = samples[-1][0], samples[-1][1]
            result[name] = (status, len(body), _records(body), statistics.median(s[2] for s in samples),
                            max(s[3] for s in samples))
        rows.append((path, result))
    return rows


def _records(body):
    """How many records the answer lists (its one list besides meta and errors)."""
    try:
        doc = json.loads(body)
    except ValueError:
        return 0
    return next((len(v) for k, v in doc.items() if k not in ("meta", "errors") and isinstance(v, list)), 0)


def report_floors(rows, floor_rows):
    """The floors against the reference's whole GET /nodes: a per-connection CPython server cannot
    answer in less time or memory than its floor."""
    _, (_, _, _, rwall, rrss) = next((p, r["reference"]) for p, r in rows if p.endswith("/nodes"))
    print(f"\n{'floor (no request)':34} {'wall s':>7} {'peak MiB':>9} {'time/ref nodes':>15} {'mem/ref nodes':>14}")
    for label, wall, rss in floor_rows:
        print(f"{label:34} {wall:7.3f} {rss / 1024:9.1f} {wall / rwall:15.2f} {rss / rrss:14.2f}")


def report(rows):
    print(f"{'GET':22} {'server':10} {'status':16} {'records':>8} {'bytes':>10} {'wall s':>7} {'peak MiB':>9}")
    for path, result in rows:
        for name, (status, size, count, wall, rss) in result.items():
            print(f"{path:22} {name:10} {status:16} {count:8d} {size:10d} {wall:7.3f} {rss / 1024:9.1f}")
        (_, rsize, _, rwall, rrss), (_, osize, _, owall, orss) = result["reference"], result["ours"]
        print(f"{path:22} {'ours/ref':10} {'':16} {'':8} {osize / max(rsize, 1):10.2f} {owall / rwall:7.2f} "
              f"{orss / rrss:9.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="requests per server and path (median wall)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("scale: run as root (it starts a slurmctld and serves as alice)")
    stop()  # whatever an interrupted run left
    conf = write_config(args.nodes, args.jobs)
    try:
        env = start(conf)
        log(f"bench slurmctld up on port {PORT} with {args.nodes} nodes")
        submit(env, args.jobs)
        rows = bench(conf, args.runs)
        report(rows)
        report_floors(rows, floors(conf, max(args.runs, 5)))
    finally:
        stop()
        log("bench slurmctld stopped, its state (and jobs) removed")


if __name__ == "__main__":
    main()
