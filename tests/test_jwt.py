"""rest_auth/jwt against the reference: tokens from `scontrol token` over TCP (listen mode), both
daemons run as the unprivileged user `slurmrestd` with SLURM_JWT set, as the reference requires.

Statuses and errors[] entries must match the reference's; where the reference answers a refused
credential with a bare text/plain 401, ours answers 401 in the API's error format. Who a request
ran as is read from slurmctld's own per-user RPC counters (GET /diag, rpcs_by_user), for users
created for this test only, so the cluster's other users cannot disturb the counts.
"""
import os
import shlex
import subprocess
import time

import pytest

from daemons import SERVICE_USER, connect, daemon, ensure_user, free_port, token
from daemons import request as http
from service import COMMAND

ALICE, BOB = "srpy-jwt-a", "srpy-jwt-b"  # test-only users
PING = "/slurm/v0.0.38/ping"
DIAG = "/slurm/v0.0.38/diag"
JWT_ENV = {"SLURM_JWT": "daemon"}


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


CASES = {
    "good": lambda t: H(ALICE, t["good"]),
    "expired": lambda t: H(ALICE, t["expired"]),
    "forged signature": lambda t: H(ALICE, t["forged"]),
    "garbage token": lambda t: H(ALICE, t["garbage"]),
    "another user's token": lambda t: H(ALICE, t["bob"]),
    "root's token for alice": lambda t: H(ALICE, t["root"]),
    "SlurmUser's token for alice": lambda t: H(ALICE, t["slurm"]),
    "unknown user": lambda t: H("no-such-user-x", t["good"]),
    "token without name": lambda t: H(None, t["good"]),
    "name without token": lambda t: H(ALICE, None),
    "no headers": lambda t: H(),
}


@pytest.mark.parametrize("case", list(CASES))
def test_status_and_errors_as_reference(servers, tokens, case):
    a_ref, a_ours = servers
    headers = CASES[case](tokens)
    r_status, _, r_body = http(a_ref, "GET", PING, headers)
    o_status, o_headers, o_body = http(a_ours, "GET", PING, headers)
    assert o_status == r_status, (o_body, r_body)
    assert o_headers["content-type"] == "application/json"
    if r_status == 401:
        # The reference: "Authentication failure" as text/plain, then the connection closes.
        assert r_body == "Authentication failure"
        assert o_body["errors"][0]["error_number"] == 6000
        assert o_body["errors"][0]["description"].startswith("Authentication failure")
        assert o_headers.get("connection", "").lower() == "close"
    else:
        assert o_body["errors"] == r_body["errors"]
        if r_status == 200:
            assert o_body["pings"] == r_body["pings"]


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
    for headers, expected in ((H(ALICE, "x"), 200), (H(), 401)):
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
    assert status == 401 and body["errors"][0]["description"] == "Authentication failure: malformed token"


def test_jwt_alone_in_inetd_mode_without_slurm_jwt(tokens):
    """The reference needs SLURM_JWT in its environment (else 401); ours sets it itself."""
    req = (f"GET {PING} HTTP/1.1\r\nHost: x\r\nX-SLURM-USER-NAME: {ALICE}\r\n"
           f"X-SLURM-USER-TOKEN: {tokens['good']}\r\nConnection: close\r\n\r\n").encode()
    conf = os.environ.get("SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")
    out = subprocess.run(["setpriv", f"--reuid={SERVICE_USER}", f"--regid={SERVICE_USER}", "--init-groups",
                          "env", "-u", "SLURM_JWT", f"SLURM_CONF={conf}", *shlex.split(COMMAND),
                          "-a", "rest_auth/jwt"], input=req, capture_output=True, timeout=60).stdout
    assert out.startswith(b"HTTP/1.1 200"), out[:300]
