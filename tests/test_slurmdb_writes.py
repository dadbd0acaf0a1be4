"""dbv0.0.38 writes (QOS, TRES, wckeys, clusters, POST /config, association changes) against the
reference on the same slurmdbd: each scenario runs with the reference, its state is read back
with sacctmgr and undone, then it runs with ours; answers and states must be the same.

Writes run as `dbwrite_admin`, an OS user made a slurmdbd Administrator here (removed at the end).
Everything created is named dbwrite_*; pycluster is never touched but for alice's association
in the test account dbwrite_acct.
"""
import os
import subprocess

import pytest

from compare import differences
from db_admin import administrator
from reference import reference
from service import ours

DB = "/slurmdb/v0.0.38/"
ADMIN = "dbwrite_admin"
IDS = {"$.QOS[].id", "$.wckeys[].id"}  # slurmdbd numbers each new row afresh


def sacctmgr(*args):
    return subprocess.run(["sacctmgr", "-i", *args], capture_output=True, text=True, check=False,
                          env={**os.environ}).stdout


def state():
    """Every dbwrite_* object as sacctmgr lists it, and alice's association in dbwrite_acct."""
    def rows(*args):
        return sorted(line for line in sacctmgr("-nP", "show", *args).splitlines()
                      if "dbwrite" in line and ADMIN not in line)
    return {
        "qos": rows("qos", "format=name,description,priority,flags,maxtresperjob,preempt,"
                    "preemptmode,usagefactor,maxwall,grptres"),
        "clusters": rows("cluster", "format=cluster,controlhost,controlport,flags,rpc"),
        "wckeys": rows("wckey", "format=wckey,cluster,user"),
        "accounts": rows("account", "format=account,description,organization"),
        "users": rows("user", "withcoord", "format=user,defaultaccount,admin,coordinators"),
        "assocs": rows("assoc", "format=cluster,account,user,partition,share,priority,grpjobs,"
                       "maxjobs,maxsubmit,maxtres,grptres,maxwall,qos,defaultqos,parentname"),
    }


def cleanup():
    for name in ("dbwrite_q1", "dbwrite_q2", "dbwrite_q3", "dbwrite_q4"):
        sacctmgr("delete", "qos", name)
    for name in ("dbwrite_w1", "dbwrite_w2"):  # sacctmgr cannot delete wckeys
        if name in sacctmgr("-nP", "show", "wckey", "format=wckey"):
            reference("DELETE", DB + f"wckey/{name}", user=ADMIN)
    for name in ("dbwrite_c1", "dbwrite_c2"):
        sacctmgr("delete", "cluster", name)
    sacctmgr("delete", "user", "dbwrite_u1,dbwrite_u2")
    sacctmgr("delete", "account", "dbwrite_a1")


@pytest.fixture(scope="module", autouse=True)
def admin():
    with administrator(ADMIN):
        sacctmgr("add", "account", "dbwrite_acct")
        sacctmgr("add", "user", "alice", "account=dbwrite_acct", "cluster=pycluster")
        cleanup()
        yield ADMIN
        cleanup()
        sacctmgr("delete", "user", "alice", "account=dbwrite_acct")
        sacctmgr("delete", "account", "dbwrite_acct")


def reset_alice():
    sacctmgr("modify", "user", "alice", "account=dbwrite_acct", "set", "maxjobs=-1", "priority=-1",
             "maxtres=cpu=-1,mem=-1", "grptres=cpu=-1", "defaultqos=-1", "qos=normal")


def scenario(requests, undo=cleanup):
    """Run `requests` [(method, path, body, user)] with the reference, read state, undo; then with
    ours, read state, undo. The answers and the states must match."""
    results = {}
    for name, call in (("reference", reference), ("ours", ours)):
        answers = [call(method, DB + path, body, headers, user=user)
                   for method, path, body, headers, user in requests]
        results[name] = answers, state()
        undo()
    (ref_answers, ref_state), (our_answers, our_state) = results["reference"], results["ours"]
    for (method, path, *_), r, o in zip(requests, ref_answers, our_answers):
        assert r[0] == o[0], (method, path, r[2], o[2])
        assert differences(r[2], o[2], IDS) == [], (method, path)
    assert ref_state == our_state
    return our_answers, our_state


