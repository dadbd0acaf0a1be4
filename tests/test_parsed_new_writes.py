"""Writes new in v0.0.44-45 (26.05's slurmrestd), each against the reference of the release under
test, what it changed read back (scontrol, squeue) and undone:

    DELETE partition/{partition_name}   v0.0.45: partitions nw_p* made with scontrol, gone after
    POST new/node/                      v0.0.44-45: the test cluster's node table is full
                                        (MaxNodeCount = its configured nodes, and the cluster may not
                                        be reconfigured): refusals only, nothing made

Each write is asked of the reference and of ours, each on objects made afresh; ids that differ
between the two runs are compared as placeholders. Where no reference serves these versions (22.05,
24.11) the *_same_facts_* tests check the same facts with scontrol.
"""
import json
import re
import subprocess
import time

import pytest

from compare import differences
from db_admin import administrator
from parsed import IGNORE, order_differences, ours, served
from reference import reference

ADMIN = "nw_admin"  # an Administrator in slurmdbd (slurmrestd refuses root and SlurmUser)
PARTITION = "nw_p1"


def scontrol(*args):
    return subprocess.run(["scontrol", *args], capture_output=True, text=True, check=False)


def _alice(command):
    return subprocess.run(["su", "alice", "-s", "/bin/sh", "-c", command], capture_output=True, text=True,
                          timeout=60, cwd="/tmp")


@pytest.fixture(scope="module")
def admin():
    with administrator(ADMIN):
        for _ in range(20):  # slurmctld learns of the new administrator from slurmdbd
            time.sleep(0.5)
            if ours("DELETE", "/slurm/v0.0.45/partition/nw_nothing", user=ADMIN)[2]["errors"][0]["error_number"] \
                    != 2010:
                break
        yield ADMIN


def _release():
    return scontrol("--version").stdout.split()[-1]


def both(method, path, body, setup, check, user):
    """The reference's and our answers to one write, each on objects `setup` makes afresh ({name:
    value} put in `path` and `body` by str.format, and compared as "{name}"); `check(ids)` tells
    what the cluster holds after each."""
    answers, states = [], []
    for ask in (reference, ours):
        ids = setup()
        text = json.dumps(body) if body is not None else None
        try:
            status, _, doc = ask(method, _fill(path, ids), None if text is None else json.loads(_fill(text, ids)),
                                 user=user)
            states.append(check(ids))
        finally:
            _undo(ids)
        answers.append((status, _placeholders(doc, ids)))
    (rs, theirs), (os_, mine) = answers
    diff = [f"status {rs} != {os_}"] if rs != os_ else []
    diff += differences(theirs, mine, IGNORE)
    diff += order_differences(theirs, mine)
    assert not diff, f"{method} {path}:\n" + "\n".join(diff[:40])
    assert states[0] == states[1], states
    return mine


def _fill(text, ids):
    for name, value in ids.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def _placeholders(doc, ids):
    """`doc` with the values of `ids` written "{name}" (in strings, and numbers equal to one)."""
    named = sorted(((k, v) for k, v in ids.items() if k != "jobs"), key=lambda kv: -len(str(kv[1])))

    def walk(value):
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, int) and not isinstance(value, bool):
            return next(("{" + k + "}" for k, v in named if v == value), value)
        if isinstance(value, str):
            for name, v in named:
                value = re.sub(rf"(?<![0-9]){re.escape(str(v))}(?![0-9])", "{" + name + "}", value)
        return value
    return walk(doc)


def _undo(ids):
    for job in ids.get("jobs", ()):
        _alice(f"scancel {job}")


# -- DELETE partition/{partition_name} --------------------------------------------------------------
@pytest.fixture
def partition():
    def make():
        scontrol("delete", f"PartitionName={PARTITION}")
        out = scontrol("create", f"PartitionName={PARTITION}", "Nodes=fakefut1", "State=UP")
        assert out.returncode == 0, out.stderr
        return {}
    try:
        yield make
    finally:
        scontrol("delete", f"PartitionName={PARTITION}")


