"""The shipped nginx caching proxy (nginx/slurmrestd-py-cache.conf), run for real with Debian's nginx
in front of slurmrestd-py in listen mode with rest_auth/jwt, both as user slurmrestd.

What reached slurmctld is read from its per-user RPC counters (`sdiag`) for users created for this
test only, so the cluster's other users cannot disturb the counts; X-Cache-Status says what nginx did.
"""
import http.client
import json
import shlex
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from daemons import SERVICE_USER, daemon, ensure_user, free_port, rpc_count, shared_dir, token
from nginx import cache_proxy, shipped_ttl
from service import COMMAND

A, B = "srpy-proxy-a", "srpy-proxy-b"  # test-only users
V = "/slurm/v0.0.38"
JWT_ENV = {"SLURM_JWT": "daemon"}


@pytest.fixture(scope="module")
def tokens():
    for user in (SERVICE_USER, A, B):
        ensure_user(user)
    return {A: token(A), B: token(B), "alice": token("alice")}


@pytest.fixture(scope="module")
def stack(tokens):
    """(proxy address, upstream address)."""
    upstream = ("127.0.0.1", free_port())
    with shared_dir("srpy-proxy-", 0o1777) as workdir, \
            daemon([*shlex.split(COMMAND), "-a", "rest_auth/jwt", f"127.0.0.1:{upstream[1]}"], env=JWT_ENV,
                   wait_for=upstream), \
            cache_proxy(upstream[1], workdir) as proxy:
        yield proxy, upstream


def fetch(address, method, path, user=None, tok=None, body=None, headers=None):
    """-> (status, headers dict lower-case, raw body bytes)."""
    h = dict(headers or {})
    if user is not None:
        h["X-SLURM-USER-NAME"] = user
    if tok is not None:
        h["X-SLURM-USER-TOKEN"] = tok
    if body is not None:
        h["Content-Type"] = "application/json"
        body = json.dumps(body)
    conn = http.client.HTTPConnection(*address, timeout=60)
    try:
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def cache(headers):
    return headers.get("x-cache-status")


def test_cached_answer_is_the_uncached_one(stack, tokens):
    proxy, upstream = stack
    path = f"{V}/jobs"
    before = rpc_count(A)
    s1, h1, b1 = fetch(proxy, "GET", path, A, tokens[A])
    after_miss = rpc_count(A)
    s2, h2, b2 = fetch(proxy, "GET", path, A, tokens[A])
    assert (s1, cache(h1)) == (200, "MISS") and (s2, cache(h2)) == (200, "HIT")
    assert b2 == b1 and h2["content-type"] == h1["content-type"] == "application/json"
    assert "jobs" in json.loads(b2)
    assert after_miss > before and rpc_count(A) == after_miss  # the hit never reached slurmctld
    # Through the proxy, missed or hit, the bytes are upstream's own (a path whose answer is stable).
    _, _, direct = fetch(upstream, "GET", f"{V}/licenses", A, tokens[A])
    answers = [fetch(proxy, "GET", f"{V}/licenses", A, tokens[A]) for _ in range(2)]
    assert [cache(h) for _, h, _ in answers] == ["MISS", "HIT"]
    assert [b for _, _, b in answers] == [direct, direct]


