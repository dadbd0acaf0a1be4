"""GET reservations and reservation/{reservation_name} in the parser versions (v0.0.40 on), against
the reference of the release under test, field for field; on a release whose reference serves none
of them, the same facts as v0.0.38. The reservations are ours (ctlmisc-*), on the fake nodes, in
the future, ignoring jobs, and deleted at the end."""
import subprocess

import pytest

from parsed import VERSIONS, assert_same, ours, served

NAME = "ctlmisc-resv"
RESERVATIONS = {
    f"{NAME}-maint": ["starttime=now+1day", "duration=60", "nodes=fakedown[1-2]", "users=alice",
                      "flags=maint,ignore_jobs"],
    f"{NAME}-daily": ["starttime=now+2days", "duration=1-00:00:00", "nodes=fakedown2", "partition=fakepart",
                      "accounts=testacct", "flags=daily,purge_comp=00:05:00,magnetic,no_hold_jobs_after_end,ignore_jobs"],
    f"{NAME}-flex": ["starttime=now+3days", "duration=30", "nodes=fakedown1", "users=alice,bob",
                     "flags=flex,overlap,weekend,ignore_jobs"],
    f"{NAME}-float": ["starttime=now+4days", "duration=30", "nodes=fakedown1", "users=-bob",
                      "flags=time_float,ignore_jobs"],
}


def scontrol(*args, check=True):
    proc = subprocess.run(["scontrol", *args], capture_output=True, text=True, timeout=30, check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"scontrol {' '.join(args)}: {proc.stderr.strip()}")
    return proc.stdout


@pytest.fixture(scope="module")
def reservations():
    created = []
    try:
        for name, options in RESERVATIONS.items():
            scontrol("create", "reservation", f"reservationname={name}", *options)
            created.append(name)
        yield created
    finally:
        for name in created:
            scontrol("delete", f"reservationname={name}", check=False)


@pytest.mark.parametrize("version", VERSIONS)
def test_reservations(version, reservations):
    served(version)
    doc = assert_same("GET", f"/slurm/{version}/reservations/")
    names = {r["name"]: r for r in doc["reservations"]}
    assert set(reservations) <= set(names)
    assert "PURGE_COMP" in names[f"{NAME}-daily"]["flags"]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", [*RESERVATIONS, f"{NAME}-MAINT", f"{NAME}-nosuch"])
def test_reservation(version, name, reservations):
    """One by name (case-blind); a missing one is an error in 24.11 and 26.05 alike. (With no
    reservations at all, the reference's 200 leaves out what its schema requires: ours has them.)"""
    served(version)
    assert_same("GET", f"/slurm/{version}/reservation/{name}", repaired=("reservations", "last_update"))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("query", ["?update_time=abc", "?update_time=1", "?update_time=99999999999"])
def test_reservations_query(version, query, reservations):
    """v0.0.40 and v0.0.41 refuse any update_time; v0.0.42 answers 304 when nothing changed since."""
    served(version)
    assert_same("GET", f"/slurm/{version}/reservations/{query}")
    assert_same("GET", f"/slurm/{version}/reservation/{NAME}-maint{query}")


@pytest.mark.parametrize("version", VERSIONS)
def test_same_facts_as_v0_0_38(version, reservations):
    status, _, old = ours("GET", "/slurm/v0.0.38/reservations")
    assert status == 200, old
    status, _, new = ours("GET", f"/slurm/{version}/reservations/")
    assert status == 200, new
    facts = lambda r: (r["name"], r["node_list"], r["users"], r["accounts"], r["partition"],  # noqa: E731
                       r["core_count"], r["node_count"])
    assert sorted(map(facts, old["reservations"])) == sorted(map(facts, new["reservations"]))
    old_ = {r["name"]: r for r in old["reservations"]}
    for r in new["reservations"]:
        if "TIME_FLOAT" in r["flags"]:  # its times move with the clock
            continue
        assert r["start_time"]["number"] == old_[r["name"]]["start_time"]
        assert r["end_time"]["number"] == old_[r["name"]]["end_time"]
