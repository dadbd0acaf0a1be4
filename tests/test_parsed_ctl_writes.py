"""slurmctld writes 26.05's slurmrestd serves, each against the reference of the release under test,
what it changed read back with scontrol and undone:

    DELETE reservation/{reservation_name}   v0.0.43-45, and v0.0.42 on 26.05 only (24.11's v0.0.42
                                            has no such operation: 404, and not in its document)
    POST partitions/                        v0.0.45: create, update, refuse partitions v45ctl_p*

Each write is asked of the reference and of ours, each on objects made afresh (test_parsed_new_writes'
both()). Where no reference serves these versions (22.05, 24.11) the *_same_facts_* tests check
the same facts with scontrol.
"""
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


def _node():
    import subprocess

    out = subprocess.run(["sinfo", "-h", "-N", "-o", "%N", "-p", "debug"], capture_output=True, text=True)
    return out.stdout.split()[0]


NODE = _node()


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
                   f"Nodes={NODE}", "Users=alice")
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
