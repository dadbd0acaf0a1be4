"""Inetd mode through the real command: one connection on stdin/stdout, as xinetd or systemd run it."""
import json
import os
import re
import socket
import subprocess
import time

import pytest

from reference import DEFAULT_CONF, build_request, raw_reference
from service import COMMAND, raw_ours, responses

PING = build_request("GET", "/slurm/v0.0.38/ping")
LICENSES = build_request("GET", "/slurm/v0.0.38/licenses")
CONF = os.environ.get("SLURM_CONF") or DEFAULT_CONF


def answers(raw_request, **kw):
    return responses(raw_ours(raw_request, **kw))


def error_of(body):
    doc = json.loads(body)
    assert set(doc) >= {"meta", "errors"} and len(doc["errors"]) == 1, doc
    entry = doc["errors"][0]
    assert set(entry) == {"description", "error_number", "error", "source"}
    assert "Traceback" not in body.decode()
    return entry


def test_keep_alive_and_pipelining_in_order():
    got = answers(PING + LICENSES + PING)
    assert [(s, json.loads(b).keys() >= {"pings"} or json.loads(b).keys() >= {"licenses"}) for s, _, b in got] \
        == [(200, True)] * 3
    assert "pings" in json.loads(got[0][2]) and "licenses" in json.loads(got[1][2])


def test_connection_close_ends_after_that_answer():
    closing = build_request("GET", "/slurm/v0.0.38/ping", headers={"Connection": "close"})
    got = answers(closing + PING)
    assert len(got) == 1 and got[0][0] == 200


def test_yaml_answer_equals_json_answer():
    (_, jh, jb), = answers(LICENSES)
    (_, yh, yb), = answers(build_request("GET", "/slurm/v0.0.38/licenses", headers={"Accept": "text/yaml"}))
    from slurmrestd_py import media

    assert (jh["content-type"], yh["content-type"]) == ("application/json", "text/yaml")
    assert media.decode("text/yaml", yb) == json.loads(jb)


@pytest.mark.not_portable  # the reference of a release without v0.0.38 answers 404 there
@pytest.mark.parametrize("raw, status, reference_status", [
    (b"BLAH\r\n\r\n", 400, 400),
    # The reference has no header limit of its own and answers 400; 431 says what is wrong.
    (b"GET /slurm/v0.0.38/ping HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 70000 + b"\r\n\r\n", 431, 400),
    (build_request("GET", "/nope"), 404, 404),
    (build_request("POST", "/slurm/v0.0.38/ping", body={}), 405, 405),
    (build_request("GET", "/slurm/v0.0.38/ping", headers={"Accept": "text/html"}), 415, 415),
])
def test_errors_in_the_api_format(raw, status, reference_status):
    got = answers(raw + PING)
    assert len(got) == 1, "the connection closes after an error, as the reference's does"
    assert got[0][0] == status
    assert got[0][1]["connection"] == "close"
    error_of(got[0][2])
    # The reference's status line (it answers garbage as HTTP/0.9, which h11 will not read).
    assert re.match(rb"HTTP/[0-9.]+ (\d+)", raw_reference(raw)).group(1) == str(reference_status).encode()


def test_body_over_the_limit_is_413_without_reading_it():
    raw = b"POST /slurm/v0.0.38/job/submit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" \
          b"Content-Length: 2000\r\n\r\n" + b" " * 2000
    got = answers(raw, env={"SLURMRESTD_PY_MAX_BODY_BYTES": "1000"})
    assert got[0][0] == 413
    assert error_of(got[0][2])["error_number"] == 9205


def serve_root(stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=None):
    """The command as root (allowed by disable_user_check), on file descriptors we choose."""
    env = {**os.environ, "SLURM_CONF": CONF, "SLURMRESTD_SECURITY": "disable_user_check", **(env or {})}
    return subprocess.Popen([*COMMAND.split(), "-a", "rest_auth/local"], stdin=stdin, stdout=stdout,
                            stderr=stderr, env=env)


def test_clean_exit_at_eof_and_nothing_on_stderr():
    proc = serve_root(subprocess.PIPE)
    out, err = proc.communicate(PING, timeout=30)
    assert proc.returncode == 0
    assert out.startswith(b"HTTP/1.1 200 ") and err == b""


def test_idle_client_is_let_go():
    proc = serve_root(subprocess.PIPE, env={"SLURMRESTD_PY_IDLE_TIMEOUT": "1"})
    start = time.monotonic()
    try:
        proc.wait(timeout=20)  # stdin stays open and silent
    finally:
        proc.kill()
        proc.stdin.close()
    assert proc.returncode == 0 and time.monotonic() - start < 15


def test_on_a_socket_nothing_but_http_reaches_it():
    """Under xinetd, fds 0, 1 and 2 are all the socket: warnings and errors must go elsewhere."""
    ours_end, client = socket.socketpair()
    proc = serve_root(ours_end.fileno(), ours_end.fileno(), ours_end.fileno())
    ours_end.close()
    client.sendall(build_request("GET", "/nope") + PING)
    client.shutdown(socket.SHUT_WR)
    data = b""
    client.settimeout(30)
    while chunk := client.recv(65536):
        data += chunk
    proc.wait(timeout=30)
    got = responses(data)
    assert [s for s, _, _ in got] == [404]
    assert data.startswith(b"HTTP/1.1 404 ") and data.count(b"HTTP/1.1") == 1
    assert len(data) == data.index(b"\r\n\r\n") + 4 + int(got[0][1]["content-length"])


def test_client_gone_mid_conversation_is_quiet():
    proc = serve_root(subprocess.PIPE)
    proc.stdout.close()  # the client stops reading
    proc.stdin.write(PING * 5)
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0
    assert b"Traceback" not in proc.stderr.read()
