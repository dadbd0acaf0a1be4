"""Ask our slurmrestd-py, the way a site runs it, for tests to check and to diff against the reference.

    status, headers, body = ours("GET", "/slurm/v0.0.38/ping")
    answers = responses(raw_ours(b"GET ... pipelined bytes ..."))

Like `reference.py`: the service reads a pipe owned by USER (`runuser -u USER -- sh -c 'cat | CMD'`),
so rest_auth/local sees that user. CMD is the installed console script, or $SLURMRESTD_PY_CMD
(e.g. "env PYTHONPATH=/work/main /usr/bin/python3 -m slurmrestd_py" while developing).
"""
import os
import shlex
import subprocess

import h11

from openapi_check import check_raw
from reference import DEFAULT_CONF, TIMEOUT, build_request, decode

COMMAND = os.environ.get("SLURMRESTD_PY_CMD", "/opt/slurmrestd-py/venv/bin/slurmrestd-py")


def run_ours(request, user="alice", args="-a rest_auth/local", conf=None, env=None, timeout=TIMEOUT):
    """Feed raw request bytes to slurmrestd-py as USER -> the CompletedProcess (its exit status,
    stdout, stderr), once its JSON answers have been checked against the OpenAPI document
    (openapi_check.py)."""
    conf = conf or os.environ.get("SLURM_CONF") or DEFAULT_CONF
    extra = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
    cmd = ["runuser", "-u", user, "--", "sh", "-c",
           f"cat | env SLURM_CONF={shlex.quote(conf)} {extra} {COMMAND} {args}"]
    proc = subprocess.run(cmd, input=request, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout, check=False)
    check_raw(request, responses(proc.stdout))
    return proc


def raw_ours(request, *args, **kw):
    """Everything slurmrestd-py wrote to stdout, fed raw request bytes (run_ours' arguments)."""
    return run_ours(request, *args, **kw).stdout


def responses(raw):
    """Every response in `raw` as (status, headers dict with lower-case names, body bytes)."""
    client = h11.Connection(h11.CLIENT)
    out = []
    # h11 wants a request before each response it parses; HEAD would change framing, GET does not.
    client.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
    client.send(h11.EndOfMessage())
    client.receive_data(raw)
    client.receive_data(b"")
    status, headers, body = None, None, bytearray()
    while True:
        try:
            event = client.next_event()
        except h11.RemoteProtocolError:
            break  # a truncated or garbled answer: the responses so far are what there is
        if isinstance(event, h11.Response):
            status = event.status_code
            headers = {k.decode().lower(): v.decode("latin-1") for k, v in event.headers}
        elif isinstance(event, h11.Data):
            body += event.data
        elif isinstance(event, h11.EndOfMessage):
            out.append((status, headers, bytes(body)))
            body = bytearray()
            if client.our_state is h11.MUST_CLOSE or client.their_state is h11.MUST_CLOSE:
                break
            try:
                client.start_next_cycle()
            except h11.LocalProtocolError:
                break
            client.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
            client.send(h11.EndOfMessage())
        elif event is h11.NEED_DATA or isinstance(event, h11.ConnectionClosed) or event is h11.PAUSED:
            break
    return out


def ours(method, path, body=None, headers=None, user="alice", **kw):
    """-> (status, headers, decoded body) of slurmrestd-py answering one request."""
    answers = responses(raw_ours(build_request(method, path, body, headers), user, **kw))
    assert answers, "slurmrestd-py gave no HTTP response"
    status, hdrs, raw_body = answers[0]
    return status, hdrs, decode(raw_body)


def slurm_release():
    """The release under test, as Slurm's own commands say it ("24.11.5")."""
    return subprocess.run(["sinfo", "-V"], capture_output=True, text=True, check=True).stdout.split()[-1]