def req(method, path, body=None, user=ADMIN, headers=None):
    return (method, path, body, headers, user)


QOS1 = {"name": "dbwrite_q1", "description": "dbwrite test", "priority": 10,
        "flags": ["DENY_LIMIT", "NO_DECAY"], "usage_factor": 2.5,
        "limits": {"max": {"tres": {"per": {"job": [{"type": "cpu", "count": 4}]}},
                           "wall_clock": {"per": {"job": 60}}}},
        "preempt": {"list": ["normal"], "mode": ["REQUEUE"]}}


def test_qos_add_modify_delete():
    answers, st = scenario([
        req("POST", "qos", {"QOS": [QOS1, {"name": "dbwrite_q2"}]}),
        req("GET", "qos/dbwrite_q1"),
        req("POST", "qos", {"QOS": [{"name": "dbwrite_q1", "priority": 20,
                                     "limits": {"max": {"tres": {"per": {"job": [
                                         {"type": "mem", "count": 100}]}}}}}]}),
        req("GET", "qos/dbwrite_q1"),
        req("DELETE", "qos/dbwrite_q2"),
        req("DELETE", "qos/dbwrite_q2"),
    ])
    assert [a[0] for a in answers] == [200, 200, 200, 200, 200, 500]
    assert answers[3][2]["QOS"][0]["priority"] == 20
    assert [q.split("|")[0] for q in st["qos"]] == ["dbwrite_q1"]


@pytest.mark.parametrize("body", [
    {"QOS": [{"name": "dbwrite_q1"}, {"priority": "high"}]},  # bad type in the second item
    {"QOS": [{"name": "dbwrite_q1"}, {"description": "no name"}]},  # cannot create unnamed
    {"QOS": [{"name": "dbwrite_q1"}, {"id": 999999}]},  # no such id to modify
    {"QOS": [{"name": "dbwrite_q1"}, {"name": "dbwrite_q2", "flags": ["BOGUS"]}]},
    {"QOS": [{"name": "dbwrite_q1"}, {"name": "dbwrite_q2", "preempt": {"list": ["nosuch"]}}]},
    {"QOS": [{"name": "dbwrite_q1"}, {"name": "dbwrite_q2", "limits": {"max": {"tres": {
        "per": {"job": [{"type": "nosuch", "count": 1}]}}}}}]},
    {"QOS": [{"name": "dbwrite_q1"}, "dbwrite_q2"]},
    {"QOS": "dbwrite_q1"}, {"qos": []}, [],
])
def test_qos_bad_post_changes_nothing(body):
    _, st = scenario([req("POST", "qos", body)])
    assert st["qos"] == []


def test_plain_user_cannot_write_qos_clusters_wckeys():
    _, st = scenario([
        req("POST", "qos", {"QOS": [{"name": "dbwrite_q1"}]}, user="alice"),
        req("DELETE", "qos/normal", user="alice"),
        req("POST", "clusters", {"clusters": [{"name": "dbwrite_c1"}]}, user="alice"),
        req("DELETE", "cluster/pycluster", user="alice"),
        req("POST", "wckeys", {"wckeys": [{"id": 0, "name": "dbwrite_w1", "cluster": "pycluster",
                                           "user": "alice"}]}, user="alice"),
        req("DELETE", "wckey/dbwrite_w1", user="alice"),
        req("POST", "tres", {"TRES": [{"type": "gres", "name": "dbwrite"}]}, user="alice"),
    ])
    assert not st["qos"] and not st["clusters"] and not st["wckeys"]


def test_tres_updates_are_refused():
    answers, _ = scenario([req("POST", "tres", {"TRES": [{"type": "gres", "name": "dbwrite"}]}),
                           req("POST", "tres", {})])
    assert [a[0] for a in answers] == [500, 500]


WCKEY = {"id": 0, "name": "dbwrite_w1", "cluster": "pycluster", "user": "alice"}


