"""slurmctld writes 26.05's slurmrestd serves, each against the reference of the release under test,
what it changed read back with scontrol and undone:

    DELETE reservation/{reservation_name}   v0.0.43-45, and v0.0.42 on 26.05 only (24.11's v0.0.42
                                            has no such operation: 404, and not in its document)
    POST partitions/                        v0.0.45: create, update, refuse partitions v45ctl_p*

Each write is asked of the reference and of ours, each on objects made afresh (test_parsed_new_writes'
both()). Where no reference serves these versions (22.05, 24.11) the *_same_facts_* tests check
the same facts with scontrol.
"""
import functools
import time

import pytest

from db_admin import administrator
from parsed import ours, reference_paths, served
from reference import reference
from test_parsed_new_writes import both, scontrol

ADMIN = "v45ctl_admin"  # an Administrator in slurmdbd (slurmrestd refuses root and SlurmUser)
RESERVATION = "v45ctl_r1"
# far enough ahead to meet nobody's jobs (nor the other write tests' reservations)
START = (int(time.time()) // 86400 + 47) * 86400


@functools.cache
def _node():
    """A node of the debug partition (asked when a test needs it: collecting needs no cluster)."""
    import subprocess

    out = subprocess.run(["sinfo", "-h", "-N", "-o", "%N", "-p", "debug"], capture_output=True, text=True)
    return out.stdout.split()[0]


@pytest.fixture(scope="module")
def admin():
    with administrator(ADMIN):
        for _ in range(20):  # slurmctld learns of the new administrator from slurmdbd
            time.sleep(0.5)
            if ours("DELETE", "/slurm/v0.0.45/partition/v45ctl_nothing", user=ADMIN)[2]["errors"][0]["error_number"] \
                    != 2010:
                break
        yield ADMIN


# -- DELETE reservation/{reservation_name} ---------------------------------------------------------
RESERVATION_DELETE = ["v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45"]


def _when(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(t))


def _reservation_gone():
    scontrol("delete", f"ReservationName={RESERVATION}")


def _make_reservation():
    _reservation_gone()
    out = scontrol("create", f"ReservationName={RESERVATION}", f"StartTime={_when(START)}", "Duration=10",
                   f"Nodes={_node()}", "Users=alice", "Flags=IGNORE_JOBS")  # whatever jobs others run there
    assert out.returncode == 0, out.stderr
    return {}


def _reservation_shown(_):
    out = scontrol("show", "reservation", RESERVATION)
    return out.returncode == 0 and f"ReservationName={RESERVATION}" in out.stdout


@pytest.fixture
def reservation():
    _reservation_gone()
    try:
        yield _make_reservation
    finally:
        _reservation_gone()


def _reference_deletes(version):
    """Whether this release's reference serves DELETE reservation/{reservation_name} in `version`."""
    status, _, doc = reference("GET", "/openapi/v3")
    assert status == 200
    return "delete" in doc["paths"].get(f"/slurm/{version}/reservation/{{reservation_name}}", {})


def _deleting(version):
    served(version)
    if not _reference_deletes(version):
        pytest.skip(f"this release's reference has no DELETE reservation in {version}: see "
                    "test_delete_reservation_where_the_reference_has_none")


@pytest.mark.parametrize("version", RESERVATION_DELETE)
@pytest.mark.parametrize("user", [ADMIN, "alice"])
@pytest.mark.parametrize("name", [RESERVATION, RESERVATION.upper()])
def test_delete_reservation(version, user, name, admin, reservation):
    _deleting(version)
    both("DELETE", f"/slurm/{version}/reservation/{name}", None, reservation, _reservation_shown, user)
    assert _reservation_shown(None) == (user == "alice" or name != RESERVATION)


@pytest.mark.parametrize("version", RESERVATION_DELETE)
@pytest.mark.parametrize("name", ["v45ctl_nothing", "%20"])
def test_delete_reservation_unknown(version, name, admin, reservation):
    _deleting(version)
    both("DELETE", f"/slurm/{version}/reservation/{name}", None, reservation, _reservation_shown, ADMIN)
    assert _reservation_shown(None)  # a failed delete changed nothing


@pytest.mark.parametrize("version", RESERVATION_DELETE)
def test_delete_reservation_where_the_reference_has_none(version, admin, reservation):
    """Where the reference serves `version` without the operation (24.11's v0.0.42), ours answers
    as for a path it does not know, deletes nothing, and leaves it out of its document."""
    served(version)
    if _reference_deletes(version):
        pytest.skip(f"this release's reference deletes reservations in {version}")
    reservation()
    status, _, _ = reference("DELETE", f"/slurm/{version}/reservation/{RESERVATION}", user=ADMIN)
    assert status == 404 and _reservation_shown(None)
    status, _, doc = ours("DELETE", f"/slurm/{version}/reservation/{RESERVATION}", user=ADMIN)
    assert status == 404 and _reservation_shown(None), doc
    assert "delete" not in ours("GET", "/openapi/v3")[2]["paths"][f"/slurm/{version}/reservation/{{reservation_name}}"]


def test_delete_reservation_listed_as_the_reference():
    """Our document lists DELETE reservation/{reservation_name} in exactly the versions this
    release's reference does (of those both serve)."""
    theirs = {p for p in reference_paths()}
    status, _, doc = reference("GET", "/openapi/v3")
    mine = ours("GET", "/openapi/v3")[2]["paths"]
    for version in RESERVATION_DELETE:
        path = f"/slurm/{version}/reservation/{{reservation_name}}"
        if path in theirs:
            assert ("delete" in mine[path]) == ("delete" in doc["paths"][path]), version


def test_delete_reservation_same_facts_as_scontrol(admin, reservation):
    """Every release: ours (v0.0.45) deletes the reservation scontrol showed, then refuses it as
    gone with slurmctld's error, and refuses alice as scontrol run by alice is refused; v0.0.42
    follows 24.11's reference here (no such operation)."""
    import subprocess

    reservation()
    status, _, doc = ours("DELETE", f"/slurm/v0.0.45/reservation/{RESERVATION}", user="alice")
    alice = subprocess.run(["su", "alice", "-s", "/bin/sh", "-c", f"scontrol delete ReservationName={RESERVATION}"],
                           capture_output=True, text=True)
    assert status != 200 and alice.returncode != 0 and _reservation_shown(None), doc
    assert doc["errors"][0]["source"] == "slurm_delete_reservation", doc
    assert doc["errors"][0]["error"] in alice.stderr, (doc, alice.stderr)
    status, _, doc = ours("DELETE", f"/slurm/v0.0.45/reservation/{RESERVATION}", user=ADMIN)
    assert (status, doc["errors"]) == (200, []), doc
    assert not _reservation_shown(None)
    status, _, doc = ours("DELETE", f"/slurm/v0.0.45/reservation/{RESERVATION}", user=ADMIN)
    gone = scontrol("delete", f"ReservationName={RESERVATION}")
    assert status != 200 and gone.returncode != 0
    assert doc["errors"][0]["description"] == f"Error deleting reservation {RESERVATION}", doc
    assert doc["errors"][0]["error"] in gone.stderr, (doc, gone.stderr)
    if scontrol("--version").stdout.split()[-1].startswith(("22.05", "24.11")):
        reservation()
        assert ours("DELETE", f"/slurm/v0.0.42/reservation/{RESERVATION}", user=ADMIN)[0] == 404
        assert _reservation_shown(None)


# -- POST partitions/ ---------------------------------------------------------------------------------
PARTITIONS = ("v45ctl_p1", "v45ctl_p2")
FUTURE_NODE = "fakefut1"  # a FUTURE node of the test clusters: a partition of it runs nobody's jobs


def _partitions_gone():
    for name in PARTITIONS:
        scontrol("delete", f"PartitionName={name}")


def _made(*names):
    """A setup for both(): our partitions gone, then `names` made with scontrol."""
    def make():
        _partitions_gone()
        for name in names:
            out = scontrol("create", f"PartitionName={name}", f"Nodes={FUTURE_NODE}", "State=UP", "MaxTime=60")
            assert out.returncode == 0, out.stderr
        return {}
    return make


def _partitions_shown(_):
    """What scontrol shows of our partitions (then they are deleted, for the other side)."""
    out = {}
    for name in PARTITIONS:
        shown = scontrol("show", "partition", name)
        out[name] = shown.stdout.strip() if shown.returncode == 0 else None
    _partitions_gone()
    return out


@pytest.fixture
def partitions():
    _partitions_gone()
    try:
        yield
    finally:
        _partitions_gone()


def _part(name="v45ctl_p1", **more):
    return {"name": name, "nodes": {"configured": FUTURE_NODE}, **more}


def _mod(*descs, **more):
    return {"partitions": list(descs), **more}


@pytest.mark.parametrize("user", [ADMIN, "alice"])
@pytest.mark.parametrize("body", [
    _mod(_part()),
    _mod(_part(partition={"state": ["DOWN"], "exclusive": "USER", "oversubscribe": "FORCE:2"},
               maximums={"time": {"set": True, "number": 30}, "nodes": 1, "over_time_limit": 5,
                         "partition_memory_per_cpu": "1G"},
               defaults={"time": 10, "partition_memory_per_node": None}, minimums={"nodes": 1},
               priority={"tier": 3, "job_factor": 2}, grace_time=7, accounts={"allowed": "testacct"},
               flags=["LLN", "ROOT_ONLY"], preempt_mode=["REQUEUE"], qos={"deny": ""})),
    _mod(_part(partition={"exclusive": "NODE", "oversubscribe": "YES:2"}, cluster="other", cpus={"total": 9},
               nodes={"configured": FUTURE_NODE, "total": 4}, tres={"configured": "cpu=1"}, bogus=[1],
               maximums={"memory_per_cpu": 5}), meta={}, other={"a": 1}),
    _mod(_part(partition={"exclusive": "topo", "oversubscribe": "no"}, node_sets=None, alternate="debug")),
    _mod(_part(), _part("v45ctl_p2", maximums={"time": "20"})),
    # flags the reference reads but never writes nor lists (partition/exclusive's, the scheduler's)
    _mod(_part(flags=["EXCLUSIVE_USER"])), _mod(_part(flags=["SCHED_FAILED", "lln"])),
    _mod(_part(flags="EXC_USER_CLEAR", partition={"exclusive": "USER"})),
])
def test_create_partitions(user, body, admin, partitions):
    served("v0.0.45")
    both("POST", "/slurm/v0.0.45/partitions/", body, _made(), _partitions_shown, user)
    assert _partitions_shown(None) == {name: None for name in PARTITIONS}


@pytest.mark.parametrize("body", [
    _mod({"name": "v45ctl_p1", "maximums": {"time": 30}, "partition": {"state": ["DRAIN"]}}),
    _mod({"name": "v45ctl_p1", "nodes": {"configured": ""}, "flags": ["HIDDEN"], "partition": {"exclusive": "NO"}}),
    _mod({"name": "v45ctl_p1", "accounts": {"allowed": "testacct"}}, _part("v45ctl_p2")),
    _mod({"name": "V45CTL_P1", "maximums": {"time": 30}}),  # names match exactly: a partition of its own
])
def test_update_partitions(body, admin, partitions):
    served("v0.0.45")
    both("POST", "/slurm/v0.0.45/partitions/", body, _made("v45ctl_p1"), _partitions_shown, ADMIN)
    scontrol("delete", "PartitionName=V45CTL_P1")


@pytest.mark.parametrize("body", [
    None, {}, [1], _mod(), {"partitions": None}, {"partitions": {}}, {"partitions": "x"}, _mod({}),
    _mod({"maximums": {"time": 5}}), _mod({"name": None}),
    _mod(_part(partition={"exclusive": "SOMETIMES"})), _mod(_part(partition={"exclusive": ["NODE"]})),
    _mod(_part(partition={"exclusive": 5, "oversubscribe": {"a": 1}})),
    _mod(_part(partition={"exclusive": "user", "oversubscribe": 3})),
    _mod(_part(partition={"oversubscribe": "YES:1"})), _mod(_part(partition={"oversubscribe": "FORCE:0"})),
    _mod(_part(partition={"oversubscribe": "YES:x"})), _mod(_part(partition={"oversubscribe": "MAYBE"})),
    _mod(_part(partition={"oversubscribe": "FORCE:40000"})),
    _mod(_part(partition={"exclusive": "NODE", "oversubscribe": "MAYBE"})),
    _mod(_part(maximums={"partition_memory_per_cpu": "lots"})), _mod(_part(maximums={"time": "abc"})),
    _mod(_part(maximums={"time": {"set": "x"}})),
    _mod(_part(nodes={"configured": "v45ctl_nonode"})), _mod(_part(alternate="v45ctl_nopart")),
    _mod(_part(), {"grace_time": 5}),
    _mod(_part(partition={"state": "UP"}), other=[1]),
])
def test_refused_partitions(body, admin, partitions):
    served("v0.0.45")
    both("POST", "/slurm/v0.0.45/partitions/", body, _made(), _partitions_shown, ADMIN)


@pytest.mark.parametrize("body", [
    _mod(_part(flags=["BOGUS", "LLN"])), _mod(_part(partition={"state": ["BOGUS"]})),
    _mod(_part(preempt_mode="NEVER")),
])
def test_partitions_with_unknown_flags(body, admin, partitions):
    """An unknown flag is an error of its own while the parse goes on: compared all the same."""
    served("v0.0.45")
    both("POST", "/slurm/v0.0.45/partitions/", body, _made(), _partitions_shown, ADMIN)


def test_partitions_same_facts_as_scontrol(admin, partitions):
    """Every release: ours (v0.0.45) creates the partition `scontrol show partition` then shows as
    our GET does, updates it, deletes it (DELETE partition/, v0.0.45), and refuses alice and a
    bad description as slurmctld does, changing nothing."""
    import subprocess

    body = _mod(_part(maximums={"time": 30, "nodes": 2}, priority={"tier": 3}, partition={"state": ["DOWN"]},
                      accounts={"allowed": "testacct"}))
    status, _, doc = ours("POST", "/slurm/v0.0.45/partitions/", body, user=ADMIN)
    assert (status, doc["errors"]) == (200, []), doc
    shown = scontrol("show", "partition", "v45ctl_p1").stdout
    for fact in ("MaxTime=00:30:00", "MaxNodes=2", "PriorityTier=3", "State=DOWN", "AllowAccounts=testacct",
                 f"Nodes={FUTURE_NODE}"):
        assert fact in shown, (fact, shown)
    status, _, got = ours("GET", "/slurm/v0.0.45/partition/v45ctl_p1", user=ADMIN)
    part = got["partitions"][0]
    assert (part["maximums"]["time"]["number"], part["maximums"]["nodes"]["number"], part["priority"]["tier"],
            part["partition"]["state"], part["accounts"]["allowed"]) == (30, 2, 3, ["DOWN"], "testacct"), part
    status, _, doc = ours("POST", "/slurm/v0.0.45/partitions/",
                          _mod({"name": "v45ctl_p1", "maximums": {"time": 45}, "partition": {"state": ["UP"]}}),
                          user=ADMIN)
    assert (status, doc["errors"]) == (200, []), doc
    shown = scontrol("show", "partition", "v45ctl_p1").stdout
    assert "MaxTime=00:45:00" in shown and "State=UP" in shown and "MaxNodes=2" in shown, shown
    before = shown
    status, _, doc = ours("POST", "/slurm/v0.0.45/partitions/", _mod({"name": "v45ctl_p1", "maximums": {"time": 5}}),
                          user="alice")
    alice = subprocess.run(["su", "alice", "-s", "/bin/sh", "-c", "scontrol update PartitionName=v45ctl_p1 MaxTime=5"],
                           capture_output=True, text=True)
    assert status != 200 and alice.returncode != 0, doc
    assert doc["errors"][0]["source"] == "slurm_update_partition" and doc["errors"][0]["error"] in alice.stderr, \
        (doc, alice.stderr)
    status, _, doc = ours("POST", "/slurm/v0.0.45/partitions/",
                          _mod({"name": "v45ctl_p1", "partition": {"oversubscribe": "YES:1"}}), user=ADMIN)
    assert status != 200 and doc["errors"][0]["description"] == "YES count must be > 1", doc
    assert scontrol("show", "partition", "v45ctl_p1").stdout == before
    status, _, doc = ours("DELETE", "/slurm/v0.0.45/partition/v45ctl_p1", user=ADMIN)
    assert (status, doc["errors"]) == (200, []), doc
    assert scontrol("show", "partition", "v45ctl_p1").returncode != 0
    # a create slurmctld refuses: the same error, and what it leaves behind the same as scontrol's
    # (22.05's slurmctld keeps the partition of a create it refused for its nodes)
    status, _, doc = ours("POST", "/slurm/v0.0.45/partitions/", _mod(_part(nodes={"configured": "v45ctl_nonode"})),
                          user=ADMIN)
    left = scontrol("show", "partition", "v45ctl_p1").returncode == 0
    _partitions_gone()
    made = scontrol("create", "PartitionName=v45ctl_p1", "Nodes=v45ctl_nonode")
    assert status != 200 and made.returncode != 0, doc
    assert doc["errors"][0]["error"] in made.stderr, (doc, made.stderr)
    assert left == (scontrol("show", "partition", "v45ctl_p1").returncode == 0)