def test_users_and_tokens_never_share_answers(stack, tokens):
    proxy, _ = stack
    path = f"{V}/partitions"
    assert cache(fetch(proxy, "GET", path, A, tokens[A])[1]) == "MISS"
    b_before = rpc_count(B)
    status, headers, _ = fetch(proxy, "GET", path, B, tokens[B])
    assert (status, cache(headers)) == (200, "MISS") and rpc_count(B) > b_before
    status, headers, _ = fetch(proxy, "GET", path, headers={"Authorization": f"Bearer {tokens[B]}"})
    assert (status, cache(headers)) == (200, "MISS")
    # A's name with someone else's, a damaged or no token meets slurmctld's (or our) refusal.
    for tok in (tokens[B], tokens[A][:-6] + "AAAAAA", "x", None):
        status, headers, _ = fetch(proxy, "GET", path, A, tok)
        assert status != 200 and cache(headers) == "MISS", tok
    assert fetch(proxy, "GET", path)[0] == 401
    # A fresh token of the same user is another key too (another lifespan: a token minted in the
    # same second with the same one would be the very same string).
    assert cache(fetch(proxy, "GET", path, A, token(A, lifespan=599))[1]) == "MISS"
    assert cache(fetch(proxy, "GET", path, A, tokens[A])[1]) == "HIT"
    # JSON and YAML answers are kept apart.
    status, headers, body = fetch(proxy, "GET", path, A, tokens[A], headers={"Accept": "application/x-yaml"})
    assert (status, cache(headers), headers["content-type"]) == (200, "MISS", "application/x-yaml")


def test_errors_are_never_cached(stack, tokens):
    proxy, _ = stack
    for path, expected in ((f"{V}/job/999999999", 500), (f"{V}/no-such-thing", 404)):
        for _ in range(2):
            status, headers, body = fetch(proxy, "GET", path, A, tokens[A])
            assert (status, cache(headers)) == (expected, "MISS")
            assert json.loads(body)["errors"]
    for _ in range(2):
        assert cache(fetch(proxy, "GET", f"{V}/ping")[1]) == "MISS"  # 401


def test_post_and_delete_always_reach_slurm(stack, tokens):
    proxy, _ = stack
    body = {"script": "#!/bin/sh\ntrue\n",
            "job": {"name": "proxy-post", "hold": True, "environment": {"PATH": "/bin:/usr/bin"},
                    "current_working_directory": "/tmp", "memory_per_node": "16M",
                    "standard_output": "/dev/null"}}
    made = []
    try:
        for _ in range(2):
            status, headers, raw = fetch(proxy, "POST", f"{V}/job/submit", "alice", tokens["alice"], body)
            assert status == 200 and cache(headers) is None, raw
            made.append(json.loads(raw)["job_id"])
        assert made[0] != made[1]
        for job_id in made:
            for _ in range(2):  # the second DELETE is slurmctld's answer about a cancelled job
                status, headers, _ = fetch(proxy, "DELETE", f"{V}/job/{job_id}", "alice", tokens["alice"])
                assert cache(headers) is None
        status, _, raw = fetch(proxy, "GET", f"{V}/job/{made[0]}", "alice", tokens["alice"])
        assert json.loads(raw)["jobs"][0]["job_state"] == "CANCELLED"
    finally:
        for job_id in made:
            fetch(proxy, "DELETE", f"{V}/job/{job_id}", "alice", tokens["alice"])


def test_concurrent_identical_requests_cost_one_upstream_request(stack, tokens):
    """proxy_cache_lock: 20 clients asking at once cost what one request costs slurmctld."""
    proxy, upstream = stack
    path = f"{V}/jobs?update_time=0"  # a key no other test uses
    before = rpc_count(B)
    assert fetch(upstream, "GET", path, B, tokens[B])[0] == 200
    one = rpc_count(B) - before
    before = rpc_count(B)
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda _: fetch(proxy, "GET", path, B, tokens[B]), range(20)))
    assert {s for s, _, _ in answers} == {200} and len({b for _, _, b in answers}) == 1
    assert rpc_count(B) - before == one
    assert sorted(cache(h) for _, h, _ in answers).count("MISS") == 1


def test_answers_expire_after_the_ttl(stack, tokens):
    proxy, _ = stack
    path = f"{V}/diag"
    assert cache(fetch(proxy, "GET", path, B, tokens[B])[1]) == "MISS"
    assert cache(fetch(proxy, "GET", path, B, tokens[B])[1]) == "HIT"
    time.sleep(shipped_ttl() + 1)
    status, headers, _ = fetch(proxy, "GET", path, B, tokens[B])
    assert (status, cache(headers)) == (200, "EXPIRED")
