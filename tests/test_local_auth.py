"""rest_auth/local: the kernel says who the peer is (pipe owner, SO_PEERCRED); TCP peers are refused."""
import json
import os
import pathlib
import subprocess
import time

import pytest

from daemons import free_port, shared_dir
from reference import DEFAULT_CONF, build_request
from service import COMMAND, raw_ours, responses

PING = build_request("GET", "/slurm/v0.0.38/ping")
CONF = os.environ.get("SLURM_CONF") or DEFAULT_CONF


def status_of(raw):
    got = responses(raw)
    assert got, f"no HTTP answer: {raw[:200]!r}"
    return got[0][0], got[0][2]


def test_pipe_of_the_same_user_is_accepted():
    assert status_of(raw_ours(PING, user="alice"))[0] == 200
    assert status_of(raw_ours(PING, user="bob"))[0] == 200


def test_pipe_of_another_user_is_refused_like_the_reference():
    """Root makes the pipe; the service runs as alice. Both refuse with 401."""
    def run(cmd):
        return subprocess.run(["runuser", "-u", "alice", "--", "env", f"SLURM_CONF={CONF}", *cmd,
                               "-a", "rest_auth/local"], input=PING, capture_output=True, timeout=60).stdout

    ours_status, body = status_of(run(COMMAND.split()))
    assert ours_status == 401
    assert json.loads(body)["errors"][0]["error_number"] == 6000
    assert run(["slurmrestd"]).startswith(b"HTTP/1.1 401 ")


@pytest.fixture
def activated():
    """systemd-socket-activate serving the command as alice, on a UNIX socket and on loopback TCP."""
    with shared_dir("slurmrestd-py-auth-") as rundir:
        yield from _activate(pathlib.Path(rundir))


def _activate(rundir):
    sock = rundir / "rest.sock"
    port = free_port()
    procs = []
    for where in (str(sock), f"127.0.0.1:{port}"):
        procs.append(subprocess.Popen(
            ["systemd-socket-activate", "--inetd", "-a", "-l", where, "-E", f"SLURM_CONF={CONF}",
             "runuser", "-u", "alice", "--", *COMMAND.split(), "-a", "rest_auth/local"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for _ in range(100):
        if sock.exists():
            break
        time.sleep(0.05)
    os.chmod(sock, 0o666)
    try:
        yield sock, port
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=10)


def curl(user, *args):
    out = subprocess.run(["runuser", "-u", user, "--", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                          "--max-time", "30", *args], capture_output=True, text=True, timeout=60)
    return int(out.stdout or 0)


def test_unix_socket_peer_is_the_kernel_verified_user(activated):
    sock, _ = activated
    url = "http://localhost/slurm/v0.0.38/ping"
    assert curl("alice", "--unix-socket", str(sock), url) == 200
    # The process runs as alice and cannot act for anyone else.
    assert curl("bob", "--unix-socket", str(sock), url) == 401
    # As the reference: root may connect, and is served as the process's user, never another.
    assert curl("root", "--unix-socket", str(sock), url) == 200
    assert curl("root", "--unix-socket", str(sock), "-H", "X-SLURM-USER-NAME: bob", url) == 401


def test_tcp_peers_are_refused(activated):
    _, port = activated
    assert curl("alice", f"http://127.0.0.1:{port}/slurm/v0.0.38/ping") == 401
