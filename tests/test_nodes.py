"""GET /nodes and /node/{name} against the reference: fake DOWN nodes (drained, commented, in a
maintenance reservation), the real node idle or allocated, FUTURE nodes (hidden), errors, update_time.

Only the fake nodes of scripts/local-cluster are changed, and restored at the end; the real node
only runs a job of ours, briefly.
"""
import getpass
import socket
import subprocess
import time

import pytest

from differential import PREFIX, assert_same, both, scontrol
from reference import build_request
from service import ours, raw_ours, responses

NAME = "pytest-nodes"
REAL = socket.gethostname().split(".")[0]
# Values that move on their own between two calls (slurmd pings, load, memory).
MOVING = {"$.nodes[].last_busy", "$.nodes[].cpu_load", "$.nodes[].free_memory"}


@pytest.fixture(scope="module")
def fake_states():
    """fakedown1 drained, fakedown2 with a comment, extra text and a maintenance reservation."""
    assert getpass.getuser() == "root"
    scontrol("update", "nodename=fakedown1", "state=drain", f"reason={NAME} drain")
    scontrol("update", "nodename=fakedown2", f"comment={NAME} comment", f"extra={NAME} extra")
    scontrol("create", "reservation", f"reservationname={NAME}-maint", "starttime=now", "duration=30",
             "nodes=fakedown2", "users=root", "flags=maint,ignore_jobs")
    try:
        yield
    finally:
        scontrol("delete", f"reservationname={NAME}-maint", check=False)
        scontrol("update", "nodename=fakedown2", "comment=", "extra=", check=False)
        scontrol("update", "nodename=fakedown1", "state=undrain", check=False)
        scontrol("update", "nodename=fakedown1", "state=down", "reason=fake node", check=False)


def test_all_nodes():
    body = assert_same("nodes", MOVING)
    names = [n["name"] for n in body["nodes"]]
    assert REAL in names and "fakedown1" in names


def test_fake_node_states(fake_states):
    body = assert_same("nodes", MOVING)
    nodes = {n["name"]: n for n in body["nodes"]}
    assert "DRAIN" in nodes["fakedown1"]["state_flags"]
    assert nodes["fakedown1"]["reason"] == f"{NAME} drain"
    assert nodes["fakedown2"]["comment"] == f"{NAME} comment"
    for name in ("fakedown1", "fakedown2"):
        assert_same(f"node/{name}", MOVING)


def test_real_node():
    assert_same(f"node/{REAL}", MOVING)


def test_allocated_node():
    """Our own whole-node job makes the real node allocated (skipped if others keep it busy)."""
    out = subprocess.run(["runuser", "-u", "alice", "--", "sbatch", "--parsable", "--exclusive", "-p", "debug",
                          "-J", f"{NAME}-alloc", "-t", "5", "-o", "/dev/null", "--wrap", "sleep 300"],
                         capture_output=True, text=True, timeout=30, check=True).stdout
    job = out.strip().split(";")[0]
    try:
        for _ in range(60):
            state = subprocess.run(["squeue", "-h", "-j", job, "-o", "%T"], capture_output=True, text=True,
                                   timeout=10).stdout.strip()
            if state == "RUNNING":
                break
            time.sleep(0.5)
        else:
            pytest.skip("the real node stayed busy with others' jobs")
        body = assert_same(f"node/{REAL}", MOVING)
        # Just after the start slurmctld may still report the node mixed: parity is the point.
        assert body["nodes"][0]["state"] in ("allocated", "mixed")
    finally:
        subprocess.run(["scancel", job], timeout=30, check=False)


@pytest.mark.parametrize("path", [
    "node/fakefut1",  # FUTURE nodes are not shown
    "node/nosuch",
    "node/fake%5B1-2%5D",
    "nodes?update_time=abc",
    "nodes?update_time=",
    "nodes?update_time=1e3",
    "nodes?update_time=1.5",
    "nodes?update_time=-5",
    f"node/{REAL}?update_time=abc",  # one node: update_time is not even parsed
])
def test_odd_requests(path):
    assert_same(path, MOVING)


def test_unchanged_since_is_304():
    (rs, _, rb), (os_, oh, ob) = both("nodes?update_time=99999999999")
    assert rs == os_ == 304
    assert rb is ob is None
    assert "content-type" not in oh


def test_304_keeps_the_connection():
    raw = raw_ours(build_request("GET", PREFIX + "nodes?update_time=99999999999")
                   + build_request("GET", PREFIX + "partitions"))
    assert [status for status, _, _ in responses(raw)] == [304, 200]


def test_error_closes_the_connection():
    raw = raw_ours(build_request("GET", PREFIX + "node/nosuch") + build_request("GET", PREFIX + "ping"))
    answers = responses(raw)
    assert [status for status, _, _ in answers] == [500]
    assert answers[0][1].get("connection") == "close"


def test_changed_since_lists_nodes():
    status, _, body = ours("GET", PREFIX + "nodes?update_time=1")
    assert status == 200 and body["nodes"]
