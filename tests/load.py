"""Many clients at once against a REST daemon started once per connection, as a systemd socket with
Accept=yes starts it: `systemd-socket-activate --inetd -a` on loopback, rest_auth/jwt, as user
slurmrestd (the reference refuses root).

    result = load(argv, workdir, clients=50, requests=3)

Each server process runs under GNU time, which appends the process's peak RSS (its rusage
ru_maxrss, the same figure as /proc's VmHWM at exit) to a file: every process is measured, however
short it lives. Every answer is checked (200, JSON, the path's key, no errors[]); after the run, the
processes the connections started must all be gone.
"""
import http.client
import json
import os
import signal
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from daemons import SERVICE_USER, daemon, free_port, token
from reference import DEFAULT_CONF

CONF = os.environ.get("SLURM_CONF") or DEFAULT_CONF
USER = "alice"
# (path, the key its answer must have): a mix of what clients poll, cheap and not.
PATHS = (
    ("/slurm/v0.0.38/ping", "pings"),
    ("/slurm/v0.0.38/partitions", "partitions"),
    ("/slurm/v0.0.38/diag", "statistics"),
    ("/slurm/v0.0.38/jobs", "jobs"),
)


def paths(version="v0.0.38"):
    """PATHS in another API version (the same keys in every version)."""
    return tuple((path.replace("/v0.0.38/", f"/{version}/"), key) for path, key in PATHS)


@dataclass
class Result:
    served: int = 0
    failures: list = field(default_factory=list)  # one description per failed request
    seconds: float = 0.0
    rss_kib: list = field(default_factory=list)  # peak RSS of each process the run started
    peak_processes: int = 0  # server processes alive at once (sampled)
    left: list = field(default_factory=list)  # pids still there after the run
    cpu: float = 0.0  # CPU seconds (user + system) the server's processes spent during the run

    @property
    def throughput(self):
        return self.served / self.seconds

    @property
    def rss_median_mib(self):
        return statistics.median(self.rss_kib) / 1024 if self.rss_kib else 0

    @property
    def rss_max_mib(self):
        return max(self.rss_kib) / 1024 if self.rss_kib else 0


def _children():
    """pid -> [child pids], from /proc."""
    tree = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def descendants(pid):
    tree, out, todo = _children(), [], [pid]
    while todo:
        kids = tree.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


def _check(raw, status, key):
    if status != 200:
        return f"status {status}: {raw[:200]!r}"
    try:
        body = json.loads(raw)
    except ValueError:
        return f"not JSON: {raw[:200]!r}"
    if key not in body or body.get("errors"):
        return f"no {key!r} or errors: {raw[:200]!r}"
    return None


def _client(address, headers, n, offset, failures, lock, paths=PATHS):
    """N requests, a new connection each (a process each), closed after the answer."""
    served = 0
    for i in range(n):
        path, key = paths[(offset + i) % len(paths)]
        conn = http.client.HTTPConnection(*address, timeout=300)
        try:
            conn.request("GET", path, headers={**headers, "Connection": "close"})
            resp = conn.getresponse()
            problem = _check(resp.read(), resp.status, key)
        except (OSError, http.client.HTTPException) as e:
            problem = f"{path}: {type(e).__name__}: {e}"
        finally:
            conn.close()
        if problem:
            with lock:
                failures.append(f"{path}: {problem}")
        else:
            served += 1
    return served


