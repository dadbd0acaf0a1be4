"""POST reservation and reservations/ (v0.0.43-45, new in 26.05): reservations nw2_r1.. created,
updated and refused, each asked of 26.05's reference and of ours on the same cluster state (made
afresh for each), what scontrol shows afterwards compared, and deleted. As an Administrator
(nw2_admin, made for this module) and as alice (refused by slurmctld).

Where no reference serves these versions (22.05, 24.11) the *_same_facts_* test checks with
scontrol that ours creates, updates and refuses as slurmctld says.
"""
import subprocess
import time

import pytest

from db_admin import administrator
from parsed import ours, served
from test_parsed_new_writes import both, scontrol

ADMIN = "nw2_admin"
NAMES = ("nw2_r1", "nw2_r2", "nw2_r3")
VERSIONS = ["v0.0.43", "v0.0.44", "v0.0.45"]
# far enough ahead to meet nobody's jobs; the same for both sides of a comparison
START = (int(time.time()) // 86400 + 40) * 86400


def _node():
    out = subprocess.run(["sinfo", "-h", "-N", "-o", "%N", "-p", "debug"], capture_output=True, text=True)
    return out.stdout.split()[0]


NODE = _node()


def _when(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(t))


@pytest.fixture(scope="module")
def admin():
    with administrator(ADMIN):
        for _ in range(20):  # slurmctld learns of the new administrator from slurmdbd
            time.sleep(0.5)
            if ours("DELETE", "/slurm/v0.0.45/partition/nw2_nothing", user=ADMIN)[2]["errors"][0]["error_number"] \
                    != 2010:
                break
        yield ADMIN


def _delete_all():
    for name in NAMES:
        scontrol("delete", f"ReservationName={name}")


def _made(*names):
    """A setup for both(): our reservations gone, then `names` made with scontrol."""
    def make():
        _delete_all()
        for name in names:
            out = scontrol("create", f"ReservationName={name}", f"StartTime={_when(START)}", "Duration=10",
                           f"Nodes={NODE}", "Users=alice")
            assert out.returncode == 0, out.stderr
        return {}
    return make


def _shown(_):
    """What scontrol shows of our reservations (then they are deleted, for the other side)."""
    out = {name: scontrol("show", "reservation", name).stdout.strip() for name in NAMES}
    _delete_all()
    return out


@pytest.fixture
def clean():
    _delete_all()
    try:
        yield
    finally:
        _delete_all()


def _create(name="nw2_r1", **more):
    return {"name": name, "start_time": START, "duration": 10, "node_list": [NODE], "users": ["alice"], **more}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("user", [ADMIN, "alice"])
@pytest.mark.parametrize("body", [
    _create(flags=["IGNORE_JOBS"]),
    _create(node_list=None, node_count=1, users="alice,bob", comment="made", flags=["MAINT", "NO_HOLD_JOBS_AFTER_END"]),
    _create(node_list=NODE, start_time=str(START), duration={"set": True, "number": 10}),
    _create(flags=["PURGE_COMP"], purge_completed={"time": 120, "other": 1}, accounts={"testacct": ""}),
])
def test_create(version, user, body, admin, clean):
    served(version)
    both("POST", f"/slurm/{version}/reservation", body, _made(), _shown, user)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", [
    {"name": "nw2_r1", "comment": "changed", "users": ["alice", "bob"]},
    {"name": "NW2_R1", "duration": 20, "flags": ["MAINT"]},
    {"name": "nw2_r1", "node_list": [], "flags": ["NO_MAINT"], "bogus": {"a": 1}},
])
def test_update(version, body, admin, clean):
    served(version)
    both("POST", f"/slurm/{version}/reservation", body, _made("nw2_r1"), _shown, ADMIN)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", [
    None, {}, [1], {"start_time": START}, {"name": "nw2_r2"}, {"name": None},
    {"name": "nw2_r2", "start_time": "bogus", "x": 1},
    _create("nw2_r2", flags=["BOGUS", "MAINT"]),
    _create("nw2_r2", users=None),
    _create("nw2_r2", end_time=START + 60),
    _create("nw2_r2", end_time=START - 60, duration=None),
    _create("nw2_r2", groups=["alice"]),
    _create("nw2_r2", node_list=None),
    _create("nw2_r2", node_list=["nw2_nonode"]),
    _create("nw2_r2", users=["nw2_nobody"]),
    _create("nw2_r2", duration="ten"),
    _create("nw2_r2", users={"a": 1}),
    _create("nw2_r2", tres=[]),
    _create("nw2_r2", purge_completed=5), _create("nw2_r2", purge_completed=[1]),
    _create("nw2_r2", purge_completed={"time": "x"}),
    _create("nw2_r2", end_time=None, duration=None, flags="DAILY"),
    _create("nw2_r2", start_time=None), _create("nw2_r2", start_time=float("nan")),
    _create("nw2_r2", start_time={"infinite": True}), _create("nw2_r2", start_time=_when(START), duration=1),
])
def test_refused(version, body, admin, clean):
    served(version)
    both("POST", f"/slurm/{version}/reservation", body, _made(), _shown, ADMIN)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("user", [ADMIN, "alice"])
