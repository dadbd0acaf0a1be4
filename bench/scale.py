#!/usr/bin/env python3
"""Scale benchmark: ours vs the reference slurmrestd on ~1,000 nodes and 1,000 to 20,000 queued jobs.

    sudo python3 bench/scale.py [--nodes 1000] [--jobs 1000,5000,20000] [--runs 3]

It leaves the test cluster alone: it starts a second slurmctld of its own (cluster "bench", its own
port, state, log and pid file under /var/lib/slurmrestd-py/bench, no accounting, the test cluster's
munged) whose nodes are all FUTURE or DOWN, so nothing is ever scheduled; fills it with held jobs
as alice, up to each number of --jobs in turn; times GET /slurm/v0.0.38/jobs (JSON, and YAML for
ours) at each and /nodes at the first, end to end (process start to exit, one request per process
on a pipe owned by alice, as a site runs slurmrestd; only the openapi/v0.0.38 plugin, as the
reference's dbv0.0.38 refuses a cluster without slurmdbd) with each server's peak RSS (ours streams
GET /jobs: its peak should not grow with the jobs, target <= 40 MiB); then stops that slurmctld and
removes its state, jobs and all. Not part of the test suite.

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


SUBMIT = json.dumps({"script": "#!/bin/sh\nsleep 60\n", "job": {
    "name": "bench", "hold": True, "time_limit": 10, "current_working_directory": "/tmp",
    "standard_output": "/dev/null", "environment": {"PATH": "/bin:/usr/bin"}}}).encode()
BATCH = 500  # submissions per connection


def submit(env, jobs):
    """`jobs` held jobs as USER, each a record of its own (a pending job array would stay one, and
    the reference's figures are for that many records): POST /job/submit, BATCH pipelined on one
    connection to our inetd mode, a few connections at once (an sbatch per job takes minutes)."""
    request = (b"POST /slurm/v0.0.38/job/submit HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
               b"Content-Length: %d\r\n\r\n%s" % (len(SUBMIT), SUBMIT))
    cmd = ["runuser", "-u", USER, "--", "sh", "-c",
           f"cat | env SLURM_CONF={shlex.quote(env['SLURM_CONF'])} {OURS} -s openapi/v0.0.38 -a rest_auth/local"]

    def one(count):
        out = subprocess.run(cmd, input=request * count, capture_output=True, timeout=1200).stdout
        return out.count(b"HTTP/1.1 200 ")

    t = time.monotonic()
    batches = [BATCH] * (jobs // BATCH) + ([jobs % BATCH] if jobs % BATCH else [])
    with ThreadPoolExecutor(4) as pool:
        done = sum(pool.map(one, batches))
    log(f"submitted {done} held jobs in {time.monotonic() - t:.1f}s ({jobs - done} failed)")


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


def measure(server, path, conf, plugin="openapi/v0.0.38", accept="application/json"):
    """One request in a fresh server process: (status line, body bytes, wall seconds, peak RSS KiB)."""
    request = f"GET {path} HTTP/1.1\r\nHost: bench\r\nAccept: {accept}\r\nConnection: close\r\n\r\n".encode()
    out, wall, rss = _timed(f"{server} -s {plugin} -a rest_auth/local", conf, request)
    head, _, body = out.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    if fields.get("transfer-encoding") == "chunked":
        return lines[0], _dechunk(body), wall, rss
    # The body is Content-Length bytes: the reference writes stray bytes after it as it closes.
    length = int(fields["content-length"]) if "content-length" in fields else None
    return lines[0], body[:length] if length is not None else body, wall, rss


def _dechunk(data):
    body, at = bytearray(), 0
    while True:
        end = data.index(b"\r\n", at)
        size = int(data[at:end].split(b";")[0], 16)
        if size == 0:
            return bytes(body)
        body += data[end + 2:end + 2 + size]
        at = end + 2 + size + 2


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


def bench(conf, runs, paths=PATHS):
    rows = []
    for path in paths:
        result = {}
        servers = [("reference", REFERENCE, "application/json"), ("ours", OURS, "application/json")]
        if path.endswith("/jobs"):
            servers.append(("ours YAML", OURS, "text/yaml"))
        for name, server, accept in servers:
            # YAML (pure-Python ruamel) takes ~5 ms a job: one run, for its peak memory
            samples = [measure(server, path, conf, accept=accept) for _ in range(1 if "YAML" in name else runs)]
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
        return body.count(b"\n- account: ") or body.count(b"\n- ")  # YAML: the records' first lines
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
    parser.add_argument("--jobs", default="1000,5000,20000",
                        help="numbers of jobs to measure GET /jobs at, rising (comma-separated)")
    parser.add_argument("--runs", type=int, default=3, help="requests per server and path (median wall)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("scale: run as root (it starts a slurmctld and serves as alice)")
    levels = sorted(int(n) for n in args.jobs.split(","))
    stop()  # whatever an interrupted run left
    conf = write_config(args.nodes, levels[-1])
    try:
        env = start(conf)
        log(f"bench slurmctld up on port {PORT} with {args.nodes} nodes")
        submitted, peaks = 0, []
        for level in levels:
            submit(env, level - submitted)
            submitted = level
            rows = bench(conf, args.runs, PATHS if level == levels[0] else PATHS[:1])
            print(f"\n{level} jobs submitted:")
            report(rows)
            if level == levels[0]:
                first_rows = rows
            result = rows[0][1]
            peaks.append((level, result["reference"][4], result["ours"][4], result["ours YAML"][4]))
        print("\nGET /slurm/v0.0.38/jobs, peak memory (MiB; ours streams; target <= 40 at every size):")
        print(f"{'jobs':>8} {'reference':>10} {'ours JSON':>10} {'ours YAML':>10} {'ours/ref':>9}")
        for level, ref, ours, ours_yaml in peaks:
            print(f"{level:8d} {ref / 1024:10.1f} {ours / 1024:10.1f} {ours_yaml / 1024:10.1f} {ours / ref:9.2f}")
        report_floors(first_rows, floors(conf, max(args.runs, 5)))
    finally:
        stop()
        log("bench slurmctld stopped, its state (and jobs) removed")


if __name__ == "__main__":
    main()
