"""Listen mode over IPv4, IPv6 and a UNIX socket: one forked child per connection, each
authenticated on its own; -t bounds the children; -u/-g after binding; SIGTERM/SIGINT clean up."""
import os
import shlex
import signal
import socket
import stat
import subprocess
import sys
import time

import pytest

from daemons import SERVICE_USER, connect, daemon, ensure_user, free_port, shared_dir, wait_connectable
from daemons import request as http
from service import COMMAND
from slurmrestd_py import listen

PING = "/slurm/v0.0.38/ping"
CMD = shlex.split(COMMAND)


@pytest.fixture(scope="module")
def rundir():
    ensure_user(SERVICE_USER)
    with shared_dir("srpy-listen-", 0o1777) as d:
        yield d


@pytest.fixture(scope="module")
def server(rundir):
    """One daemon as user slurmrestd on 127.0.0.1, ::1, a dual-stack :port and a UNIX socket."""
    p4, p6, pany = free_port(), free_port(socket.AF_INET6, "::1"), free_port()
    sock = os.path.join(rundir, "listen.sock")
    log = os.path.join(rundir, "listen.log")
    argv = CMD + ["-v", "-t", "4", f"127.0.0.1:{p4}", f"[::1]:{p6}", f":{pany}", f"unix:{sock}"]
    with daemon(argv, env={"SLURMRESTD_PY_LOG_FILE": log}, wait_for=sock) as proc:
        for address in (("127.0.0.1", p4), ("::1", p6), ("127.0.0.1", pany)):
            wait_connectable(address)
        yield {"v4": ("127.0.0.1", p4), "v6": ("::1", p6), "any4": ("127.0.0.1", pany),
               "any6": ("::1", pany), "unix": sock, "log": log, "proc": proc}


@pytest.mark.parametrize("where", ["v4", "v6", "any4", "any6"])
def test_tcp_with_jwt(server, alice_token, where):
    status, _, body = http(server[where], "GET", PING,
                           {"X-SLURM-USER-NAME": "alice", "X-SLURM-USER-TOKEN": alice_token})
    assert status == 200 and body["pings"][0]["ping"] == "UP"


@pytest.mark.parametrize("where", ["v4", "v6"])
def test_tcp_refuses_local_auth(server, where):
    status, _, body = http(server[where], "GET", PING)
    assert status == 401 and body["errors"][0]["error_number"] == 6000


def test_unix_socket_local_auth(server):
    """The peer's uid (SO_PEERCRED): the service's own user is served, another user refused."""
    mode = os.stat(server["unix"]).st_mode
    assert stat.S_ISSOCK(mode) and stat.S_IMODE(mode) == 0o777  # as the reference: auth decides
    out = subprocess.run(["setpriv", f"--reuid={SERVICE_USER}", f"--regid={SERVICE_USER}", "--init-groups",
                          "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket",
                          server["unix"], f"http://localhost{PING}"], capture_output=True, text=True)
    assert out.stdout == "200"
    out = subprocess.run(["runuser", "-u", "bob", "--", "curl", "-s", "-o", "/dev/null", "-w",
                          "%{http_code}", "--unix-socket", server["unix"], f"http://localhost{PING}"],
                         capture_output=True, text=True)
    assert out.stdout == "401"


def test_keep_alive_and_client_address_logged(server, alice_token):
    conn = connect(server["any4"])
    headers = {"X-SLURM-USER-NAME": "alice", "X-SLURM-USER-TOKEN": alice_token}
    try:
        for _ in range(3):
            assert http(conn, "GET", PING, headers)[0] == 200
        port = conn.sock.getsockname()[1]
    finally:
        conn.close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        with open(server["log"]) as f:
            log = f.read()
        if f"[::ffff:127.0.0.1]:{port}" in log:
            break
        time.sleep(0.1)
    assert f"connection from [::ffff:127.0.0.1]:{port} on [::]:" in log
    assert "connection from [::1]:" in log


