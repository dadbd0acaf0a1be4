"""dbv0.0.37 and dbv0.0.36 against the reference slurmrestd, field by field, reads and writes.

Fixture data makes the versions' differences show: a QOS with job limits, flags and a preemptee, an
association with limits and three QOS (dumped as ids, unsorted, before dbv0.0.38), a coordinator.
Writes run as `db36_admin`, a slurmdbd Administrator made here; everything is named db36_* and
removed again. The cluster is shared: a difference in a listing is retried before it fails.
"""
import json
import subprocess
import time

import pytest

from compare import differences
from db_admin import administrator
from reference import build_request, reference
from service import ours, raw_ours, responses

VERSIONS = ("v0.0.37", "v0.0.36")
ADMIN = "db36_admin"


def sacctmgr(*args):
    return subprocess.run(["sacctmgr", "-i", *args], capture_output=True, text=True, check=False)


def _cleanup():
    sacctmgr("delete", "user", "db36_u", "db36_u1", "db36_u2")
    sacctmgr("delete", "account", "db36_acct", "db36_x1", "db36_x2", "db36_x3")
    sacctmgr("delete", "qos", "db36_q0", "db36_q1")


@pytest.fixture(scope="module")
def admin():
    with administrator(ADMIN):
        _cleanup()
        sacctmgr("add", "qos", "db36_q1", "MaxJobsPerAccount=3", "MaxJobsPerUser=2",
                 "MaxSubmitJobsPerAccount=7", "MaxSubmitJobsPerUser=6", "Flags=DenyOnLimit,NoDecay",
                 "LimitFactor=0.5", "Preempt=normal", "PreemptMode=requeue")
        sacctmgr("add", "qos", "db36_q0")
        sacctmgr("add", "account", "db36_acct", "Description=dd", "Organization=oo")
        sacctmgr("add", "user", "db36_u", "account=db36_acct", "qos=db36_q1,normal,db36_q0",
                 "GrpJobs=4", "MaxJobs=5", "MaxSubmitJobs=9", "MaxJobsAccrue=3", "GrpTRESMins=cpu=50")
        sacctmgr("add", "coordinator", "account=db36_acct", "names=db36_u")
        yield ADMIN
        _cleanup()


def assert_same(method, path, body=None, user="alice", attempts=3):
    for _ in range(attempts):
        (rs, _, rb), (os_, _, ob) = (reference(method, path, body, user=user),
                                     ours(method, path, body, user=user))
        diff = ([f"status {rs} != {os_}"] if rs != os_ else []) + differences(rb, ob)
        if not diff or method != "GET":
            break
        time.sleep(1)
    assert not diff, f"{method} {path}:\n" + "\n".join(diff[:20])


READS = ["tres", "qos", "qos/db36_q1", "qos/nonexistent", "qos?with_deleted=x", "accounts",
         "accounts?bogus=1", "account/db36_acct", "account/nonexistent", "users", "users?bogus=1",
         "user/db36_u", "user/nonexistent", "associations", "associations?account=nonexistent",
         "association", "association?account=db36_acct&user=db36_u",
         "association?account=testacct", "association?account=nonexistent", "clusters",
         "cluster/pycluster", "cluster/nonexistent", "wckeys", "wckey/x", "config",
         "jobs?account=testacct&start_time=0", "job/1", "job/99999999"]


@pytest.mark.parametrize("path", READS)
@pytest.mark.parametrize("version", VERSIONS)
def test_get_as_user(admin, version, path):
    assert_same("GET", f"/slurmdb/{version}/{path}")


@pytest.mark.parametrize("path", ["users", "associations", "wckeys", "config"])
@pytest.mark.parametrize("version", VERSIONS)
def test_get_as_admin(admin, version, path):
    assert_same("GET", f"/slurmdb/{version}/{path}", user=admin)


