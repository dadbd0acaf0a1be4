"""slurmdb GET and POST config in the parser versions (v0.0.40 on), against the release's reference,
as a plain user (alice) and as an Administrator (dbcadm, made by tests/db_admin.py).

GET: every object kind in one document, field for field. POST: the reference parses the whole
document, adds its clusters, and then (its release build refusing TRES updates without a word) stops
and never commits: a safe document (objects prefixed dbc_) is answered alike and leaves slurmdbd as
it was, as does a bad one; malformed and wrongly typed bodies are refused alike. The whole GET
document is never posted back (it names the cluster's shared objects)."""
import json
import os
import subprocess

import pytest

from db_admin import administrator
from parsed import VERSIONS, assert_same, ours, reference_serves, served
from reference import reference

ADMIN = "dbcadm"
ACCOUNTS = ("dbc_a1", "dbc_a2")
USERS = ("dbc_u1",)
CLUSTERS = ("dbc_c1", "dbc_c2")
QOS = ("dbc_q1",)


def sacctmgr(*args):
    return subprocess.run(["sacctmgr", "-i", *args], capture_output=True, text=True, env={**os.environ})


def _state():
    """What slurmdbd holds of our objects (none, when every test leaves it as it was)."""
    out = sacctmgr("show", "account", ",".join(ACCOUNTS), "format=account,descr,org", "-P", "-n").stdout
    out += sacctmgr("show", "user", ",".join(USERS), "format=user,defaultaccount,admin", "-P", "-n").stdout
    out += sacctmgr("show", "qos", ",".join(QOS), "format=name,priority", "-P", "-n").stdout
    out += sacctmgr("show", "cluster", ",".join(CLUSTERS), "format=cluster", "-P", "-n").stdout
    out += sacctmgr("show", "assoc", "account=" + ",".join(ACCOUNTS), "format=account,user", "-P", "-n").stdout
    return sorted(line for line in out.splitlines() if line.strip())


def _cleanup():
    sacctmgr("delete", "user", ",".join(USERS))
    sacctmgr("delete", "account", ",".join(ACCOUNTS))
    sacctmgr("delete", "qos", ",".join(QOS))
    # POST config adds its clusters and rolls them back (the reference too): slurmdbd's list of clusters
    # keeps them, and every later account add then fails ("Cluster 'dbc_c1' has not been added yet")
    # until they are added and deleted for real
    shown = sacctmgr("show", "cluster", ",".join(CLUSTERS), "format=cluster", "-P", "-n").stdout.split()
    for name in CLUSTERS:
        if name not in shown:
            sacctmgr("add", "cluster", name)
    sacctmgr("delete", "cluster", ",".join(CLUSTERS))


@pytest.fixture(scope="module")
def admin():
    _cleanup()
    with administrator(ADMIN) as name:
        try:
            yield name
        finally:
            _cleanup()


@pytest.mark.parametrize("version", VERSIONS)
def test_get_config_as_user(version):
    """A plain user may not list wckeys: the reference stops there, with no document."""
    served(version)
    doc = assert_same("GET", f"/slurmdb/{version}/config")
    assert doc["errors"] and "clusters" not in doc, doc


@pytest.mark.parametrize("version", VERSIONS)
def test_get_config_as_administrator(version, admin):
    served(version)
    if version >= "v0.0.44":
        pytest.skip("v0.0.44-45's users (default/qos) and v0.0.45's clusters (no select_plugin) are not "
                    "written as 26.05 writes them yet (the v0.0.43+ tables, issue 16)")
    # v0.0.43 on write associations' ids (24.11's v0.0.41-42 write 0): the v0.0.43+ tables (issue 16)
    ignore = {"$.associations[].id"} if version >= "v0.0.43" else set()
    # an association's accounting records come in the order slurmdbd's usage query returns them, which
    # differs between the reference's request and ours: compared as sets below
    doc = assert_same("GET", f"/slurmdb/{version}/config", user=ADMIN,
                      ignore=ignore | {"$.associations[].accounting"})
    assert doc["clusters"] and doc["tres"] and doc["accounts"] and doc["associations"], doc

    def accounting(answer):
        return [sorted(json.dumps(r, sort_keys=True) for r in a.get("accounting") or ())
                for a in answer["associations"]]
    theirs, mine = reference("GET", f"/slurmdb/{version}/config", user=ADMIN)[2], ours(
        "GET", f"/slurmdb/{version}/config", user=ADMIN)[2]
    assert accounting(theirs) == accounting(mine)


