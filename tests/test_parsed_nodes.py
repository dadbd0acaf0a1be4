"""Nodes in the parser versions (v0.0.40 on): GET nodes/ and node/{name} against the reference of
the release under test, field for field, in the states the test cluster has (idle or mixed `vm`,
down fakedown*, future fakefut*, a drained fake node); POST node/{name} and nodes/ on fake nodes
only (each change put back); DELETE node/{name} of a node that is not dynamic. On a release whose
reference serves none of these versions, the same facts as v0.0.38.

Runs on every release (conftest.PORTABLE): in 24.11's root v0.0.40-42 are compared, in 26.05's v0.0.42.
"""
import json
import subprocess
import time

import pytest

from db_admin import administrator
from parsed import VERSIONS, assert_same, ours, served

FAKE = "fakedown2"
ADMIN = "nodesadmin"  # an Administrator in slurmdbd: may update nodes (slurmrestd refuses root and SlurmUser)


@pytest.fixture(scope="module")
def admin():
    with administrator(ADMIN):
        for _ in range(20):  # slurmctld learns of the new administrator from slurmdbd
            time.sleep(0.5)
            if ours("POST", f"/slurm/v0.0.42/node/{FAKE}", {}, user=ADMIN)[0] == 200:
                break
        yield ADMIN


def scontrol(*args):
    return subprocess.run(["scontrol", *args], capture_output=True, text=True, check=False)


def show(name):
    out = scontrol("show", "node", name, "--json").stdout
    return json.loads(out)["nodes"][0] if out.strip().startswith("{") else {}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("query", ["", "?flags=ALL", "?flags=FUTURE", "?flags=ALL&flags=DETAIL&flags=FUTURE",
                                   "?flags=MIXED"])
def test_nodes(version, query):
    served(version)
    doc = assert_same("GET", f"/slurm/{version}/nodes{query}")
    assert doc["nodes"] and not doc["errors"]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", ["vm", "fakedown1", "fakefut1", "nope"])
def test_node(version, name):
    """A node slurmctld does not show (unknown, a future node, a host list) fails with errno 0:
    the reference answers 200 with that error and no nodes or last_update, which its schema
    requires: ours has them, empty (a repair)."""
    served(version)
    assert_same("GET", f"/slurm/{version}/node/{name}", repaired=("nodes", "last_update"))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("query", ["?update_time=abc", "?flags=NOPE", "?flags=ALL&flags=NOPE",
                                   "?update_time=9999999999", "?update_time=1"])
def test_nodes_bad_or_unchanged_query(version, query):
    served(version)
    assert_same("GET", f"/slurm/{version}/nodes{query}")


def _down(name, before):
    """A fake node down again with its reason (a drain flag cleared first: down keeps it)."""
    scontrol("update", f"nodename={name}", "state=undrain")
    scontrol("update", f"nodename={name}", "state=down", f"reason={before.get('reason') or 'fake node'}")


@pytest.fixture(scope="module")
def running():
    """A job of alice's running on vm (allocated or mixed): "nodes-alloc", cancelled after."""
    out = subprocess.run(["runuser", "-u", "alice", "--", "sbatch", "--parsable", "-J", "nodes-alloc", "-w", "vm",
                          "-n", "1", "--mem=16M", "-D", "/tmp", "-o", "/dev/null", "--wrap", "sleep 120"],
                         capture_output=True, text=True, check=True).stdout
    job = out.strip().split(";")[0]
    try:
        for _ in range(60):
            squeue = subprocess.run(["squeue", "-h", "-j", job, "-o", "%T"], capture_output=True, text=True).stdout
            if squeue.strip() == "RUNNING":
                break
            time.sleep(0.5)
        yield squeue.strip() == "RUNNING"  # the shared cluster may be busy with others' jobs
    finally:
        subprocess.run(["scancel", job], capture_output=True, check=False)


@pytest.mark.parametrize("version", VERSIONS)
def test_node_with_a_job(version, running):
    """vm with a job of ours running (and maybe others'): allocated CPUs, memory and TRES, and its
    state (ALLOCATED or MIXED), as the reference says."""
    served(version)
    doc = assert_same("GET", f"/slurm/{version}/node/vm")
    if running:  # (26.05 may still say 0 CPUs allocated for a job just started: both agree)
        assert doc["nodes"][0]["state"][0] in ("ALLOCATED", "MIXED", "IDLE")


