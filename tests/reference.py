"""Ask the reference slurmrestd (Slurm 22.05's own) the same question, for tests to diff against.

    status, headers, body = reference("GET", "/slurm/v0.0.38/diag")

It runs `slurmrestd -a rest_auth/local` on a pipe owned by USER (rest_auth/local authenticates the
peer of fd 0, so the pipe must be that user's: `runuser -u USER -- sh -c 'cat | slurmrestd ...'`),
with SLURM_CONF from our environment; its stderr is discarded. Needs root (runuser).
`headers` is a dict in the reference's order and spelling; `body` is the decoded JSON, or the text
when it is not JSON (YAML, errors), or None when empty.
"""
import json
import os
import subprocess

# The cluster under test: $SLURM_CONF (scripts/local-cluster env sets it), else the host's 22.05 one.
DEFAULT_CONF = os.environ.get("SLURM_CONF") or "/var/lib/slurmrestd-py/22.05/etc/slurm.conf"
TIMEOUT = 60


def raw_reference(request, user="alice", conf=None):
    """Feed raw request bytes to the reference; return its raw response bytes."""
    conf = conf or os.environ.get("SLURM_CONF") or DEFAULT_CONF
    cmd = ["runuser", "-u", user, "--", "env", f"SLURM_CONF={conf}",
           "sh", "-c", "cat | slurmrestd -a rest_auth/local"]
    proc = subprocess.run(cmd, input=request, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          timeout=TIMEOUT, check=False)
    return proc.stdout


def build_request(method, path, body=None, headers=None):
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
        headers = {"Content-Type": "application/json", **(headers or {})}
    elif isinstance(body, str):
        body = body.encode()
    lines = [f"{method} {path} HTTP/1.1", "Host: localhost"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b"")


def parse_response(raw):
    """(status, headers, body bytes) of the first response in `raw`."""
    head, sep, rest = raw.partition(b"\r\n\r\n")
    if not sep:
        raise AssertionError(f"reference gave no HTTP response: {raw[:300]!r}")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip()] = value.strip()
    length = next((int(v) for k, v in headers.items() if k.lower() == "content-length"), None)
    return status, headers, rest if length is None else rest[:length]


def decode(body):
    if not body:
        return None
    text = body.decode("utf-8", "replace")
    try:
        return json.loads(text)
    except ValueError:
        return text


def reference(method, path, body=None, headers=None, user="alice"):
    """-> (status, headers, decoded body) of the reference slurmrestd answering one request."""
    status, hdrs, raw_body = parse_response(raw_reference(build_request(method, path, body, headers), user))
    return status, hdrs, decode(raw_body)