def test_children_bounded_by_t_and_reaped(server, alice_token):
    """-t 4: four idle connections occupy four children; a fifth waits until one closes, then is
    answered. Besides them only the spares wait (per kind of credential, JWT on TCP and munge on
    the UNIX socket: at most two, two again once no connection is served), and every ended child is
    reaped."""
    idle = []
    request = (f"GET {PING} HTTP/1.1\r\nHost: x\r\nX-SLURM-USER-NAME: alice\r\n"
               f"X-SLURM-USER-TOKEN: {alice_token}\r\nConnection: close\r\n\r\n").encode()
    try:
        for _ in range(4):
            s = socket.create_connection(server["v4"])
            idle.append(s)
        time.sleep(0.5)
        assert 4 <= len(_children(server["proc"])) <= 4 + 2 * listen.SPARES_IDLE
        waiting = socket.create_connection(server["v4"])
        waiting.sendall(request)
        waiting.settimeout(1.5)
        with pytest.raises(socket.timeout):
            waiting.recv(100)
        idle.pop().close()
        waiting.settimeout(10)
        assert waiting.recv(100).startswith(b"HTTP/1.1 200")
        waiting.close()
    finally:
        for s in idle:
            s.close()
    idle = 2 * listen.SPARES_IDLE
    deadline = time.monotonic() + 30  # preparing spares on a busy machine (26.05 in CI: >10 s)
    while len(_children(server["proc"])) != idle and time.monotonic() < deadline:
        time.sleep(0.1)
    children = _children(server["proc"])
    assert len(children) == idle and not [c for c in children if c[1].startswith("Z")]


def test_warm_parent_holds_no_slurm_connection(server, alice_token):
    """The listener has initialised libslurm but runs no thread and holds no socket besides its
    listeners: every connection to slurmctld and slurmdbd is a child's own, one child per client
    connection (a new pid each time)."""
    headers = {"X-SLURM-USER-NAME": "alice", "X-SLURM-USER-TOKEN": alice_token}
    for path in (PING, "/slurmdb/v0.0.38/qos", PING, "/slurmdb/v0.0.38/qos"):
        status, _, body = http(server["v4"], "GET", path, headers)
        assert status == 200 and body["errors"] == [], (path, body)
    parent = _listener_pid(server["proc"])
    with open(f"/proc/{parent}/maps") as f:
        assert "libslurm.so" in f.read()
    assert os.listdir(f"/proc/{parent}/task") == [str(parent)]
    sockets = [link for link in _fds(parent) if link.startswith("socket:")]
    assert len(sockets) == 4  # 127.0.0.1, ::1, [::] and the UNIX socket
    with open(server["log"]) as f:
        pids = [line.rsplit(" ", 1)[1] for line in f if " served by pid " in line]
    assert len(set(pids)) == len(pids) >= 4


def _listener_pid(proc):
    """The daemon's pid (setpriv execs it; /proc/<pid>/exe is then python)."""
    return proc.pid