def _account(name):
    return {"name": name, "description": f"{name} test", "organization": "dbc"}


SAFE = {
    "clusters": [{"name": "dbc_c1"}],
    "accounts": [_account("dbc_a1"), _account("dbc_a2")],
    "users": [{"name": "dbc_u1", "default": {"account": "dbc_a1"}}],
    "qos": [{"name": "dbc_q1", "priority": {"set": True, "number": 5}}],
    "associations": [{"account": "dbc_a1", "user": "dbc_u1", "cluster": "dbc_c1"}],
}
# a cluster named twice (slurmdbd refuses the second), objects after it
BAD = {"clusters": [{"name": "dbc_c1"}, {"name": "dbc_c1"}], "accounts": [_account("dbc_a1")]}
NO_CLUSTERS = {"accounts": [_account("dbc_a1")], "qos": [{"name": "dbc_q1"}]}


def _same_post(version, body, user):
    """Ours and the reference's POST answer alike, and both leave slurmdbd as it was."""
    path = f"/slurmdb/{version}/config"
    before = _state()
    assert before == [], before
    try:
        doc = assert_same("POST", path, body, user=user)
    finally:
        after = _state()
        _cleanup()
    assert after == before, after
    return doc


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", [SAFE, BAD, NO_CLUSTERS, {}], ids=["safe", "bad", "no-clusters", "empty"])
def test_post_config(version, body, admin):
    served(version)
    for user in (ADMIN, "alice"):
        _same_post(version, body, user)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", [
    [], {"accounts": "x"}, {"accounts": [{"name": 5, "description": []}]},
    {"clusters": {"name": "dbc_c1"}}, {"qos": [{"name": "dbc_q1", "priority": "high"}]},
    {"users": [{"name": "dbc_u1", "administrator_level": ["Boss"]}]}, {"unknown": 1, "clusters": [{"name": "dbc_c1"}]},
    {"clusters": [{"name": "dbc_c1", "flags": ["NOPE"]}]},
], ids=["list", "string-list", "wrong-types", "object-list", "bad-number", "bad-level", "unknown-key",
        "bad-flag"])
def test_post_config_malformed(version, body, admin):
    served(version)
    _same_post(version, body, ADMIN)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("text", ['{"accounts": [', "x"], ids=["truncated", "not-json"])
def test_post_config_not_json(version, text, admin):
    """A JSON body that does not parse: refused with the same status, nothing written. (The
    reference's answer is the text "Unable to parse query.", ours an errors[] document, as for every
    POST of the parser versions: app-wide, not compared here.)"""
    served(version)
    path, headers = f"/slurmdb/{version}/config", {"Content-Type": "application/json"}
    ref = reference("POST", path, text, headers=headers, user=ADMIN)
    our = ours("POST", path, text, headers=headers, user=ADMIN)
    assert ref[0] == our[0] == 400, (ref, our)
    assert _state() == []


@pytest.mark.parametrize("version", VERSIONS)
def test_config_same_facts_as_v0_0_38(version, admin):
    """Where no reference serves the version (22.05): our GET config carries the facts of our
    v0.0.38 GET config (the same clusters, accounts, users, QOS and associations)."""
    if reference_serves(version):
        pytest.skip("compared with the reference itself")
    status, _, doc = ours("GET", f"/slurmdb/{version}/config", user=ADMIN)
    status38, _, old = ours("GET", "/slurmdb/v0.0.38/config", user=ADMIN)
    assert status == status38 == 200, (doc, old)
    # (ours lists deleted objects too, v0.0.38 not: its names are among ours)
    assert sorted(c["name"] for c in doc["clusters"]) == sorted(c["name"] for c in old["clusters"])
    assert sorted(t["id"] for t in doc["tres"]) == sorted(t["id"] for t in old["TRES"])
    for key, old_key in (("accounts", "accounts"), ("users", "users"), ("qos", "QOS")):
        assert {o["name"] for o in old[old_key]} <= {o["name"] for o in doc[key]}, key
    assert ({(a["account"], a.get("user") or "", a.get("partition") or "") for a in old["associations"]}
            <= {(a["account"], a.get("user") or "", a.get("partition") or "") for a in doc["associations"]})
    assert doc.get("instances", []) == []