@pytest.fixture
def drained():
    """fakedown1 drained (with a reason) for the test, then back to down."""
    name = "fakedown1"
    before = show(name)
    r = scontrol("update", f"nodename={name}", "state=drain", "reason=nodes test drain")
    assert r.returncode == 0, r.stderr
    try:
        yield name
    finally:
        _down(name, before)


@pytest.mark.parametrize("version", VERSIONS)
def test_drained_node(version, drained):
    served(version)
    doc = assert_same("GET", f"/slurm/{version}/node/{drained}")
    assert "DRAIN" in doc["nodes"][0]["state"]


@pytest.fixture
def fake_node(admin):
    """FAKE's comment, reason and weight as they were, put back after the test."""
    before = show(FAKE)
    try:
        yield FAKE
    finally:
        scontrol("update", f"nodename={FAKE}", f"comment={before.get('comment', '')}",
                 f"weight={before.get('weight', 1)}")
        _down(FAKE, before)


def _same_update(version, path, body, user=ADMIN):
    """A POST answered as the reference answers it (run first by the reference, then by us, each
    from the same starting point)."""
    return assert_same("POST", path, body, user=user)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", [
    {"comment": "nodes test comment"},
    {"comment": "c2", "weight": 7},
    {"weight": {"set": True, "number": 9}},
    {"state": ["DRAIN"], "reason": "nodes test reason"},
    {"state": "DOWN", "reason": "nodes test down"},
    {"state": ["NOPE"]},
    {"weight": "abc"},
    {"cpu_bind": "abc"},
    {"state": "DRAIN", "reason": "nodes single flag", "features": "f1,f2"},
    {"state": "NOPE"},
    {"state": []},
    {"nope": 1, "comment": "nodes unknown key"},
    {"comment": 5},
    {"comment": None},
    {"reason_uid": "alice", "reason": "nodes reason of alice's", "state": "DRAIN"},
    {"reason_uid": "nosuchuser"},
    {"weight": {"infinite": True}},
    {"name": ["vm"], "comment": "nodes ignored name"},
])
def test_post_node(version, body, fake_node):
    served(version)
    _same_update(version, f"/slurm/{version}/node/{fake_node}", body)
    if body.get("comment") and "weight" not in body or body.get("weight") == 7:
        assert show(fake_node).get("comment") == str(body["comment"])  # scontrol: the update was made


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", [[1, 2]])
def test_post_node_not_an_object(version, body, fake_node):
    served(version)
    assert_same("POST", f"/slurm/{version}/node/{fake_node}", body, user=ADMIN)


@pytest.mark.parametrize("version", VERSIONS)
def test_post_node_as_plain_user(version, fake_node):
    served(version)
    assert_same("POST", f"/slurm/{version}/node/{fake_node}", {"comment": "nodes not allowed"}, user="alice")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", [{"name": [FAKE], "comment": "nodes batch"}, {"comment": "no names"},
                                  {"name": ["nope"], "comment": "x"}, {"name": ["nope1", "nope2"], "comment": "x"},
                                  {"name": "nope1,nope2", "comment": "x"}])
def test_post_nodes(version, body, fake_node):
    served(version)
    _same_update(version, f"/slurm/{version}/nodes", body)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", ["nope", "fakefut3"])
def test_delete_node_not_dynamic(version, name, admin):
    """The cluster has no dynamic nodes: deleting a configured (future) node or an unknown one
    fails as the reference says (the node stays)."""
    served(version)
    assert_same("DELETE", f"/slurm/{version}/node/{name}", user=ADMIN)
    assert name == "nope" or scontrol("--future", "show", "node", name).returncode == 0


@pytest.mark.parametrize("version", VERSIONS)
def test_same_facts_as_v0_0_38(version):
    """In every version we serve, a node says what v0.0.38 says of it."""
    status, _, old = ours("GET", "/slurm/v0.0.38/nodes")
    assert status == 200, old
    status, _, new = ours("GET", f"/slurm/{version}/nodes")
    assert status == 200, new
    facts = lambda n: (n["name"], n["state"].upper(), n["cpus"], n["real_memory"], n["partitions"])  # noqa: E731
    new_facts = lambda n: (n["name"], n["state"][0], n["cpus"], n["real_memory"], n["partitions"])  # noqa: E731
    assert sorted(map(facts, old["nodes"])) == sorted(map(new_facts, new["nodes"]))
