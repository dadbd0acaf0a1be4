"""rest_auth/jwt beside the reference: tokens from `scontrol token` over TCP (listen mode), both
daemons run as the unprivileged user `slurmrestd` with SLURM_JWT set, as the reference requires.

A deliberate difference: every credential Slurm refuses is a 401 here, with errors[] saying who
refused it and why, where the reference answers 500 ("slurmctld config is unable to load", -1).
Tokens that fail a check needing no key (form, algorithm, expiry, user) are refused before any
RPC; a forged signature or another user's token is refused by slurmctld or slurmdbd, and the
errno they cause is the error_number. The reference's status is recorded beside ours for each
case, and checked, so the table stays true. Who a request ran as is read from slurmctld's own
per-user RPC counters (GET /diag, rpcs_by_user), for users created for this test only.
"""
import base64
import json
import os
import re
import shlex
import subprocess
import time

import pytest

from daemons import SERVICE_USER, connect, daemon, ensure_user, free_port, shared_dir, token
from daemons import request as http
from reference import DEFAULT_CONF
from service import COMMAND, responses

ALICE, BOB = "srpy-jwt-a", "srpy-jwt-b"  # test-only users
PING = "/slurm/v0.0.38/ping"
DIAG = "/slurm/v0.0.38/diag"
JWT_ENV = {"SLURM_JWT": "daemon"}
ZERO_BYTES = 5005  # Slurm 22.05's errno when slurmctld refuses a credential
REFUSED = ("Zero Bytes were transmitted or received", "Protocol authentication error")


def b64(value):
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def reheader(tok, **header):
    """The token with another header (the signature no longer matches, which is beside the point)."""
    _, claims, signature = tok.split(".")
    return f"{b64(header)}.{claims}.{signature}"


@pytest.fixture(scope="module")
def tokens():
    for user in (SERVICE_USER, ALICE, BOB):
        ensure_user(user)
    expired = token(ALICE, lifespan=1)
    good = token(ALICE)
    t = {
        "good": good,
        "bob": token(BOB),
        "root": token("root"),
        "slurm": token("slurm"),
        "forged": good[:-6] + ("AAAAAA" if not good.endswith("AAAAAA") else "BBBBBB"),
        "garbage": "not-a-token",
    }
    _, claims, signature = good.split(".")
    t.update({
        "alg none": reheader(good, alg="none", typ="JWT").rsplit(".", 1)[0] + ".",
        "alg HS512": reheader(good, alg="HS512", typ="JWT"),
        "two parts": good.rsplit(".", 1)[0],
        "claims not JSON": f"{good.split('.')[0]}.{base64.urlsafe_b64encode(b'{x').decode().rstrip('=')}.{signature}",
        "no exp": f"{good.split('.')[0]}.{b64({'sun': ALICE})}.{signature}",
    })
    time.sleep(2.5)
    t["expired"] = expired
    return t


def _servers(auth_args):
    """(reference address, ours address) context for the given -a arguments."""
    p1, p2 = free_port(), free_port()
    ref = daemon(["slurmrestd", *auth_args, f"127.0.0.1:{p1}"], env=JWT_ENV, wait_for=("127.0.0.1", p1))
    ours = daemon([*shlex.split(COMMAND), *auth_args, f"127.0.0.1:{p2}"], env=JWT_ENV,
                  wait_for=("127.0.0.1", p2))
    return ref, ours, ("127.0.0.1", p1), ("127.0.0.1", p2)


@pytest.fixture(scope="module", params=[[], ["-a", "rest_auth/jwt"], ["-a", "rest_auth/local,rest_auth/jwt"]],
                ids=["default", "jwt", "local,jwt"])
def servers(request, tokens):
    ref, ours, a_ref, a_ours = _servers(request.param)
    with ref, ours:
        yield a_ref, a_ours


def H(name=None, tok=None):
    h = {}
    if name is not None:
        h["X-SLURM-USER-NAME"] = name
    if tok is not None:
        h["X-SLURM-USER-TOKEN"] = tok
    return h


LOCAL = (401, 6000, "rest_auth/jwt")  # refused here, before any RPC
HEADERS = (401, 6000, "rest_auth")    # refused here: a header is missing
CTLD = (401, ZERO_BYTES, "slurmctld")  # refused by slurmctld (it closes the connection unanswered)