# (method, path, body): run in turn by the reference, then (after a clean-up) by us.
ACCOUNT_STEPS = [
    ("POST", "accounts", {"accounts": [{"name": "db36_x1"}]}),  # no defaults: slurmdbd refuses
    ("GET", "account/db36_x1", None),
    ("DELETE", "account/db36_x1", None),  # nothing to delete: reported, 200
    ("POST", "accounts", {"accounts": [{"name": "db36_x2", "description": "d", "organization": "o"},
                                       {"description": "no name"}]}),
    ("GET", "account/db36_x2", None),
    ("POST", "accounts", {"accounts": "x"}),
    ("POST", "accounts", {"accounts": [7]}),
    ("POST", "accounts", {"nothing": []}),
    ("POST", "accounts", {"accounts": [{"name": ["a"]}]}),
    ("POST", "accounts", {"accounts": [{"name": "db36_x3", "description": {"a": 1}}]}),
    ("POST", "accounts", {"accounts": [{"name": "db36_x3", "description": "d",
                                        "organization": "o"}]}),
    ("GET", "account/db36_x3", None),
    ("DELETE", "account/db36_x3", None),
    ("GET", "account/db36_x3", None),
]
USER_STEPS = [
    ("POST", "users", {"users": [{"name": "db36_u1", "default": {"account": "testacct"}}]}),
    ("GET", "user/db36_u1", None),
    ("DELETE", "user/db36_u1", None),  # dbv0.0.36 never deletes: 400
    ("GET", "user/db36_u1", None),
    ("POST", "users", {"users": [{"default": {"account": "testacct"}}]}),
    ("POST", "users", {"users": [{"name": {"x": 1}}]}),
    ("POST", "users", {"users": [{"name": "db36_u2", "administrator_level": "bogus",
                                  "default": {"account": "testacct"}}]}),
    ("GET", "user/db36_u2", None),
    # str_2_slurmdb_admin_level(): the first letter decides
    ("POST", "users", {"users": [{"name": "db36_u1", "administrator_level": "superuser",
                                  "default": {"account": "testacct"}}]}),
    ("GET", "user/db36_u1", None),
    ("POST", "users", {"users": "x"}),
    ("POST", "users", {"users": [7]}),
    ("DELETE", "user/db36_nonexistent", None),
]
ASSOCIATION_STEPS = [  # dbv0.0.37 only: dbv0.0.36 has no POST associations
    ("POST", "users", {"users": [{"name": "db36_u1", "default": {"account": "testacct"}}]}),
    ("POST", "associations", {"associations": [{"account": "testacct", "user": "db36_u1",
                                                "cluster": "pycluster"}]}),
    ("GET", "association?user=db36_u1&account=testacct", None),
    ("POST", "associations", {"associations": [{"account": "testacct", "user": "db36_u1",
                                                "cluster": "pycluster"}]}),  # exists: no error
    ("POST", "associations", {"associations": [{"account": "testacct", "user": "db36_u1",
                                                "cluster": "pycluster", "shares_raw": None,
                                                "priority": "x"}]}),
    ("POST", "associations", {"associations": [{"user": "db36_u1"}]}),
    ("POST", "associations", {"associations": [{"account": {"a": 1}, "user": "db36_u1"}]}),
    ("POST", "associations", {"associations": []}),
    ("POST", "associations", {"associations": [3]}),
    ("POST", "associations", {"nothing": []}),
    ("DELETE", "association?account=testacct&user=db36_u1&cluster=pycluster", None),
    ("DELETE", "association?account=nonexistent&user=nonexistent", None),  # 304
    ("DELETE", "association?user=nonexistent", None),
    ("DELETE", "user/db36_u1", None),
]


def _run_both(version, steps, user):
    results = {}
    for who, call in (("ref", reference), ("ours", ours)):
        sacctmgr("delete", "user", "db36_u1", "db36_u2")
        sacctmgr("delete", "account", "db36_x1", "db36_x2", "db36_x3")
        results[who] = [call(m, f"/slurmdb/{version}/{p}", b, user=user) for m, p, b in steps]
    sacctmgr("delete", "user", "db36_u1", "db36_u2")
    sacctmgr("delete", "account", "db36_x1", "db36_x2", "db36_x3")
    failures = []
    for (method, path, body), r, o in zip(steps, results["ref"], results["ours"]):
        diff = ([f"status {r[0]} != {o[0]}"] if r[0] != o[0] else []) + differences(r[2], o[2])
        if diff:
            failures.append(f"{method} {path} {json.dumps(body)}: " + "; ".join(diff[:5]))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("version", VERSIONS)
def test_account_writes_like_the_reference(admin, version):
    _run_both(version, ACCOUNT_STEPS, admin)


@pytest.mark.parametrize("version", VERSIONS)
def test_user_writes_like_the_reference(admin, version):
    _run_both(version, USER_STEPS, admin)


def test_association_writes_like_the_reference(admin):
    _run_both("v0.0.37", ASSOCIATION_STEPS, admin)


@pytest.mark.parametrize("version", VERSIONS)
def test_plain_user_cannot_write(admin, version):
    _run_both(version, [
        ("POST", "accounts", {"accounts": [{"name": "db36_x1", "description": "d",
                                            "organization": "o"}]}),
        ("POST", "users", {"users": [{"name": "db36_u1", "default": {"account": "testacct"}}]}),
        ("DELETE", "user/db36_u", None),
        ("DELETE", "association?account=db36_acct&user=db36_u", None),
    ], "alice")


@pytest.mark.parametrize("version,method,path", [
    ("v0.0.36", "POST", "associations"), ("v0.0.37", "DELETE", "associations"),
    ("v0.0.37", "POST", "qos"), ("v0.0.36", "DELETE", "associations")])
def test_operations_the_version_lacks(version, method, path):
    body = {"associations": []} if method == "POST" else None
    (rs, _, _), (os_, _, _) = (reference(method, f"/slurmdb/{version}/{path}", body),
                               ours(method, f"/slurmdb/{version}/{path}", body))
    assert rs == os_


def test_openapi_document_with_the_oldest_db_plugin_is_valid():
    from openapi_spec_validator import validate

    answers = responses(raw_ours(build_request("GET", "/openapi/v3"),
                                 args="-a rest_auth/local -s dbv0.0.36"))
    status, _, body = answers[0]
    assert status == 200
    doc = json.loads(body)
    validate(doc)
    assert {p.split("/")[2] for p in doc["paths"] if p.startswith("/slurmdb/")} == {"v0.0.36"}


def test_job_tables_for_when_the_db_job_operations_arrive():
    """Pure: the db job record's differences (GET jobs/job is not served yet in any db version)."""
    from slurmrestd_py.versions import PLUGINS

    def job():
        return {"container": None, "time": {"eligible": 5, "start": 9},
                "state": {"current": "COMPLETED", "reason": "None"},
                "association": {"id": 3, "account": None, "cluster": None, "partition": None,
                                "user": None}}

    assert PLUGINS["dbv0.0.37"].render("job", job()) == {
        "time": {"eligible": 5, "start": 5}, "state": {"current": "COMPLETED", "reason": "None"},
        "association": None}
    assert PLUGINS["dbv0.0.36"].render("job", job())["state"] == {"current": "COMPLETED",
                                                                  "previous": "None"}