def test_wckeys_add_get_delete():
    answers, _ = scenario([
        req("POST", "wckeys", {"wckeys": [WCKEY, {**WCKEY, "name": "dbwrite_w2"}]}),
        req("GET", "wckey/dbwrite_w1"),
        req("DELETE", "wckey/dbwrite_w1"),
        req("DELETE", "wckey/dbwrite_w1"),
        req("GET", "wckey/dbwrite_w2"),
    ])
    assert [a[0] for a in answers] == [200, 200, 200, 500, 200]


@pytest.mark.parametrize("body", [
    {"wckeys": [WCKEY, {"name": "dbwrite_w2", "cluster": "pycluster", "user": "alice"}]},  # no id
    {"wckeys": [WCKEY, {**WCKEY, "name": "dbwrite_w2", "flags": ["NOPE"]}]},
    {"wckeys": [WCKEY, {**WCKEY, "name": "dbwrite_w2", "id": [1]}]},
    {"wckeys": [WCKEY, 7]}, {"wckeys": {}}, {},
])
def test_wckeys_bad_post_changes_nothing(body):
    _, st = scenario([req("POST", "wckeys", body)])
    assert st["wckeys"] == []


def test_clusters_add_get_delete():
    """The reference's DELETE never matches a cluster (see api/db_cluster.py): a bare 304."""
    answers, st = scenario([
        req("POST", "clusters", {"clusters": [{"name": "dbwrite_c1", "nodes": "n[1-2]",
                                               "controller": {"host": "h", "port": 1234},
                                               "flags": ["MULTIPLE_SLURMD"]}]}),
        req("GET", "cluster/dbwrite_c1"),
        req("DELETE", "cluster/dbwrite_c1"),
        req("DELETE", "cluster/dbwrite_nonexistent"),
        req("POST", "clusters", {"nothing": []}),
        req("POST", "clusters", {"clusters": "dbwrite_c2"}),
    ])
    assert [a[0] for a in answers] == [200, 200, 304, 304, 200, 200]
    assert [c.split("|")[0] for c in st["clusters"]] == ["dbwrite_c1"]


@pytest.mark.parametrize("body", [
    {"clusters": [{"name": "dbwrite_c1"}, {"name": "dbwrite_c2", "flags": ["BOGUS"]}]},
    {"clusters": [{"name": "dbwrite_c1"}, "dbwrite_c2"]},
])
def test_bad_cluster_post_changes_nothing_unlike_the_reference(body):
    """Deliberate difference: the reference reports the bad item, yet adds and commits the others
    with a 200; we answer 400 with the same errors[] and write nothing."""
    r = reference("POST", DB + "clusters", body, user=ADMIN)
    cleanup()
    o = ours("POST", DB + "clusters", body, user=ADMIN)
    assert (r[0], o[0]) == (200, 400)
    assert differences(r[2]["errors"], o[2]["errors"]) == []
    assert state()["clusters"] == []


CONFIG = {
    "clusters": [{"name": "dbwrite_c1"}],
    "TRES": [{"type": "gres", "name": "dbwrite"}],  # skipped by the reference's import
    "accounts": [{"name": "dbwrite_a1", "description": "dbwrite import"}],
    "users": [{"name": "dbwrite_u1", "default": {"account": "dbwrite_a1"}}],
    "QOS": [{"name": "dbwrite_q1", "priority": 3}],
    "wckeys": [{**WCKEY, "user": "dbwrite_u1"}],
    "associations": [
        {"account": "dbwrite_a1", "cluster": "pycluster"},  # "user" missing: reported, no failure
        {"account": "dbwrite_a1", "cluster": "pycluster", "user": "dbwrite_u1",
         "qos": ["dbwrite_q1"], "max": {"jobs": {"total": 9}}},
    ],
}


def test_config_import():
    answers, st = scenario([req("POST", "config", CONFIG),
                            req("GET", "associations?account=dbwrite_a1")])
    assert [a[0] for a in answers] == [200, 200]
    assert st["qos"] and st["accounts"] and st["users"] and st["clusters"] and st["wckeys"]


