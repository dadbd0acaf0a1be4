"""Run slurmrestd (the reference) or slurmrestd-py as a listening daemon, for tests over sockets.

    with daemon(["slurmrestd", "127.0.0.1:PORT"], user="slurmrestd") as d: http("GET", ...)

The daemon runs as USER (the reference refuses root) in its own process group, which is killed on
exit. `request()` speaks HTTP/1.1 over TCP or a UNIX socket with http.client; it checks every
answer against our OpenAPI document (openapi_check.py) unless a reference daemon listens there.
"""
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from openapi_check import check
from reference import DEFAULT_CONF

SERVICE_USER = "slurmrestd"
REFERENCE = {"slurmrestd", "/usr/sbin/slurmrestd"}
_reference_addresses = set()  # where a reference daemon listens now: its answers are not checked


def ensure_user(name, system=True):
    """Create a local user if missing (the cluster's slurmctld resolves it through the same NSS)."""
    if subprocess.run(["id", name], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "--system" if system else "-m", "--no-create-home",
                        "--shell", "/usr/sbin/nologin", name], check=True, capture_output=True)


def free_port(family=socket.AF_INET, host="127.0.0.1"):
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def shared_dir(prefix, mode=0o755):
    """A temporary directory the test users can reach (pytest's own tmp_path is root's alone)."""
    d = tempfile.mkdtemp(prefix=prefix)
    os.chmod(d, mode)
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def token(user, lifespan=600):
    env = {**os.environ, "SLURM_CONF": os.environ.get("SLURM_CONF") or DEFAULT_CONF}
    out = subprocess.run(["scontrol", "token", f"username={user}", f"lifespan={lifespan}"],
                         env=env, capture_output=True, text=True, check=True).stdout
    return out.strip().split("=", 1)[1]


def wait_connectable(address, timeout=20.0):
    """address: (host, port) or a UNIX socket path."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        family = socket.AF_UNIX if isinstance(address, str) else (
            socket.AF_INET6 if ":" in address[0] else socket.AF_INET)
        try:
            with socket.socket(family, socket.SOCK_STREAM) as s:
                s.connect(address)
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {address}")


@contextlib.contextmanager
def daemon(argv, user=SERVICE_USER, env=None, wait_for=None, stderr=subprocess.DEVNULL):
    """Start argv as USER with SLURM_CONF (and env); yield the Popen; kill its process group."""
    full_env = {"PATH": os.environ["PATH"], "SLURM_CONF": os.environ.get("SLURM_CONF") or DEFAULT_CONF,
                **(env or {})}
    cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--init-groups", "--"] + list(argv) \
        if user != "root" else list(argv)
    proc = subprocess.Popen(cmd, env=full_env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=stderr, start_new_session=True)
    addresses = _addresses(argv, wait_for) if REFERENCE & set(argv) else set()
    _reference_addresses.update(addresses)
    try:
        if wait_for is not None:
            wait_connectable(wait_for)
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        _reference_addresses.difference_update(addresses)


def _addresses(argv, wait_for):
    """The listening addresses named on a daemon's command line ("host:port", "unix:path")."""
    found = {wait_for} if wait_for is not None else set()
    for arg in argv:
        if arg.startswith("unix:"):
            found.add(arg[len("unix:"):])
        elif re.fullmatch(r"\[?[\w.:-]*?\]?:\d+", arg):
            host, _, port = arg.rpartition(":")
            found.add((host.strip("[]"), int(port)))
    return found


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=30):
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self._path)


def connect(address, timeout=30):
    """An http.client connection to (host, port) or a UNIX socket path."""
    if isinstance(address, str):
        return _UnixConnection(address, timeout)
    return http.client.HTTPConnection(address[0], address[1], timeout=timeout)


def request(address_or_conn, method, path, headers=None, body=None):
    """-> (status, headers dict lower-case, decoded body: JSON, text, or None)."""
    conn = address_or_conn if isinstance(address_or_conn, http.client.HTTPConnection) \
        else connect(address_or_conn)
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    raw = resp.read()
    hdrs = {k.lower(): v for k, v in resp.getheaders()}
    if conn is not address_or_conn:
        conn.close()
    address = getattr(conn, "_path", (conn.host, conn.port))
    if address not in _reference_addresses:
        check(method, path, resp.status, hdrs, raw)
    text = raw.decode("utf-8", "replace")
    try:
        return resp.status, hdrs, json.loads(text) if text else None
    except ValueError:
        return resp.status, hdrs, text


def rpc_count(user):
    """slurmctld's count of RPCs from USER so far (`sdiag`, statistics by user; 0 before the first)."""
    env = {**os.environ, "SLURM_CONF": os.environ.get("SLURM_CONF") or DEFAULT_CONF}
    out = subprocess.run(["sdiag"], env=env, capture_output=True, text=True, check=True).stdout
    by_user = out.split("Remote Procedure Call statistics by user", 1)[1]
    # "\talice           (    1001) count:443 ...": a 16-character name touches its "(".
    found = re.search(rf"(?m)^\s*{re.escape(user)}\s*\(\s*\d+\)\s+count:(\d+)", by_user)
    return int(found.group(1)) if found else 0