# case: (request headers, ours: (status, error_number, source), the reference's status)
CASES = {
    "good": (lambda t: H(ALICE, t["good"]), (200, None, None), 200),
    "expired": (lambda t: H(ALICE, t["expired"]), LOCAL, 500),
    "forged signature": (lambda t: H(ALICE, t["forged"]), CTLD, 500),
    "garbage token": (lambda t: H(ALICE, t["garbage"]), LOCAL, 500),
    "two parts": (lambda t: H(ALICE, t["two parts"]), LOCAL, 500),
    "claims not JSON": (lambda t: H(ALICE, t["claims not JSON"]), LOCAL, 500),
    "alg none": (lambda t: H(ALICE, t["alg none"]), LOCAL, 500),
    "alg HS512": (lambda t: H(ALICE, t["alg HS512"]), LOCAL, 500),
    "no exp": (lambda t: H(ALICE, t["no exp"]), LOCAL, 500),
    "another user's token": (lambda t: H(ALICE, t["bob"]), CTLD, 500),
    "root's token for alice": (lambda t: H(ALICE, t["root"]), (200, None, None), 200),
    "SlurmUser's token for alice": (lambda t: H(ALICE, t["slurm"]), (200, None, None), 200),
    "unknown user": (lambda t: H("no-such-user-x", t["good"]), CTLD, 500),
    "token without name": (lambda t: H(None, t["good"]), HEADERS, 401),
    "name without token": (lambda t: H(ALICE, None), HEADERS, 401),
    "no headers": (lambda t: H(), HEADERS, 401),
}


@pytest.mark.parametrize("case", list(CASES))
def test_status_and_errors_beside_the_reference(servers, tokens, case):
    a_ref, a_ours = servers
    headers, (status, number, source), ref_status = CASES[case]
    headers = headers(tokens)
    r_status, _, r_body = http(a_ref, "GET", PING, headers)
    o_status, o_headers, o_body = http(a_ours, "GET", PING, headers)
    assert (o_status, r_status) == (status, ref_status), (o_body, r_body)
    assert o_headers["content-type"] == "application/json"
    if status == 401:
        error, = o_body["errors"]
        assert (error["error_number"], error["source"]) == (number, source), error
        assert error["description"].startswith("Authentication failure: ")
        assert o_headers.get("connection", "").lower() == "close"
        for secret in (v for v in headers.values() if len(v) > 20):
            assert secret not in json.dumps(o_body)
    else:
        assert o_body["errors"] == r_body["errors"]
        assert o_body["pings"] == r_body["pings"]
    if ref_status == 401:
        assert r_body == "Authentication failure"  # text/plain, then the connection closes


def _count(body, user):
    return next((u["count"] for u in body["statistics"]["rpcs_by_user"] if u["user"] == user), 0)


def test_requests_run_as_the_token_user_each_request(servers, tokens):
    """One keep-alive connection, three tokens: each RPC is slurmctld's for that request's user."""
    _, a_ours = servers
    conn = connect(a_ours)
    try:
        _, _, first = http(conn, "GET", DIAG, H(ALICE, tokens["good"]))
        _, _, second = http(conn, "GET", DIAG, H(BOB, tokens["bob"]))
        status, _, third = http(conn, "GET", DIAG, H(ALICE, tokens["good"]))
    finally:
        conn.close()
    assert status == 200
    # slurmctld counts an RPC once it has answered it: each diag shows the ones before it.
    assert _count(second, ALICE) == _count(first, ALICE) + 1
    assert _count(second, BOB) == _count(first, BOB)
    assert _count(third, BOB) == _count(second, BOB) + 1
    assert _count(third, ALICE) == _count(second, ALICE)


def test_root_token_acts_for_the_named_user(servers, tokens):
    _, a_ours = servers
    _, _, before = http(a_ours, "GET", DIAG, H(BOB, tokens["bob"]))
    assert http(a_ours, "GET", DIAG, H(ALICE, tokens["root"]))[0] == 200
    _, _, after = http(a_ours, "GET", DIAG, H(BOB, tokens["bob"]))
    assert _count(after, ALICE) == _count(before, ALICE) + 1


def test_openapi_needs_credentials_but_not_a_valid_token(servers, tokens):
    """As the reference: the document needs no Slurm, so a bad token is never checked."""
    a_ref, a_ours = servers
    for headers, expected in ((H(ALICE, "x"), 200), (H(ALICE, tokens["expired"]), 200), (H(), 401)):
        assert http(a_ref, "GET", "/openapi/v3", headers)[0] == expected
        assert http(a_ours, "GET", "/openapi/v3", headers)[0] == expected


def test_bearer_extension(servers, tokens):
    """Not in 22.05's reference (401 there): `Authorization: Bearer`, the user from the token."""
    _, a_ours = servers
    _, _, before = http(a_ours, "GET", DIAG, H(ALICE, tokens["good"]))
    assert http(a_ours, "GET", DIAG, {"Authorization": f"Bearer {tokens['bob']}"})[0] == 200
    _, _, after = http(a_ours, "GET", DIAG, H(ALICE, tokens["good"]))
    assert _count(after, BOB) == _count(before, BOB) + 1
    status, _, body = http(a_ours, "GET", PING, {"Authorization": "Bearer x.y.z"})
    assert status == 401 and body["errors"][0]["description"] == \
        "Authentication failure: malformed token: its header is not base64url"