def _partition_exists(_):
    return scontrol("show", "partition", PARTITION).returncode == 0


@pytest.mark.parametrize("version", ["v0.0.45"])
@pytest.mark.parametrize("user", [ADMIN, "alice"])
def test_delete_partition(version, user, admin, partition):
    served(version)
    both("DELETE", f"/slurm/{version}/partition/{PARTITION}", None, partition, _partition_exists, user)
    assert _partition_exists(None) == (user == "alice")


@pytest.mark.parametrize("version", ["v0.0.45"])
def test_delete_partition_unknown(version, admin):
    served(version)
    both("DELETE", f"/slurm/{version}/partition/nw_nothing", None, dict, _partition_exists, ADMIN)


def test_delete_partition_same_facts_as_scontrol(admin, partition):
    """Every release: ours deletes the partition scontrol then no longer shows."""
    partition()
    status, _, doc = ours("DELETE", f"/slurm/v0.0.45/partition/{PARTITION}", user=ADMIN)
    assert (status, doc["errors"]) == (200, []), doc
    assert not _partition_exists(None)
    status, _, doc = ours("DELETE", f"/slurm/v0.0.45/partition/{PARTITION}", user=ADMIN)
    assert [e["error_number"] for e in doc["errors"]] == [2000], doc  # ESLURM_INVALID_PARTITION_NAME


# -- POST new/node/ -------------------------------------------------------------------------------------
def _node_exists(_):
    return scontrol("--future", "show", "node", "nw_n1").returncode == 0


@pytest.mark.parametrize("version", ["v0.0.44", "v0.0.45"])
@pytest.mark.parametrize("user", [ADMIN, "alice"])
@pytest.mark.parametrize("body", [{"node_conf": "NodeName=nw_n1 State=FUTURE CPUs=1"}, {"node_conf": 5}, {},
                                  {"other": 1, "node_conf": 5, "meta": {}}, {"node_conf": ["a"]}, [1]])
def test_create_node(version, user, body, admin):
    served(version)
    try:
        both("POST", f"/slurm/{version}/new/node/", body, dict, _node_exists, user)
    finally:
        if _node_exists(None):
            scontrol("delete", "NodeName=nw_n1")
    assert not _node_exists(None)


def test_create_node_null_refused(admin):
    """Never asked of the reference: it sends slurmctld a NULL node line, which killed 26.05's
    slurmctld on the test cluster. Ours refuses it as a missing line (a deliberate difference)."""
    status, _, doc = ours("POST", "/slurm/v0.0.45/new/node/", {"node_conf": None}, user=ADMIN)
    assert status == 422 and [e["error_number"] for e in doc["errors"]] == [9200], doc


def test_create_node_same_facts_as_scontrol(admin):
    """Every release: ours and `scontrol create` of one node line succeed or fail alike, with the
    same error, and leave the same node behind (none where the node table is full, as on these
    clusters: 22.05's slurmctld then says so only in its log and answers success); a node made is
    shown with its CPUs, and ours deletes it."""
    line = "NodeName=nw_n1 State=FUTURE CPUs=1"
    outcomes = []
    try:
        status, _, doc = ours("POST", "/slurm/v0.0.45/new/node/", {"node_conf": line}, user=ADMIN)
        shown = scontrol("--future", "show", "node", "nw_n1").stdout
        outcomes.append((status == 200, "NodeName=nw_n1" in shown))
        if "NodeName=nw_n1" in shown:
            assert "CPUTot=1" in shown, shown
            status, _, deleted = ours("DELETE", "/slurm/v0.0.45/node/nw_n1", user=ADMIN)
            assert status == 200 and not _node_exists(None), deleted
        made = scontrol("create", *line.split())
        outcomes.append((made.returncode == 0, _node_exists(None)))
        if doc["errors"]:
            assert doc["errors"][0]["error"] in made.stderr, (doc, made.stderr)
        assert outcomes[0] == outcomes[1], outcomes
    finally:
        if _node_exists(None):
            scontrol("delete", "NodeName=nw_n1")