@pytest.mark.parametrize("broken", [
    {"associations": CONFIG["associations"] + [{"account": "dbwrite_nope", "user": "x",
                                                 "cluster": "pycluster"}]},
    {"QOS": [{"name": "dbwrite_q1"}, {"name": "dbwrite_q2", "priority": {}}]},
    {"users": [{"name": "dbwrite_u1"}, {"default": {}}]},
    {"wckeys": "dbwrite_w1"},
    {"accounts": [{"name": "dbwrite_a1"}, {"description": "x"}]},
])
def test_config_import_is_all_or_nothing(broken):
    before = state()
    _, st = scenario([req("POST", "config", {**CONFIG, **broken})])
    assert st == before


def test_association_modify():
    key = {"account": "dbwrite_acct", "user": "alice", "cluster": "pycluster"}
    answers, st = scenario([
        req("POST", "associations", {"associations": [{
            **key, "max": {"jobs": {"active": 5}, "tres": {"per": {"job": [
                {"type": "cpu", "count": 2}]}}}, "qos": ["normal"], "default": {"qos": "normal"},
            "priority": 7}]}),
        req("GET", "association?account=dbwrite_acct&user=alice&cluster=pycluster"),
        req("POST", "associations", {"associations": [{
            **key, "max": {"jobs": {"active": None}, "tres": {"per": {"job": [
                {"type": "mem", "count": 100}]}}}, "priority": None}]}),
        req("GET", "association?account=dbwrite_acct&user=alice&cluster=pycluster"),
    ], undo=reset_alice)
    assert [a[0] for a in answers] == [200, 200, 200, 200]
    assert answers[1][2]["associations"][0]["max"]["jobs"]["active"] == 5
    assert answers[3][2]["associations"][0]["max"]["tres"]["per"]["job"][0]["type"] == "mem"


@pytest.mark.parametrize("second", [
    {"account": "dbwrite_acct", "user": "alice", "cluster": "pycluster", "qos": ["nosuch"]},
    {"account": "dbwrite_acct", "user": "alice", "cluster": "pycluster", "priority": "x"},
    {"account": "dbwrite_acct", "user": "alice", "cluster": "pycluster", "usage": None},
    {"account": "dbwrite_acct", "user": "alice", "cluster": "pycluster",
     "default": {"qos": "nosuch"}},
    {"account": "dbwrite_nope", "user": "alice", "cluster": "pycluster"},
    "alice",
])
def test_association_modify_rolls_back(second):
    first = {"account": "dbwrite_acct", "user": "alice", "cluster": "pycluster", "priority": 9}
    _, st = scenario([req("POST", "associations", {"associations": [first, second]}),
                      req("POST", "associations", {"associations": [first, second]},
                          user="alice")],
                     undo=reset_alice)
    alice = [a for a in st["assocs"] if "|alice|" in a]
    assert alice and "|9|" not in alice[0]


ACCT = "dbwrite_acct"


