#!/usr/bin/env python3
"""Scale benchmark: ours vs the reference slurmrestd on ~1,000 nodes and 1,000 to 20,000 queued jobs.

    sudo python3 bench/scale.py [--nodes 1000] [--jobs 1000,5000,20000] [--runs 3] [--versions v0.0.38,v0.0.42]
    scripts/local-cluster exec --release 24.11 -- python3 bench/scale.py ...   (in a release's root)

It runs on whichever release's cluster $SLURM_CONF names (the host's 22.05 by default; in a
release's root, that root's), against that release's own reference. API versions (--versions,
default per release: DEFAULT_VERSIONS): v0.0.38 through the reference's openapi/v0.0.38, a parser
version (v0.0.40 on) through its openapi/slurmctld with that data_parser only; a parser version the
release's reference does not serve (all of them on 22.05) is set against the reference's v0.0.38
answer of the same jobs (same facts, another shape: marked "ref v0.0.38").

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

# scripts/local-cluster's cluster of this release (its munged is reused): the directory above its etc/
CLUSTER = os.path.dirname(os.path.dirname(os.environ.get("SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")))
DIR = "/var/lib/slurmrestd-py/bench"  # in a release's root: that root's own
# The test clusters' slurmctlds listen on 6817, 6827, 6837: each release's bench has a port of its own,
# so benches in two roots can run at once.
PORTS = {"22.05": 6917, "24.11": 6957, "26.05": 6967}
USER = "alice"
OURS = os.environ.get("SLURMRESTD_PY_CMD", "/opt/slurmrestd-py/venv/bin/slurmrestd-py")
REFERENCE = "slurmrestd"
# The reference's API versions per release (22.05: v0.0.36-38; 23.11 on: the data_parser plugins)
REFERENCE_VERSIONS = {"22.05": ("v0.0.38",), "24.11": ("v0.0.40", "v0.0.41", "v0.0.42"),
                      "26.05": ("v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45")}
DEFAULT_VERSIONS = {"22.05": ("v0.0.38", "v0.0.42"), "24.11": ("v0.0.40", "v0.0.42"),
                    "26.05": ("v0.0.42", "v0.0.45")}


def slurm_release():
    """"24.11" of `slurmctld -V` ("slurm 24.11.5")."""
    out = subprocess.run(["slurmctld", "-V"], capture_output=True, text=True, check=True).stdout
    return ".".join(out.split()[-1].split(".")[:2])


RELEASE = slurm_release()
PORT = PORTS.get(RELEASE, 6977)


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


def reference_for(version):
    """(the reference's API version to ask, its -s/-d arguments) for ours at `version`."""
    served = REFERENCE_VERSIONS.get(RELEASE, ())
    if version not in served:
        version = served[0]  # 22.05: the same jobs through its v0.0.38
    if version in ("v0.0.36", "v0.0.37", "v0.0.38"):
        return version, f"openapi/{version}"
    return version, f"openapi/slurmctld -d {version}"


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


# Listen mode: one request per connection on a UNIX socket, as USER (rest_auth/local), timed from
# connect to the answer's end; prints [[seconds, status line, bytes], ...] for its arguments' sockets.
LISTEN_CLIENT = r"""
import json, socket, sys, time
request = sys.argv[1].encode()
out = []
for address in sys.argv[2:]:
    t = time.perf_counter()
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(address)
        s.sendall(request)
        data = bytearray()
        while chunk := s.recv(1 << 20):
            data += chunk
    out.append([time.perf_counter() - t, data[:data.find(b"\r\n")].decode(), len(data)])
print(json.dumps(out))
"""


def _descendants(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            children = [int(c) for c in f.read().split()]
    except OSError:
        return []
    return [(c, pid) for c in children] + [d for c in children for d in _descendants(c)]


def _stop_timed(proc):
    """SIGTERM the daemon /usr/bin/time runs under `proc` (runuser ...), so time writes its peak RSS."""
    for pid, parent in _descendants(proc.pid):
        try:
            comm = open(f"/proc/{parent}/comm").read().strip()
        except OSError:
            continue
        if comm == "time":
            os.kill(pid, 15)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def listen_bench(conf, runs, targets):
    """Listen mode: each of `targets` [(name, server, -s/-d arguments, path)] a daemon on a UNIX
    socket of its own as USER; `runs` rounds of one new connection to each in turn (after one to
    warm up). {name: (median seconds, sorted seconds, peak RSS KiB of the daemon and the children
    it waited for, status line, bytes)}."""
    rundir = tempfile.mkdtemp(prefix="scale-listen-")
    os.chmod(rundir, 0o777)
    daemons = []
    try:
        for i, (name, server, plugin, path) in enumerate(targets):
            sock, rss = f"{rundir}/{i}.sock", f"{rundir}/{i}.rss"
            cmd = (f"env SLURM_CONF={shlex.quote(conf)} /usr/bin/time -f %M -o {rss} {server} -s {plugin} "
                   f"-a rest_auth/local unix:{sock}")
            proc = subprocess.Popen(["runuser", "-u", USER, "--", "sh", "-c", cmd], stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            daemons.append((name, path, sock, rss, proc))
        for _, _, sock, _, _ in daemons:
            for _ in range(500):
                if os.path.exists(sock):
                    break
                time.sleep(0.02)
        samples = {name: [] for name, *_ in daemons}
        for i in range(runs + 1):
            for name, path, sock, _, _ in daemons:
                request = f"GET {path} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
                out = subprocess.run(["runuser", "-u", USER, "--", _python().split()[-1], "-I", "-c", LISTEN_CLIENT,
                                      request, sock], capture_output=True, text=True, timeout=600)
                (seconds, status, size), = json.loads(out.stdout)
                if i:
                    samples[name].append((seconds, status, size))
    finally:
        for *_, proc in daemons:
            _stop_timed(proc)
    result = {}
    for name, _, _, rss, _ in daemons:
        got = samples[name]
        try:
            peak = int(open(rss).read().split()[-1])
        except (OSError, ValueError, IndexError):
            peak = 0
        walls = sorted(g[0] for g in got)
        result[name] = (statistics.median(walls), walls, peak, got[-1][1], got[-1][2])
    shutil.rmtree(rundir, ignore_errors=True)
    return result


def report_listen(level, rows):
    print(f"\nSlurm {RELEASE}, {level} jobs, listen mode (UNIX socket, a new connection each; peak RSS of the "
          f"daemon and its children):")
    print(f"{'GET':40} {'server':10} {'status':16} {'bytes':>10} {'wall s':>7} {'spread':>7} {'peak MiB':>9}")
    for path, result in rows:
        for name, (wall, walls, peak, status, size) in result.items():
            spread = (walls[-1] - walls[0]) / wall if len(walls) > 1 and wall else 0
            print(f"{path:40} {name:10} {status:16} {size:10d} {wall:7.3f} {spread:7.0%} {peak / 1024:9.1f}")
        ref, ours = result["reference"], result["ours"]
        print(f"{path:40} {'ours/ref':10} {'':16} {'':10} {ours[0] / ref[0]:7.2f} {'':7} "
              f"{ours[2] / max(ref[2], 1):9.2f}")


def listen_rows(conf, runs, versions, kinds):
    rows = []
    for version in versions:
        ref_version, ref_plugin = reference_for(version)
        for kind in kinds:
            path = f"/slurm/{version}/{kind}"
            result = listen_bench(conf, runs, [("reference", REFERENCE, ref_plugin, f"/slurm/{ref_version}/{kind}"),
                                               ("ours", OURS, f"openapi/{version}", path)])
            rows.append((path if ref_version == version else f"{path} (ref {ref_version})", result))
    return rows


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


def bench(conf, runs, versions, kinds=("jobs", "nodes"), yaml=True):
    """[(path, {server: (status, bytes, records, median wall, max peak RSS KiB, sorted walls)})] for
    each version and kind; the reference's run in turn with ours (same load on the machine)."""
    rows = []
    for version in versions:
        ref_version, ref_plugin = reference_for(version)
        for kind in kinds:
            path = f"/slurm/{version}/{kind}"
            servers = [("reference", REFERENCE, f"/slurm/{ref_version}/{kind}", ref_plugin, "application/json"),
                       ("ours", OURS, path, f"openapi/{version}", "application/json")]
            if kind == "jobs" and yaml:
                servers.append(("ours YAML", OURS, path, f"openapi/{version}", "text/yaml"))
            samples = {name: [] for name, *_ in servers}
            # YAML (pure-Python ruamel) takes ms a job: one run, for its peak memory
            for i in range(runs):
                for name, server, asked, plugin, accept in servers:
                    if "YAML" not in name or i == 0:
                        samples[name].append(measure(server, asked, conf, plugin, accept=accept))
            result = {}
            for name, *_ in servers:
                got = samples[name]
                status, body = got[-1][0], got[-1][1]
                walls = sorted(s[2] for s in got)
                result[name] = (status, len(body), _records(body), statistics.median(walls),
                                max(s[3] for s in got), walls)
            label = path if ref_version == version else f"{path} (ref {ref_version})"
            rows.append((label, result))
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
    _, (_, _, _, rwall, rrss, _) = next((p, r["reference"]) for p, r in rows if "/nodes" in p)
    print(f"\n{'floor (no request)':34} {'wall s':>7} {'peak MiB':>9} {'time/ref nodes':>15} {'mem/ref nodes':>14}")
    for label, wall, rss in floor_rows:
        print(f"{label:34} {wall:7.3f} {rss / 1024:9.1f} {wall / rwall:15.2f} {rss / rrss:14.2f}")


def report(rows):
    """Each server's figures, then ours/ref; `spread` is (slowest - fastest) / median of the runs:
    how noisy the machine was for that figure."""
    print(f"{'GET':40} {'server':10} {'status':16} {'records':>8} {'bytes':>10} {'wall s':>7} {'spread':>7} "
          f"{'peak MiB':>9}")
    for path, result in rows:
        for name, (status, size, count, wall, rss, walls) in result.items():
            spread = (walls[-1] - walls[0]) / wall if len(walls) > 1 and wall else 0
            print(f"{path:40} {name:10} {status:16} {count:8d} {size:10d} {wall:7.3f} {spread:7.0%} {rss / 1024:9.1f}")

        (_, rsize, _, rwall, rrss, _), (_, osize, _, owall, orss, _) = result["reference"], result["ours"]
        print(f"{path:40} {'ours/ref':10} {'':16} {'':8} {osize / max(rsize, 1):10.2f} {owall / rwall:7.2f} "
              f"{'':7} {orss / rrss:9.2f}")


# What slurm_load_jobs() alone holds: libslurm's answer to GET /jobs, before any record is made.
LOAD_JOBS = ("-c 'import resource\nfrom slurmrestd_py.slurm import _lib\nffi, lib = _lib.init()\n"
             "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\nmsg = ffi.new(\"job_info_msg_t **\")\n"
             "lib.slurm_load_jobs(0, msg, lib.SHOW_ALL | lib.SHOW_DETAIL)\n"
             "now = int(open(\"/proc/self/statm\").read().split()[1]) * 4\n"
             "print(msg[0].record_count, before, now)'")


def load_jobs(conf):
    """(records, peak RSS KiB before the call, peak RSS KiB with slurm_load_jobs' answer, RSS KiB
    once it returned: the answer unpacked, its packed message freed)."""
    out, _, rss = _timed(f"{_python()} {LOAD_JOBS}", conf)
    records, before, after = (int(x) for x in out.split())
    return records, before, rss, after


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--jobs", default="1000,5000,20000",
                        help="numbers of jobs to measure GET /jobs at, rising (comma-separated)")
    parser.add_argument("--runs", type=int, default=3, help="requests per server and path (median wall)")
    parser.add_argument("--versions", help="API versions, comma-separated (default: DEFAULT_VERSIONS of the release)")
    parser.add_argument("--yaml-up-to", type=int, default=1000,
                        help="ours in YAML at the levels up to this many jobs (one run each: ms a job)")
    parser.add_argument("--listen", action="store_true",
                        help="listen mode too (a UNIX socket, a new connection each), GET /nodes and /jobs")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("scale: run as root (it starts a slurmctld and serves as alice)")
    levels = sorted(int(n) for n in args.jobs.split(","))
    versions = tuple(args.versions.split(",")) if args.versions else DEFAULT_VERSIONS[RELEASE]
    log(f"Slurm {RELEASE}, cluster {CLUSTER}, API versions {', '.join(versions)}")
    stop()  # whatever an interrupted run left
    conf = write_config(args.nodes, levels[-1])
    try:
        env = start(conf)
        log(f"bench slurmctld up on port {PORT} with {args.nodes} nodes")
        submitted, peaks, held = 0, [], []
        for level in levels:
            submit(env, level - submitted)
            submitted = level
            kinds = ("jobs", "nodes") if level == levels[0] else ("jobs",)
            rows = bench(conf, args.runs, versions, kinds, yaml=level <= args.yaml_up_to)
            print(f"\nSlurm {RELEASE}, {level} jobs submitted:")
            report(rows)
            if level == levels[0]:
                first_rows = rows
            if args.listen:
                report_listen(level, listen_rows(conf, args.runs, versions, kinds))
            for path, result in rows:
                if "/jobs" in path:
                    yaml = result.get("ours YAML")
                    peaks.append((level, path, result["reference"][4], result["ours"][4], yaml and yaml[4]))
            held.append((level, *load_jobs(conf)))
        print(f"\nSlurm {RELEASE}, GET jobs, peak memory (MiB; ours streams; target <= 40 at every size):")
        print(f"{'jobs':>8} {'GET':40} {'reference':>10} {'ours JSON':>10} {'ours YAML':>10} {'ours/ref':>9}")
        for level, path, ref, ours, ours_yaml in peaks:
            y = f"{ours_yaml / 1024:10.1f}" if ours_yaml else f"{'-':>10}"
            print(f"{level:8d} {path:40} {ref / 1024:10.1f} {ours / 1024:10.1f} {y} {ours / ref:9.2f}")
        print("\nslurm_load_jobs() alone (python + slurm_init, then the answer held; what streaming cannot remove):")
        print(f"{'jobs':>8} {'records':>8} {'before MiB':>11} {'peak MiB':>9} {'answer MiB':>11} {'KiB/job':>8} "
              f"{'after MiB':>10}")
        for level, records, before, rss, after in held:
            print(f"{level:8d} {records:8d} {before / 1024:11.1f} {rss / 1024:9.1f} {(rss - before) / 1024:11.1f} "
                  f"{(rss - before) / max(records, 1):8.2f} {after / 1024:10.1f}")
        report_floors(first_rows, floors(conf, max(args.runs, 5)))
    finally:
        stop()
        log("bench slurmctld stopped, its state (and jobs) removed")


if __name__ == "__main__":
    main()