@pytest.mark.parametrize("body", [
    {"reservations": [{"name": "nw2_r1", "comment": "c3"}, _create("nw2_r2")]},
    {"reservations": [_create("nw2_r2"), _create("nw2_r3", start_time=None)]},
    {"reservations": [{"name": "nw2_r1", "comment": "c3"}, {"comment": "x"}]},
    {"reservations": []}, {}, None, {"reservations": "x"}, {"reservations": [1]}, {"reservations": None},
    {"reservations": [{"name": "nw2_r1", "start_time": "never"}], "other": 1},
])
def test_post_reservations(version, user, body, admin, clean):
    served(version)
    both("POST", f"/slurm/{version}/reservations/", body, _made("nw2_r1"), _shown, user)


def test_reservation_writes_same_facts_as_scontrol(admin, clean):
    """Every release: ours creates the reservation scontrol then shows (and our v0.0.45 GET too),
    updates it, refuses alice and a description slurmctld cannot meet, as slurmctld says."""
    status, _, doc = ours("POST", "/slurm/v0.0.45/reservation", _create(comment="made"), user=ADMIN)
    assert (status, doc["errors"]) == (200, []), doc
    assert [r["name"] for r in doc["reservations"]] == ["nw2_r1"] and doc["reservations"][0]["node_list"] == [NODE]
    shown = scontrol("show", "reservation", "nw2_r1").stdout
    assert f"Nodes={NODE}" in shown and "Users=alice" in shown and "Duration=00:10:00" in shown, shown
    status, _, got = ours("GET", "/slurm/v0.0.45/reservation/nw2_r1", user=ADMIN)
    assert status == 200 and got["reservations"][0]["start_time"]["number"] == START, got
    status, _, doc = ours("POST", "/slurm/v0.0.45/reservations/",
                          {"reservations": [{"name": "nw2_r1", "users": ["alice", "bob"]}]}, user=ADMIN)
    assert (status, doc["errors"]) == (200, []), doc
    assert "Users=alice,bob" in scontrol("show", "reservation", "nw2_r1").stdout
    status, _, doc = ours("POST", "/slurm/v0.0.45/reservation", _create("nw2_r2"), user="alice")
    made = subprocess.run(["su", "alice", "-s", "/bin/sh", "-c", f"scontrol create ReservationName=nw2_r2 "
                           f"StartTime={_when(START)} Duration=10 Nodes={NODE} Users=alice"], capture_output=True, text=True)
    assert status != 200 and made.returncode != 0, (doc, made.stdout)
    assert doc["errors"][0]["source"] == "slurm_create_reservation", doc
    assert scontrol("show", "reservation", "nw2_r2").returncode != 0
    status, _, doc = ours("POST", "/slurm/v0.0.45/reservation", _create("nw2_r2", users=["nw2_nobody"]), user=ADMIN)
    made = scontrol("create", "ReservationName=nw2_r2", f"StartTime={_when(START)}", "Duration=10", f"Nodes={NODE}",
                    "Users=nw2_nobody")
    assert status != 200 and made.returncode != 0
    assert doc["errors"][0]["error"] in made.stderr, (doc, made.stderr)
