"""dbv0.0.38 against the reference slurmrestd on the live cluster and slurmdbd, field by field.

Writes run as `dbt_admin`, an OS user made a slurmdbd Administrator for these tests (created here
when missing, removed at the end); everything created is named dbt_* and removed again.
"""
import os
import subprocess

import pytest

from compare import differences
from db_admin import administrator
from reference import reference
from service import ours

DB = "/slurmdb/v0.0.38/"
ADMIN = "dbt_admin"


def both(method, path, body=None, user="alice"):
    return reference(method, DB + path, body, user=user), ours(method, DB + path, body, user=user)


def assert_same(method, path, body=None, user="alice", ignore=()):
    (rs, _, rb), (os_, _, ob) = both(method, path, body, user)
    assert rs == os_, (rb, ob)
    assert differences(rb, ob, ignore) == []
    return ob


def sacctmgr(*args):
    return subprocess.run(["sacctmgr", "-i", *args], capture_output=True, text=True, check=False,
                          env={**os.environ})


def account_names(user="alice"):
    _, _, body = ours("GET", DB + "accounts", user=user)
    return {a["name"] for a in body["accounts"]}


@pytest.fixture(scope="module")
def admin():
    with administrator(ADMIN):
        yield ADMIN
        for name in ("dbt_a1", "dbt_a2", "dbt_a3"):
            sacctmgr("delete", "account", name)


@pytest.mark.parametrize("path", [
    "tres", "qos", "qos/normal", "qos/nonexistent", "qos?with_deleted=true",
    "accounts", "accounts?with_deleted=true", "accounts?bogus=1", "account/testacct",
    "account/nonexistent", "users", "user/alice", "user/nonexistent", "users?bogus=1",
    "associations", "associations?account=testacct&user=alice", "associations?account=nonexistent",
    "association?account=testacct", "association?account=testacct&user=alice",
    "clusters", "cluster/pycluster", "cluster/nonexistent", "wckeys", "wckey/x", "config",
])
def test_get_as_user(path):
    assert_same("GET", path)


@pytest.mark.parametrize("path", ["accounts", "users", "associations", "wckeys", "config"])
def test_get_as_admin(admin, path):
    assert_same("GET", path, user=admin)


def test_plain_user_cannot_add_an_account():
    body = {"accounts": [{"name": "dbt_a1", "description": "d", "organization": "o"}]}
    assert_same("POST", "accounts", body)
    assert "dbt_a1" not in account_names()


def test_add_and_delete_account_like_the_reference(admin):
    body = {"accounts": [{"name": "dbt_a1", "description": "dbt test", "organization": "dbt"}]}
    ref_add = reference("POST", DB + "accounts", body, user=admin)
    ref_get = reference("GET", DB + "account/dbt_a1", user=admin)
    ref_del = reference("DELETE", DB + "account/dbt_a1", user=admin)
    our_add = ours("POST", DB + "accounts", body, user=admin)
    our_get = ours("GET", DB + "account/dbt_a1", user=admin)
    our_del = ours("DELETE", DB + "account/dbt_a1", user=admin)
    for r, o in ((ref_add, our_add), (ref_get, our_get), (ref_del, our_del)):
        assert r[0] == o[0], (r[2], o[2])
        assert differences(r[2], o[2]) == []
    assert our_get[2]["accounts"][0]["name"] == "dbt_a1"
    assert "dbt_a1" not in account_names(admin)


def test_one_bad_account_rolls_back_the_whole_post(admin):
    """The second item has no name: slurmdbd refuses the add after inserting the first, and the
    request's rollback leaves nothing behind, in ours as in the reference."""
    body = {"accounts": [{"name": "dbt_a2", "description": "d", "organization": "o"},
                         {"description": "no name"}]}
    for call in (reference, ours):
        status, _, doc = call("POST", DB + "accounts", body, user=admin)
        assert status == 500, doc
        assert "dbt_a2" not in account_names(admin)
    assert_same("POST", "accounts", body, user=admin)
    assert "dbt_a2" not in account_names(admin)


def test_malformed_post_is_refused_and_changes_nothing(admin):
    for body in ({"accounts": "dbt_a3"}, {"accounts": [7]}, {"nothing": []}):
        assert_same("POST", "accounts", body, user=admin)
    assert "dbt_a3" not in account_names(admin)


def test_add_user_association_and_delete(admin):
    """POST users and associations, read them back, delete (the associations as a plain user, then
    as an admin; then the user): ours and the reference in turn."""
    user_body = {"users": [{"name": "dbt_u1", "default": {"account": "testacct"}}]}
    assoc_body = {"associations": [{"account": "testacct", "user": "dbt_u1",
                                    "cluster": "pycluster"}]}
    results = {}
    for who, call in (("ref", reference), ("ours", ours)):
        results[who] = [
            call("POST", DB + "users", user_body, user=admin),
            call("POST", DB + "associations", assoc_body, user=admin),
            call("GET", DB + "user/dbt_u1", user=admin),
            call("GET", DB + "associations?user=dbt_u1", user=admin),
            call("DELETE", DB + "associations?user=dbt_u1&account=testacct", user="alice"),
            call("DELETE", DB + "associations?user=dbt_u1&account=testacct", user=admin),
            call("GET", DB + "associations?user=dbt_u1", user=admin),
            call("DELETE", DB + "user/dbt_u1", user=admin),
        ]
    sacctmgr("delete", "user", "dbt_u1")
    for r, o in zip(results["ref"], results["ours"]):
        assert r[0] == o[0], (r[2], o[2])
        assert differences(r[2], o[2]) == []


def test_connection_rolls_back_on_failure():
    """The connection model itself: an add followed by finish(False) (a failed handler) leaves
    nothing in slurmdbd. Runs as root, a slurmdbd administrator, in a fresh interpreter."""
    import sys

    code = ("from slurmrestd_py import slurm; conn = slurm.open().slurmdb(); "
            "conn.add_accounts([{'name': 'dbt_a3', 'description': 'd', 'organization': 'o'}]); "
            "conn.finish(False)")
    # Not from the checkout: its slurmrestd_py has no compiled module; the installed one (or
    # $PYTHONPATH, while developing) is what runs.
    subprocess.run([sys.executable, "-c", code], cwd="/", check=True)
    assert "dbt_a3" not in account_names()


@pytest.mark.parametrize("path", ["associations?cluster=%F0%A8%99%8F", "jobs?cluster=%F0%A8%99%8F",
                                  "cluster/%F0%A8%99%8F", "association?cluster=%F0%A8%99%8F&account=x"])
def test_cluster_names_beyond_the_bmp_are_nothing_found(path):
    """MariaDB takes no such character in a table name; the failed query left slurmdbd 22.05 to die
    soon after. Ours asks for a cluster that cannot exist instead, and slurmdbd stays up."""
    from slurmrestd_py.slurm.slurmdb import cluster_name

    assert cluster_name("a\U0002864fb") == "a\ufffdb" and cluster_name("pycluster") == "pycluster"
    status, _, body = ours("GET", DB + path)
    assert [e["error"] for e in body["errors"]] == ["Nothing found with query"], body
    assert ours("GET", DB + "cluster/pycluster")[2]["clusters"][0]["name"] == "pycluster"