def load(argv, workdir, clients, requests, user=SERVICE_USER, paths=PATHS):
    """Run ARGV (plus `-a rest_auth/jwt`) per connection; CLIENTS threads x REQUESTS each."""
    port = free_port()
    rss_file = os.path.join(workdir, f"rss-{port}")
    open(rss_file, "w").close()
    os.chmod(rss_file, 0o666)
    sa = ["systemd-socket-activate", "--inetd", "-a", "-l", f"127.0.0.1:{port}", "-E", f"SLURM_CONF={CONF}",
          "-E", "SLURM_JWT=daemon", "/usr/bin/time", "-a", "-o", rss_file, "-f", "%M",
          *argv, "-a", "rest_auth/jwt"]
    headers = {"X-SLURM-USER-NAME": USER, "X-SLURM-USER-TOKEN": token(USER, lifespan=3600)}
    address = ("127.0.0.1", port)
    result, lock = Result(), threading.Lock()
    with daemon(sa, user=user, wait_for=address) as proc:
        skip = _measured(rss_file, 1)  # wait_for's own connection
        _settle(proc.pid)
        stop = threading.Event()
        sampler = threading.Thread(target=_sample, args=(proc.pid, stop, result))
        sampler.start()
        cpu = _cpu(proc.pid)
        start = time.monotonic()
        with ThreadPoolExecutor(clients) as pool:
            result.served = sum(pool.map(
                lambda c: _client(address, headers, requests, c, result.failures, lock, paths), range(clients)))
        result.seconds = time.monotonic() - start
        stop.set()
        sampler.join()
        result.left = _settle(proc.pid)
        result.cpu = _cpu(proc.pid) - cpu
    with open(rss_file) as f:
        result.rss_kib = [int(v) for v in f.read().split()[skip:]]
    return result


def load_listening(argv, clients, requests, user=SERVICE_USER, paths=PATHS):
    """The same clients against ARGV in listen mode on 127.0.0.1 (-a rest_auth/jwt): one daemon,
    ended with SIGTERM after the run; `left` is what of its process group outlives it. No
    per-process RSS here (rss_kib stays empty)."""
    port = free_port()
    address = ("127.0.0.1", port)
    headers = {"X-SLURM-USER-NAME": USER, "X-SLURM-USER-TOKEN": token(USER, lifespan=3600)}
    result, lock = Result(), threading.Lock()
    with daemon([*argv, "-a", "rest_auth/jwt", f"127.0.0.1:{port}"], user=user, env={"SLURM_JWT": "daemon"},
                wait_for=address) as proc:
        stop = threading.Event()
        sampler = threading.Thread(target=_sample_listening, args=(proc.pid, stop, result))
        sampler.start()
        cpu = _cpu(proc.pid)
        start = time.monotonic()
        with ThreadPoolExecutor(clients) as pool:
            result.served = sum(pool.map(
                lambda c: _client(address, headers, requests, c, result.failures, lock, paths), range(clients)))
        result.seconds = time.monotonic() - start
        stop.set()
        sampler.join()
        _settle_served(proc.pid)
        result.cpu = _cpu(proc.pid) - cpu
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while _group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        result.left = _group(proc.pid)
    return result


def _cpu(pid):
    """CPU seconds of `pid` and of the children it has reaped (utime, stime, cutime, cstime): a
    threaded daemon's whole, a forking one's with its ended children (not its waiting spares)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _settle_served(pid, timeout=15.0):
    """Wait until a listening daemon has no more processes than it keeps waiting (served
    connections all ended and reaped)."""
    deadline = time.monotonic() + timeout
    while len(descendants(pid)) > 2 and time.monotonic() < deadline:
        time.sleep(0.1)


def _group(pgid):
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[3]) == pgid:
                        out.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return out


def _sample_listening(pid, stop, result):
    while not stop.wait(0.2):
        result.peak_processes = max(result.peak_processes, len(descendants(pid)) + 1)


def _measured(rss_file, at_least, timeout=30.0):
    """Wait until AT_LEAST processes have reported their peak RSS; -> how many have."""
    deadline = time.monotonic() + timeout
    while True:
        with open(rss_file) as f:
            n = len(f.read().split())
        if n >= at_least or time.monotonic() > deadline:
            return n
        time.sleep(0.05)


def _settle(pid, timeout=15.0):
    """Wait for every connection's process to end; -> those still there."""
    deadline = time.monotonic() + timeout
    while (left := descendants(pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def _sample(pid, stop, result):
    while not stop.wait(0.2):
        # Each connection is a `time` process and the server under it.
        result.peak_processes = max(result.peak_processes, len(descendants(pid)) // 2)
