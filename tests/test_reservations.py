"""GET /reservations and /reservation/{name} against the reference: reservations with many flags,
users, accounts, a partition, purge_completed; none at all; errors; update_time.
Everything is on the fake nodes and in the future, and deleted at the end."""
import pytest

from differential import assert_same, both, scontrol

NAME = "pytest-resv"
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


def test_all_reservations(reservations):
    body = assert_same("reservations")
    resvs = {r["name"]: r for r in body["reservations"]}
    assert set(reservations) <= resvs.keys()
    assert resvs[f"{NAME}-daily"]["purge_completed"] == {"time": 300}
    assert "purge_completed" not in resvs[f"{NAME}-maint"]


@pytest.mark.parametrize("name", list(RESERVATIONS) + [f"{NAME}-MAINT"])
def test_one_reservation(reservations, name):
    assert len(assert_same(f"reservation/{name}")["reservations"]) == 1


@pytest.mark.parametrize("path", [
    f"reservation/{NAME}-nosuch",
    "reservations?update_time=abc",
    "reservations?update_time=1",
    f"reservation/{NAME}-maint?update_time=99999999999",
])
def test_odd_requests(reservations, path):
    assert_same(path)


def test_unchanged_since_is_304(reservations):
    (rs, _, rb), (os_, _, ob) = both("reservations?update_time=99999999999")
    assert rs == os_ == 304 and rb is ob is None


def test_none_of_them(reservations):
    """Last: with ours deleted (others' may remain), list and lookup still agree."""
    for name in reservations:
        scontrol("delete", f"reservationname={name}")
    reservations.clear()
    assert_same("reservations")
    assert_same(f"reservation/{NAME}-maint")
