"""Listen mode over IPv4, IPv6 and a UNIX socket: one forked child per connection, each
authenticated on its own; -t bounds the children; -u/-g after binding; SIGTERM/SIGINT clean up."""
import os
import shlex
import signal
import socket
import stat
import subprocess
import time

import pytest

from daemons import SERVICE_USER, connect, daemon, ensure_user, free_port, shared_dir, wait_connectable
from daemons import request as http
from service import COMMAND

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
    """-t 4: four idle connections occupy four children; a fifth waits until one closes."""
    idle = []
    try:
        for _ in range(4):
            s = socket.create_connection(server["v4"])
            idle.append(s)
        time.sleep(0.5)
        assert len(_children(server["proc"])) == 4
        waiting = connect(server["v4"], timeout=1.5)
        waiting.request("GET", PING, headers={"X-SLURM-USER-NAME": "alice", "X-SLURM-USER-TOKEN": alice_token})
        with pytest.raises(socket.timeout):
            waiting.getresponse()
        waiting.close()
        idle.pop().close()
        assert http(server["v4"], "GET", PING,
                    {"X-SLURM-USER-NAME": "alice", "X-SLURM-USER-TOKEN": alice_token})[0] == 200
    finally:
        for s in idle:
            s.close()
    deadline = time.monotonic() + 10
    while _children(server["proc"]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _children(server["proc"]) == []  # and no zombies: reaped ones vanish from the table


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
        idle.close()
    assert not os.path.exists(sock)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1)


def test_root_drops_to_u_g_after_binding(rundir):
    """Started as root with -u/-g: sockets bound first, handed to the user, who removes them."""
    sock = os.path.join(rundir, "drop.sock")
    with daemon(CMD + ["-u", SERVICE_USER, "-g", SERVICE_USER, f"unix:{sock}"], user="root",
                wait_for=sock) as proc:
        uid = os.stat(f"/proc/{proc.pid}").st_uid
        assert uid == int(subprocess.check_output(["id", "-u", SERVICE_USER]))
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
