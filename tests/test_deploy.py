"""The shipped deployment files, run for real: Debian's xinetd with xinetd/slurmrestd-py, and the
systemd units' command lines under `systemd-socket-activate --inetd -a` (TCP + JWT as the unit's
User=, UNIX socket + local auth as root becoming the peer)."""
import json
import os
import re
import shlex
import shutil
import socket
import subprocess

import pytest

from daemons import SERVICE_USER, daemon, ensure_user, free_port, shared_dir, wait_connectable
from daemons import request as http
from reference import DEFAULT_CONF
from service import COMMAND

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONF = os.environ.get("SLURM_CONF") or DEFAULT_CONF
PING = "/slurm/v0.0.38/ping"
DIAG = "/slurm/v0.0.38/diag"
LOCAL_USER = "srpy-local"  # test-only: its RPC count is ours alone


@pytest.fixture(scope="module")
def workdir():
    ensure_user(SERVICE_USER)
    ensure_user(LOCAL_USER)
    with shared_dir("srpy-deploy-") as d:
        yield d


def _raw_exchange(address, request_bytes):
    with socket.create_connection(address, timeout=30) as s:
        s.sendall(request_bytes)
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                return b"".join(chunks)
            chunks.append(data)


def _one_response(raw):
    """The stream holds exactly one HTTP response and nothing else (no log line, no traceback)."""
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 "), raw[:200]
    length = int(re.search(rb"(?i)\r\ncontent-length: *(\d+)", head).group(1))
    assert len(body) == length, raw[-300:]
    return int(head.split()[1]), json.loads(body)


# -- xinetd ---------------------------------------------------------------------------------------

def _xinetd_conf(port, args_extra):
    """The shipped entry with a loopback port, this checkout's command and the test cluster."""
    with open(os.path.join(ROOT, "xinetd", "slurmrestd-py")) as f:
        entry = f.read()
    server, *server_args = shlex.split(COMMAND)
    server = shutil.which(server)
    args = re.search(r"(?m)^\s*server_args\s*=\s*(.*)$", entry).group(1)
    entry = re.sub(r"(?m)^(\s*port\s*=).*$", rf"\g<1> {port}", entry)
    entry = re.sub(r"(?m)^(\s*server\s*=).*$", rf"\g<1> {server}", entry)
    entry = re.sub(r"(?m)^(\s*server_args\s*=).*$",
                   lambda m: f"{m.group(1)} {' '.join(server_args)} {args} {args_extra}", entry)
    entry = re.sub(r"(?m)^(\s*env\s*=).*$", rf"\g<1> SLURM_CONF={CONF}", entry)
    assert re.search(r"(?m)^\s*bind\s*=\s*127\.0\.0\.1\s*$", entry)
    return "defaults\n{\n\tinstances = 20\n}\n\n" + entry


def test_xinetd_serves_jwt_over_tcp(workdir, alice_token):
    port = free_port()
    conf = os.path.join(workdir, "xinetd.conf")
    with open(conf, "w") as f:
        # -vv: verbose logging must still never reach the socket (xinetd makes it stderr too).
        f.write(_xinetd_conf(port, "-vv"))
    pidfile = os.path.join(workdir, "xinetd.pid")
    log = os.path.join(workdir, "xinetd.log")
    with daemon(["xinetd", "-dontfork", "-filelog", log, "-pidfile", pidfile, "-f", conf], user="root",
                wait_for=("127.0.0.1", port)):
        out = subprocess.run(["curl", "-s", "-H", "X-SLURM-USER-NAME: alice", "-H",
                              f"X-SLURM-USER-TOKEN: {alice_token}", f"http://127.0.0.1:{port}{PING}"],
                             capture_output=True, text=True, timeout=60)
        assert json.loads(out.stdout)["pings"][0]["ping"] == "UP"
        req = (f"GET {PING} HTTP/1.1\r\nHost: x\r\nX-SLURM-USER-NAME: alice\r\n"
               f"X-SLURM-USER-TOKEN: {alice_token}\r\nConnection: close\r\n\r\n").encode()
        assert _one_response(_raw_exchange(("127.0.0.1", port), req))[0] == 200
        # A refused request (no credentials on TCP) and garbage: answers, no stderr on the wire.
        status, body = _one_response(_raw_exchange(("127.0.0.1", port),
                                                   b"GET /slurm/v0.0.38/ping HTTP/1.1\r\nHost: x\r\n\r\n"))
        assert status == 401 and body["errors"][0]["error_number"] == 6000
        status, _ = _one_response(_raw_exchange(("127.0.0.1", port), b"\x00\x01garbage\r\n\r\n"))
        assert status == 400