def _fds(pid):
    links = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            links.append(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except OSError:
            pass
    return links


def test_jwt_and_local_on_one_unix_socket(rundir, alice_token):
    """-a jwt,local on a UNIX socket: a request with a token and one without are served by children
    of one parent, which cannot choose the auth plugin for them (each child loads its own)."""
    sock = os.path.join(rundir, "mixed.sock")
    with daemon(CMD + ["-a", "rest_auth/jwt,rest_auth/local", f"unix:{sock}"], wait_for=sock):
        for _ in range(2):
            status, _, body = http(sock, "GET", PING, {"X-SLURM-USER-NAME": "alice",
                                                       "X-SLURM-USER-TOKEN": alice_token})
            assert status == 200 and body["pings"][0]["ping"] == "UP"
            out = subprocess.run(["setpriv", f"--reuid={SERVICE_USER}", f"--regid={SERVICE_USER}",
                                  "--init-groups", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                                  "--unix-socket", sock, f"http://localhost{PING}"],
                                 capture_output=True, text=True)
            assert out.stdout == "200"


def test_root_listener_serves_each_peer_as_itself(rundir):
    """A root service on a UNIX socket (our extension): the child of the warm parent switches to
    the peer's uid before its RPCs, which slurmctld counts under that user."""
    from daemons import rpc_count

    sock = os.path.join(rundir, "root.sock")
    with daemon(CMD + [f"unix:{sock}"], user="root", env={"SLURMRESTD_SECURITY": "disable_user_check"},
                wait_for=sock):
        for user in ("alice", "bob"):
            before = rpc_count(user)
            out = subprocess.run(["runuser", "-u", user, "--", "curl", "-s", "-o", "/dev/null", "-w",
                                  "%{http_code}", "--unix-socket", sock, f"http://localhost{PING}"],
                                 capture_output=True, text=True)
            assert out.stdout == "200"
            assert rpc_count(user) >= before + 2  # slurm_load_ctl_conf and slurm_ping


def test_spares_leave_with_a_killed_parent(rundir):
    """SIGKILL to the listener: its spares see the end of the parent and exit; nothing is left."""
    sock = os.path.join(rundir, "killed.sock")
    port = free_port()
    with daemon(CMD + [f"127.0.0.1:{port}", f"unix:{sock}"], wait_for=sock) as proc:
        wait_connectable(("127.0.0.1", port))
        time.sleep(0.3)
        assert _children(proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _group_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _group_alive(proc.pid)


def _group_alive(pgid):
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def _children(proc):
    """Children of the daemon (the python process under setpriv, which execs)."""
    out = subprocess.run(["ps", "-o", "pid=,stat=", "--ppid", str(proc.pid)], capture_output=True, text=True)
    return [line.split() for line in out.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_shuts_down_cleanly(rundir, sig):
    sock = os.path.join(rundir, f"sig{int(sig)}.sock")
    port = free_port()
    with daemon(CMD + [f"127.0.0.1:{port}", f"unix:{sock}"], wait_for=sock) as proc:
        idle = socket.create_connection(("127.0.0.1", port))
        time.sleep(0.3)
        os.kill(proc.pid, sig)
        assert proc.wait(timeout=10) == 0
        assert not _group_alive(proc.pid)  # spares and the connection's child ended with it
        idle.close()
    assert not os.path.exists(sock)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1)


def test_root_drops_to_u_g_after_binding(rundir):
    """Started as root with -u/-g: sockets bound first, handed to the user, who removes them."""
    sock = os.path.join(rundir, "drop.sock")
    with daemon(CMD + ["-u", SERVICE_USER, "-g", SERVICE_USER, f"unix:{sock}"], user="root",
                wait_for=sock) as proc:
        expected = int(subprocess.check_output(["id", "-u", SERVICE_USER]))
        deadline = time.monotonic() + 10  # the socket exists from before the drop, not only after
        while os.stat(f"/proc/{proc.pid}").st_uid != expected and time.monotonic() < deadline:
            time.sleep(0.02)
        uid = os.stat(f"/proc/{proc.pid}").st_uid
        assert uid == expected
        assert os.stat(sock).st_uid == uid
    assert not os.path.exists(sock)


def test_address_in_use_is_fatal(rundir):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        proc = subprocess.run(["setpriv", f"--reuid={SERVICE_USER}", f"--regid={SERVICE_USER}",
                               "--init-groups", *CMD, f"127.0.0.1:{port}"],
                              capture_output=True, timeout=30,
                              env={**os.environ, "SLURM_CONF": os.environ.get(
                                  "SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")})
    assert proc.returncode == 1 and b"fatal: Unable to listen on 127.0.0.1" in proc.stderr


_WARM_UP = """
import os, sys
from slurmrestd_py import cli, stdio
args = sys.argv[1:]
options = cli.parse(args, os.environ)
kinds = {"jwt"} if "rest_auth/jwt" in args else {"munge"}
stdio.preload(options.plugins)
stdio.warm(options, kinds)
write = stdio._write
def _write(fd, chunks, timeout=None):
    chunks = list(chunks)
    for chunk in chunks:
        if chunk.startswith(b"HTTP/"):
            print(chunk.split(b"\\r\\n")[0].decode())
    return write(fd, chunks, timeout)
stdio._write = _write
stdio.prepare(options, kinds)
"""


@pytest.mark.parametrize("auth", ["rest_auth/jwt", "rest_auth/local"])
def test_spare_warm_up_answers_without_slurm(auth, tmp_path):
    """A spare's warm-up requests (the newest parser version's ping and v0.0.38's, authenticated
    as its clients' will be) go through the whole path to a 200, with a stand-in for libslurm
    that refuses every RPC function but the ping it fakes: a warm-up that failed would copy fewer
    of the pages a request writes to, and say nothing."""
    env = {**os.environ, **({"SLURM_JWT": "daemon"} if auth == "rest_auth/jwt" else {})}
    where = "127.0.0.1:1" if auth == "rest_auth/jwt" else f"unix:{tmp_path / 'x.sock'}"
    out = subprocess.run([sys.executable, "-c", _WARM_UP, "-a", auth, where], cwd="/",  # the installed package
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"], out.stdout