def test_jwt_alone_in_inetd_mode_without_slurm_jwt(tokens):
    """The reference needs SLURM_JWT in its environment (else 401); ours sets it itself."""
    req = (f"GET {PING} HTTP/1.1\r\nHost: x\r\nX-SLURM-USER-NAME: {ALICE}\r\n"
           f"X-SLURM-USER-TOKEN: {tokens['good']}\r\nConnection: close\r\n\r\n").encode()
    conf = os.environ.get("SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")
    out = subprocess.run(["setpriv", f"--reuid={SERVICE_USER}", f"--regid={SERVICE_USER}", "--init-groups",
                          "env", "-u", "SLURM_JWT", f"SLURM_CONF={conf}", *shlex.split(COMMAND),
                          "-a", "rest_auth/jwt"], input=req, capture_output=True, timeout=60).stdout
    assert out.startswith(b"HTTP/1.1 200"), out[:300]


def _inetd(path, headers, conf=None):
    """One request to slurmrestd-py -a rest_auth/jwt on a pipe, as the unprivileged service user
    (as the xinetd entry runs it), logging at the most verbose level -> (status, body). The log
    never holds the token."""
    lines = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    req = f"GET {path} HTTP/1.1\r\nHost: x\r\n{lines}Connection: close\r\n\r\n".encode()
    conf = conf or os.environ.get("SLURM_CONF") or DEFAULT_CONF
    with shared_dir("srpy-jwt-log-", 0o777) as d:
        log = os.path.join(d, "log")
        out = subprocess.run(["setpriv", f"--reuid={SERVICE_USER}", f"--regid={SERVICE_USER}", "--init-groups",
                              "env", f"SLURM_CONF={conf}", f"SLURMRESTD_PY_LOG_FILE={log}", *shlex.split(COMMAND),
                              "-a", "rest_auth/jwt", "-vvvv"], input=req, capture_output=True, timeout=60).stdout
        with open(log, errors="replace") as f:
            logged = f.read()
    assert "GET" in logged  # it did log
    token = headers.get("X-SLURM-USER-TOKEN", "")
    for part in filter(None, token.split(".")):
        assert part not in logged, "the token reached the log"
    (status, _, body), = responses(out)  # read as a client does: GET /jobs is sent chunked
    return status, json.loads(body)


def _auth_errors_logged():
    """How many credentials slurmctld and slurmdbd have refused so far, from their logs."""
    conf = os.environ.get("SLURM_CONF") or DEFAULT_CONF
    logs = []
    for path, key in ((conf, "SlurmctldLogFile"), (os.path.join(os.path.dirname(conf), "slurmdbd.conf"), "LogFile")):
        with open(path) as f:
            logs.append(re.search(rf"^{key}=(\S+)", f.read(), re.M).group(1))
    counts = []
    for log in logs:
        with open(log, errors="replace") as f:
            counts.append(sum("has authentication error" in line for line in f))
    return tuple(counts)


# Every version's paths: ping, a listing, and slurmdbd, each in v0.0.36, v0.0.37 and v0.0.38.
VERSION_PATHS = [f"/slurm/{v}/{p}" for v in ("v0.0.36", "v0.0.37", "v0.0.38") for p in ("ping", "jobs")] + \
                [f"/slurmdb/{v}/accounts" for v in ("v0.0.36", "v0.0.37", "v0.0.38")]
LOCALLY_REFUSED = ("expired", "garbage", "alg none", "no exp", "two parts")


@pytest.mark.portable
@pytest.mark.parametrize("path", VERSION_PATHS)
def test_every_version_refuses_with_401_in_inetd_mode(tokens, path):
    """No RPC for a token refused here: neither daemon logs a refused credential for those. A
    forged one is refused by the daemon the path talks to, with that daemon's errno."""
    before = _auth_errors_logged()
    for case in LOCALLY_REFUSED:
        status, body = _inetd(path, H(ALICE, tokens[case]))
        assert status == 401 and body["errors"][0]["source"] == "rest_auth/jwt", (case, body)
    assert _auth_errors_logged() == before
    daemon_name = "slurmdbd" if path.startswith("/slurmdb/") else "slurmctld"
    for case in ("forged", "bob"):
        status, body = _inetd(path, H(ALICE, tokens[case]))
        error, = body["errors"]
        assert status == 401 and error["source"] == daemon_name, (case, body)
        # what libslurm reports: slurmctld 22.05 closes the connection unanswered (5005), slurmctld
        # 24.11 on and slurmdbd answer an authentication error (1007)
        assert error["error"] in (REFUSED[1:] if daemon_name == "slurmdbd" else REFUSED), error
        assert error["description"].startswith(f"Authentication failure: {daemon_name} refused the token: ")
    assert "the token is srpy-jwt-b's" in error["description"]
    assert _auth_errors_logged() > before
    assert _inetd(path, H(ALICE, tokens["good"]))[0] == 200