# -- systemd socket activation --------------------------------------------------------------------

def _unit(name):
    """(User= or root, [Environment= assignments], ExecStart argv) of a shipped unit."""
    with open(os.path.join(ROOT, "systemd", name)) as f:
        text = f.read()
    user = re.search(r"(?m)^User=(.*)$", text)
    env = re.findall(r"(?m)^Environment=(.*)$", text)
    exec_start = shlex.split(re.search(r"(?m)^ExecStart=(.*)$", text).group(1))
    return (user.group(1) if user else "root"), env, exec_start


def _activate(unit, listen, workdir):
    """systemd-socket-activate running the unit's command line as its user, on `listen`."""
    user, env, argv = _unit(unit)
    assert argv[0] == "/opt/slurmrestd-py/bin/slurmrestd-py"
    argv = shlex.split(COMMAND) + argv[1:]
    env = [e if not e.startswith("SLURM_CONF=") else f"SLURM_CONF={CONF}" for e in env]
    sa = ["systemd-socket-activate", "--inetd", "-a", "-l", listen]
    for e in env:
        sa += ["-E", e]
    return daemon(sa + argv, user=user)


def test_socket_unit_tcp_jwt(workdir, alice_token):
    with open(os.path.join(ROOT, "systemd", "slurmrestd-py.socket")) as f:
        assert "Accept=yes" in f.read()
    port = free_port()
    with _activate("slurmrestd-py@.service", f"127.0.0.1:{port}", workdir):
        wait_connectable(("127.0.0.1", port))
        headers = {"X-SLURM-USER-NAME": "alice", "X-SLURM-USER-TOKEN": alice_token}
        status, _, body = http(("127.0.0.1", port), "GET", PING, headers)
        assert status == 200 and body["pings"][0]["ping"] == "UP"
        assert http(("127.0.0.1", port), "GET", PING)[0] == 401


def _as(user, *cmd):
    return subprocess.run(["runuser", "-u", user, "--", *cmd], capture_output=True, text=True, timeout=60)


def test_socket_unit_unix_local_becomes_peer(workdir):
    """Root service (disable_user_check) on a UNIX socket: each peer is served as itself."""
    sock = os.path.join(workdir, "local.sock")
    with _activate("slurmrestd-py-local@.service", sock, workdir):
        wait_connectable(sock)
        os.chmod(sock, 0o666)  # the socket unit's SocketMode
        url = f"http://localhost{DIAG}"
        # One connection, two diags: the second counts the first as the peer user's RPC.
        out = _as(LOCAL_USER, "curl", "-s", "--unix-socket", sock, url, url)
        first, second = _split_json(out.stdout)

        def count(body):
            return next((u["count"] for u in body["statistics"]["rpcs_by_user"] if u["user"] == LOCAL_USER), 0)

        assert count(second) == count(first) + 1
        out = _as("alice", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket", sock,
                  f"http://localhost{PING}")
        assert out.stdout == "200"
        # Under rest_auth/local the header is ignored: alice is still served as alice.
        out = _as("alice", "curl", "-s", "-H", "X-SLURM-USER-NAME: root", "--unix-socket", sock,
                  f"http://localhost{PING}")
        assert json.loads(out.stdout)["errors"] == []


def _split_json(text):
    decoder, docs, i = json.JSONDecoder(), [], 0
    while i < len(text):
        doc, i = decoder.raw_decode(text, i)
        docs.append(doc)
    return docs