@pytest.mark.parametrize("users", [
    # coordinators: only direct ones are added, for any account name; none direct is refused
    [{"name": "dbwrite_u1", "coordinators": [{"name": ACCT, "direct": 1}, {"name": "x"}]}],
    [{"name": "dbwrite_u1", "coordinators": [{"name": "dbwrite_nosuch", "direct": None}]}],
    [{"name": "dbwrite_u1", "coordinators": [{"name": ACCT}]}],
    [{"name": "dbwrite_u1", "coordinators": [{"direct": 1}]}],
    [{"name": "dbwrite_u1", "coordinators": []}],
    [{"name": "dbwrite_u1", "coordinators": [{"name": ACCT, "direct": "1"}]},
     {"name": "dbwrite_u2", "coordinators": [{"name": ACCT, "direct": 0}]}],
    [{"name": "dbwrite_u1", "coordinators": [{"name": ACCT, "direct": True}]}],
    [{"name": "dbwrite_u1", "coordinators": [{"name": ACCT, "direct": 70000}]}],
    [{"name": "dbwrite_u1", "coordinators": [ACCT]}],
    [{"name": "dbwrite_u1", "coordinators": ACCT}],
    # associations go with the user; one slurmdbd refuses fails them all
    [{"name": "dbwrite_u1", "associations": [{"account": ACCT, "cluster": "pycluster",
                                              "user": "dbwrite_u1"}]}],
    [{"name": "dbwrite_u1", "associations": [{"account": ACCT, "cluster": "pycluster",
                                              "user": "dbwrite_u1"},
                                             {"account": "dbwrite_nosuch",
                                              "cluster": "pycluster", "user": "dbwrite_u1"}]}],
    [{"name": "dbwrite_u1", "associations": [{"cluster": "pycluster", "user": "dbwrite_u1"}]}],
    [{"name": "dbwrite_u1", "associations": [ACCT]}],
    # administrator levels: the first letter decides
    [{"name": "dbwrite_u1", "administrator_level": "adm"}],
    [{"name": "dbwrite_u1", "administrator_level": "Nope"}],
    [{"name": "dbwrite_u1", "administrator_level": "operator"}],
    [{"name": "dbwrite_u1", "administrator_level": "x"}],
    [{"name": "dbwrite_u1", "administrator_level": None}],
    [{"name": "dbwrite_u1", "administrator_level": ["Admin"]}],
    # other fields
    [{"name": "dbwrite_u1", "flags": ["DELETED"]}],
    [{"name": "dbwrite_u1", "flags": ["x"]}],
    [{"name": "dbwrite_u1", "default": {"account": [ACCT]}}],
    [{"name": ["dbwrite_u1"]}],
    [{"name": "dbwrite_u1", "default": {"account": ACCT}}, {"default": {"account": ACCT}}],
])
def test_users_post(users):
    """POST users with coordinators, associations and every field's bad forms: the reference's
    answers and state; a failure anywhere leaves nothing behind."""
    answers, st = scenario([req("POST", "users", {"users": users})],
                           undo=lambda: sacctmgr("delete", "user", "dbwrite_u1,dbwrite_u2"))
    if answers[0][0] != 200:
        assert st["users"] == [] and not [a for a in st["assocs"] if "dbwrite_u" in a]


@pytest.mark.parametrize("accounts", [
    [{"name": "dbwrite_a1", "associations": [{"account": "dbwrite_a1", "cluster": "pycluster"}]}],
    [{"name": "dbwrite_a1", "associations": [{"account": "dbwrite_a1", "cluster": "pycluster",
                                              "user": "alice"}]}],
    [{"name": "dbwrite_a1", "coordinators": [{"name": "alice", "direct": 1}]}],
    [{"name": "dbwrite_a1", "coordinators": "alice"}],
    [{"name": "dbwrite_a1", "description": 5, "organization": None, "flags": ["DELETED"]}],
    [{"name": "dbwrite_a1", "description": ["x"]}],
    [{"name": {"a": 1}}],
    [{"description": "no name"}],
    [{"name": "dbwrite_a1"}, {"name": "dbwrite_a2", "flags": "DELETED"}],
])
def test_accounts_post(accounts):
    answers, st = scenario([req("POST", "accounts", {"accounts": accounts})],
                           undo=lambda: sacctmgr("delete", "account", "dbwrite_a1,dbwrite_a2"))
    if answers[0][0] != 200:
        assert not [a for a in st["accounts"] if a.startswith(("dbwrite_a1|", "dbwrite_a2|"))]


@pytest.mark.parametrize("path", ["qos", "wckeys", "clusters", "config", "associations"])
def test_document_that_is_not_a_dictionary(path):
    scenario([req("POST", path, "[1, 2]", headers={"Content-Type": "application/json"}),
              req("POST", path, "- 1", headers={"Content-Type": "application/x-yaml"})])


@pytest.mark.parametrize("path", ["qos", "wckeys", "clusters", "config", "associations"])
@pytest.mark.parametrize("body, media", [("{not json", "application/json"),
                                         ("QOS: [", "application/x-yaml")])
def test_unparseable_document(path, body, media):
    """Deliberate difference (project rule: errors in the API's format): the reference answers a
    text/plain "Unable to parse query." 400 to broken JSON; nothing is written by either."""
    before = state()
    r = reference("POST", DB + path, body, {"Content-Type": media}, user=ADMIN)
    o = ours("POST", DB + path, body, {"Content-Type": media}, user=ADMIN)
    # broken YAML: the reference goes on with what its parser had built ({"QOS": []}), with
    # answers that vary by path; broken JSON: 400 as ours
    assert o[0] == 400 and (r[0] == 400 or media != "application/json")
    assert o[2]["errors"][0]["error_number"] == 9001
    assert state() == before
