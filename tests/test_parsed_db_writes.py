"""slurmdb writes in the parser versions (v0.0.40 on): POST accounts/, against the release's
reference, as an Administrator (dbwadm, made by tests/db_admin.py) and as a plain user (alice).

Each write is done twice on objects made afresh (names prefixed dbw_): once by the reference, once by
us, with what slurmdbd holds afterwards read back by sacctmgr (and by our GET) and compared, and
undone in between and after. Writes that commit, writes that roll back when one item fails in
slurmdbd (nothing stays), and malformed or wrongly typed bodies (nothing is written)."""
import os
import re
import subprocess

import pytest

from compare import differences
from db_admin import administrator
from parsed import IGNORE, VERSIONS, order_differences, ours, reference_serves, served
from reference import reference

ADMIN = "dbwadm"
ACCOUNTS = ("dbw_a1", "dbw_a2", "dbw_a3", "dbw_m")
USERS = ("dbw_u1", "dbw_u2", "dbw_u3", "dbw_um", "dbw_un")
CLUSTERS = ("dbw_c1", "dbw_c2")
QOS = ("dbw_q1", "dbw_q2")


def sacctmgr(*args):
    return subprocess.run(["sacctmgr", "-i", *args], capture_output=True, text=True, env={**os.environ})


def _cleanup():
    sacctmgr("delete", "user", ",".join(USERS))
    sacctmgr("delete", "account", ",".join(ACCOUNTS))
    sacctmgr("delete", "qos", ",".join(QOS))
    if _state_clusters():
        sacctmgr("delete", "cluster", ",".join(CLUSTERS))


def _state_clusters():
    out = sacctmgr("show", "cluster", ",".join(CLUSTERS), "format=cluster,controlhost,controlport,rpc,flags",
                   "-P", "-n").stdout
    return sorted(line for line in out.splitlines() if line.strip())


def _state():
    """What slurmdbd holds of our accounts (name, description, organization, coordinators) and users
    (name, default account and wckey, admin level, wckeys)."""
    out = sacctmgr("show", "account", ",".join(ACCOUNTS), "withcoord", "format=account,descr,org,coord",
                   "-P", "-n").stdout
    out += sacctmgr("show", "user", ",".join(USERS), "withwckeys", "format=user,defaultaccount,defaultwckey,admin,wckey",
                    "-P", "-n").stdout
    out += sacctmgr("show", "assoc", "account=" + ",".join(ACCOUNTS), "format=account,user,partition,share,priority,"
                    "grpjobs,grptres,maxtres,maxtresmins,maxjobs,maxsubmit,maxwall,qos,defaultqos,parentname", "-P", "-n").stdout
    out += sacctmgr("show", "qos", ",".join(QOS), "format=name,descr,priority,flags,grptres,maxtrespj,maxwall,"
                    "preempt,preemptmode,usagefactor,usagethres,limitfactor,maxjobspu", "-P", "-n").stdout
    return sorted(line for line in out.splitlines() if line.strip()) + _state_clusters()


@pytest.fixture(scope="module")
def admin():
    _cleanup()
    with administrator(ADMIN) as name:
        try:
            yield name
        finally:
            _cleanup()


def _addresses(doc):
    if not isinstance(doc, dict):
        return doc
    out = dict(doc)
    for key in ("errors", "warnings"):
        if isinstance(out.get(key), list):
            out[key] = [{**e, "description": re.sub(r"\(0x[0-9a-f]+\)", "(0x)", e["description"])}
                        for e in out[key]]
    return out


def same_write(path, body, user, setup=None):
    """The reference's write and ours, each on fresh objects: same status and document, and the same
    state of slurmdbd afterwards. Returns (our document, the state)."""
    states, answers = [], []
    for ask in (reference, ours):
        _cleanup()
        if setup:
            setup()
        answers.append(ask("POST", path, body, user=user))
        states.append(_state())
    _cleanup()
    (rs, _, rd), (os_, _, od) = answers
    rd, od = _addresses(rd), _addresses(od)
    diff = [f"status {rs} != {os_}"] if rs != os_ else []
    diff += differences(rd, od, IGNORE) + order_differences(rd, od)
    assert not diff, f"POST {path} {body}:\n" + "\n".join(diff[:40])
    assert states[0] == states[1], states
    return od, states[1]


def _account(name, **kw):
    return {"name": name, "description": f"{name} test", "organization": "dbw", **kw}


def _made():
    sacctmgr("add", "account", "dbw_m", "description=before", "organization=dbw")


@pytest.mark.parametrize("version", VERSIONS)
def test_post_accounts_commits(version, admin):
    served(version)
    path = f"/slurmdb/{version}/accounts/"
    doc, state = same_write(path, {"accounts": [_account("dbw_a1"), _account("dbw_a2")]}, ADMIN)
    assert state == ["dbw_a1|dbw_a1 test|dbw|", "dbw_a2|dbw_a2 test|dbw|"] and not doc["errors"], (state, doc)
    # a coordinator with the account (slurmdbd takes one who is no user as well)
    doc, state = same_write(path, {"accounts": [_account("dbw_a1", coordinators=[{"name": "alice"}]),
                                                _account("dbw_a2", coordinators=[{"name": "dbw_nobody"}])]}, ADMIN)
    assert state == ["dbw_a1|dbw_a1 test|dbw|alice", "dbw_a2|dbw_a2 test|dbw|"], state
    # an account that exists is modified
    doc, state = same_write(path, {"accounts": [_account("dbw_m", description="after")]}, ADMIN, setup=_made)
    assert state[0] == "dbw_m|after|dbw|", state


@pytest.mark.parametrize("version", VERSIONS)
def test_post_accounts_reads_back(version, admin):
    """What we wrote reads back as the reference's GET reads it."""
    served(version)
    _cleanup()
    try:
        status, _, doc = ours("POST", f"/slurmdb/{version}/accounts/", {"accounts": [_account("dbw_a1")]},
                              user=ADMIN)
        assert status == 200, doc
        ref = reference("GET", f"/slurmdb/{version}/account/dbw_a1", user=ADMIN)[2]
        mine = ours("GET", f"/slurmdb/{version}/account/dbw_a1", user=ADMIN)[2]
        assert ref["accounts"] == mine["accounts"] and [a["name"] for a in mine["accounts"]] == ["dbw_a1"]
    finally:
        _cleanup()


@pytest.mark.parametrize("version", VERSIONS)
def test_post_accounts_rolls_back(version, admin):
    """One item slurmdbd refuses (an empty name) undoes the items before it, and the rest are not tried."""
    served(version)
    body = {"accounts": [_account("dbw_a1"), _account("dbw_a2"), _account(""), _account("dbw_a3")]}
    doc, state = same_write(f"/slurmdb/{version}/accounts/", body, ADMIN)
    assert state == [] and doc["errors"], (state, doc)


@pytest.mark.parametrize("version", VERSIONS)
def test_post_accounts_plain_user(version, admin):
    served(version)
    doc, state = same_write(f"/slurmdb/{version}/accounts/", {"accounts": [_account("dbw_a1")]}, "alice")
    assert state == [] and doc["errors"], (state, doc)


def _user_made():
    sacctmgr("add", "user", "dbw_um", "account=testacct")


@pytest.mark.parametrize("version", VERSIONS)
def test_post_users_commits(version, admin):
    served(version)
    path = f"/slurmdb/{version}/users/"
    doc, state = same_write(path, {"users": [{"name": "dbw_u1"}, {"name": "dbw_u2", "administrator_level": ["Operator"],
                                                                  "default": {"wckey": "dbw_k"}}]}, ADMIN)
    assert not doc["errors"], doc
    # associations and coordinators given are ignored (warnings), the DELETED flag too
    doc, state = same_write(path, {"users": [{"name": "dbw_u1", "associations": [{"user": "dbw_u1", "account": "testacct"}],
                                              "coordinators": [{"name": "testacct"}], "flags": ["DELETED"]}]}, ADMIN)
    assert len(doc["warnings"]) == 3, doc
    # a user that exists is modified; renamed
    same_write(path, {"users": [{"name": "dbw_um", "administrator_level": "Operator"}]}, ADMIN, setup=_user_made)
    same_write(path, {"users": [{"name": "dbw_un", "old_name": "dbw_um"}]}, ADMIN, setup=_user_made)
    same_write(path, {"users": [{"name": "dbw_un", "old_name": "dbw_u3"}]}, ADMIN)
    same_write(path, {"users": [{"name": "dbw_um", "old_name": "dbw_um"}]}, ADMIN, setup=_user_made)


@pytest.mark.parametrize("version", VERSIONS)
def test_post_users_rolls_back(version, admin):
    served(version)
    body = {"users": [{"name": "dbw_u1"}, {"name": "dbw_u2"}, {"name": ""}, {"name": "dbw_u3"}]}
    doc, state = same_write(f"/slurmdb/{version}/users/", body, ADMIN)
    assert doc["errors"], (state, doc)
    body = {"users": [{"name": "dbw_u1"}, {"name": "dbw_u2", "old_name": "dbw_nobody"}]}
    doc, state = same_write(f"/slurmdb/{version}/users/", body, ADMIN)
    assert state == [] and doc["errors"], (state, doc)


@pytest.mark.parametrize("version", VERSIONS)
def test_post_users_plain_user(version, admin):
    served(version)
    doc, state = same_write(f"/slurmdb/{version}/users/", {"users": [{"name": "dbw_u1"}]}, "alice")
    assert state == [] and doc["errors"], (state, doc)


BAD_USER_BODIES = (
    None, [], {}, {"users": 5}, {"users": [None]}, {"users": [{"default": {"account": "x"}}]},
    {"users": [{"name": "dbw_u1", "administrator_level": "Boss"}]},
    {"users": [{"name": "dbw_u1", "administrator_level": ["None", "Operator"]}]},
    {"users": [{"name": "dbw_u1", "default": "x"}]},
    {"users": [{"name": "dbw_u1", "default": {"account": 5, "bogus": 1}, "x": None}]},
    {"users": [{"name": "dbw_u1", "wckeys": [{"name": "k", "user": "dbw_u1", "cluster": "pycluster"}]}]},
    {"users": [{"name": "dbw_u1", "flags": "NONE"}]},
)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", BAD_USER_BODIES, ids=range(len(BAD_USER_BODIES)))
def test_post_users_malformed(version, body, admin):
    served(version)
    same_write(f"/slurmdb/{version}/users/", body, ADMIN)


@pytest.mark.parametrize("version", VERSIONS)
def test_post_clusters(version, admin):
    served(version)
    path = f"/slurmdb/{version}/clusters/"
    # v0.0.45 no longer has select_plugin (the reference warns of it as unknown); our cluster table
    # still lists it there: issue 16
    gone = {} if version == "v0.0.45" else {"select_plugin": "x"}
    doc, state = same_write(path, {"clusters": [{"name": "dbw_c1"}, {"name": "dbw_c2", "flags": ["EXTERNAL"], **gone}]},
                            ADMIN)
    assert not doc["errors"] and state, (state, doc)
    for body in ({"clusters": [{"name": "dbw_c1"}, {"name": ""}]}, None, {"clusters": [{"name": "dbw_c1", "flags": "x"}]},
                 {"clusters": [{"name": "dbw_c1", "controller": {"host": "h", "port": "x"}}]},
                 {"clusters": [{"name": "dbw_c1", "rpc_version": "9", "bogus": {}}]}):
        same_write(path, body, ADMIN)
    doc, state = same_write(path, {"clusters": [{"name": "dbw_c1"}]}, "alice")
    assert not state and doc["errors"], (state, doc)


def _qos_made():
    sacctmgr("add", "qos", "dbw_q1", "description=before", "priority=3", "preempt=normal", "MaxTRESPerJob=cpu=1")


QOS_FULL = {"name": "dbw_q1", "description": "dbw q", "priority": {"set": True, "number": 5}, "flags": ["NO_DECAY"],
            "limits": {"max": {"tres": {"per": {"job": [{"type": "cpu", "count": 2}, {"type": "mem", "count": 100}]},
                                        "total": [{"type": "cpu", "id": 1, "count": 8}]},
                               "wall_clock": {"per": {"job": {"set": True, "number": 30}}},
                               "jobs": {"active_jobs": {"per": {"user": 4}}}},
                       "factor": {"set": True, "infinite": False, "number": 0.5}},
            "preempt": {"list": ["normal"], "mode": ["REQUEUE"]}, "usage_factor": 1.5,
            "usage_threshold": {"set": False, "infinite": False, "number": 0.0}}


@pytest.mark.parametrize("version", VERSIONS)
def test_post_qos(version, admin):
    served(version)
    path = f"/slurmdb/{version}/qos/"
    doc, state = same_write(path, {"qos": [QOS_FULL, {"name": "dbw_q2", "priority": 7, "usage_factor": "2.5"}]}, ADMIN)
    assert not doc["errors"] and len(state) == 2, (state, doc)
    # an existing QOS is modified, found by name; emptied TRES and preemption lists
    for change in ({"description": "after", "priority": {"set": False}},
                   {"preempt": {"list": []}, "limits": {"max": {"tres": {"per": {"job": []}}}}},
                   {"flags": ["NOT_SET"], "usage_factor": None}):
        same_write(path, {"qos": [{"name": "dbw_q1", **change}]}, ADMIN, setup=_qos_made)
    # rolled back: a QOS of an id that is none, a QOS without a name, an unknown preemption QOS
    for bad in ({"id": 99999}, {"description": "nameless"}, {"name": "dbw_q2", "preempt": {"list": ["nonesuch"]}},
                {"name": "dbw_q2", "preempt": {"list": ["99999"]}}):
        doc, state = same_write(path, {"qos": [{"name": "dbw_q1"}, bad]}, ADMIN)
        assert not state and doc["errors"], (bad, state, doc)
    doc, state = same_write(path, {"qos": [{"name": "dbw_q1"}]}, "alice")
    assert not state and doc["errors"], (state, doc)


BAD_QOS_BODIES = (
    None, {}, {"qos": None}, {"qos": []}, {"qos": {}}, {"qos": [5]}, {"qos": [{}]},
    {"qos": [{"name": "dbw_q1", "priority": "x"}]},
    {"qos": [{"name": "dbw_q1", "priority": {"set": "maybe"}}]},
    {"qos": [{"name": "dbw_q1", "usage_factor": "abc"}]},
    {"qos": [{"name": "dbw_q1", "usage_factor": True}]},
    {"qos": [{"name": "dbw_q1", "usage_factor": {"set": True, "number": "2.5", "x": 1}}]},
    {"qos": [{"name": "dbw_q1", "flags": "NOPE"}]},
    {"qos": [{"name": "dbw_q1", "flags": ["ADD", "DENY_LIMIT"]}]},
    {"qos": [{"name": "dbw_q1", "preempt": {"mode": ["SUSPEND", "GANG"], "exempt_time": 10}}]},
    {"qos": [{"name": "dbw_q1", "preempt": {"list": "normal"}}]},
    {"qos": [{"name": "dbw_q1", "limits": {"max": {"tres": {"total": {"type": "cpu"}}}}}]},
    {"qos": [{"name": "dbw_q1", "limits": {"max": {"tres": {"total": [{"count": 3}]}}}}]},
    {"qos": [{"name": "dbw_q1", "limits": {"max": {"tres": {"total": [{"type": "gres", "name": "gpu", "count": 1}]}}}}]},
    {"qos": [{"name": "dbw_q1", "limits": {"grace_time": "5", "bogus": 1, "max": {"nope": {"x": 2}}}}]},
)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", BAD_QOS_BODIES, ids=range(len(BAD_QOS_BODIES)))
def test_post_qos_malformed(version, body, admin):
    served(version)
    same_write(f"/slurmdb/{version}/qos/", body, ADMIN)


def _cluster():
    out = subprocess.run(["scontrol", "show", "config"], capture_output=True, text=True).stdout
    return next(line.split("=", 1)[1].strip() for line in out.splitlines() if line.startswith("ClusterName"))


def _assoc_made():
    sacctmgr("add", "account", "dbw_a1", "description=a", "organization=dbw")
    sacctmgr("add", "account", "dbw_a2", "description=a", "organization=dbw", "parent=dbw_a1")
    sacctmgr("add", "user", "dbw_u1", "account=dbw_a1", "MaxTRES=cpu=2,mem=100", "GrpJobs=5", "QOS=normal")
    sacctmgr("add", "user", "dbw_u2", "account=dbw_a2")


@pytest.mark.parametrize("version", VERSIONS)
def test_post_associations(version, admin):
    served(version)
    path = f"/slurmdb/{version}/associations/"
    cluster = _cluster()

    def one(**kw):
        return {"account": "dbw_a1", "cluster": cluster, "user": "dbw_u1", **kw}
    # modified: limits, TRES replaced, QOS and default QOS
    doc, state = same_write(path, {"associations": [one(
        priority=7, shares_raw=3, max={"jobs": {"active": 4, "total": {"set": True, "number": 9}},
                                       "tres": {"per": {"job": [{"type": "cpu", "count": 4}]}}},
        qos=["normal"], default={"qos": "normal"})]}, ADMIN, setup=_assoc_made)
    assert not doc["errors"], doc
    same_write(path, {"associations": [one(max={"tres": {"per": {"job": []}}})]}, ADMIN, setup=_assoc_made)
    same_write(path, {"associations": [one(parent_account="dbw_a2", is_default=False, comment="c")]}, ADMIN,
               setup=_assoc_made)
    # added: a user's association in a second account (and one of an account without a user)
    doc, state = same_write(path, {"associations": [
        {"account": "dbw_a2", "cluster": cluster, "user": "dbw_u1", "max": {"jobs": {"active": 2}}},
        {"account": "dbw_a3", "cluster": cluster, "user": ""}]}, ADMIN, setup=_assoc_made)
    # an account or cluster that is none: slurmdbd adds nothing and says nothing
    same_write(path, {"associations": [one(priority=9), {"account": "dbw_nonesuch", "cluster": cluster,
                                                         "user": "dbw_u1"}]}, ADMIN, setup=_assoc_made)
    same_write(path, {"associations": [one(priority=9), one(cluster="dbw_nocluster")]}, ADMIN, setup=_assoc_made)
    # rolled back: the second is ambiguous (no cluster: every cluster's), the first is undone
    doc, state = same_write(path, {"associations": [one(priority=9), {"account": "dbw_a1", "user": "dbw_u1"}]}, ADMIN,
                            setup=_assoc_made)
    doc, state = same_write(path, {"associations": [one(priority=9)]}, "alice", setup=_assoc_made)
    assert doc["errors"], doc


BAD_ASSOC_BODIES = (
    None, {}, {"associations": 5}, {"associations": [{}]}, {"associations": [{"user": "dbw_u1"}, {}]}, {"associations": [{"user": 5, "account": ["x"]}]},
    {"associations": [{"user": "dbw_u1", "account": "dbw_a1", "qos": ["nonesuch"]}]},
    {"associations": [{"user": "dbw_u1", "account": "dbw_a1", "default": {"qos": "nonesuch"}}]},
    {"associations": [{"user": "dbw_u1", "account": "dbw_a1", "default": "normal"}]},
    {"associations": [{"user": "dbw_u1", "account": "dbw_a1", "flags": ["Exact", "bogus"]}]},
    {"associations": [{"user": "dbw_u1", "account": "dbw_a1", "max": {"tres": {"total": "cpu=1"}}}]},
    {"associations": [{"user": "dbw_u1", "account": "dbw_a1", "priority": "high", "x": {"y": 1}}]},
)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", BAD_ASSOC_BODIES, ids=range(len(BAD_ASSOC_BODIES)))
def test_post_associations_malformed(version, body, admin):
    served(version)
    same_write(f"/slurmdb/{version}/associations/", body, ADMIN, setup=_assoc_made)


@pytest.mark.parametrize("version", VERSIONS)
def test_post_accounts_association(version, admin):
    served(version)
    path = f"/slurmdb/{version}/accounts_association/"
    cluster = _cluster()
    body = {"association_condition": {"accounts": ["dbw_a1", "dbw_a2"], "clusters": [cluster],
                                      "association": {"maxjobs": 3, "qoslevel": ["normal"], "fairshare": 4,
                                                      "grptres": [{"type": "cpu", "count": 8}], "defaultqos": "normal"}},
            "account": {"description": "dbw d", "organization": "dbw o"}}
    doc, state = same_write(path, body, ADMIN)
    assert not doc["errors"] and len(state) == 4, (state, doc)
    same_write(path, {"association_condition": {"accounts": "dbw_a1,dbw_a2"}, "account": {"description": "d"}}, ADMIN)
    doc, state = same_write(path, body, "alice")
    assert not state and doc["errors"], (state, doc)
    for bad in ({"association_condition": {"accounts": []}}, {"association_condition": {}},
                {"association_condition": {"accounts": ["dbw_a1"], "association": {"qoslevel": ["nonesuch"]}}},
                {"association_condition": {"accounts": ["dbw_a1"], "clusters": ["dbw_nocluster"]}},
                {"association_condition": {"accounts": ["dbw_a1"], "bogus": 1}, "account": {"name": "x"}}):
        same_write(path, bad, ADMIN)


@pytest.mark.parametrize("version", VERSIONS)
def test_post_users_association(version, admin):
    served(version)
    path = f"/slurmdb/{version}/users_association/"

    def made():
        sacctmgr("add", "account", "dbw_a1", "description=a", "organization=dbw")
    body = {"association_condition": {"users": ["dbw_u1", "dbw_u2"], "accounts": ["dbw_a1"],
                                      "association": {"grpjobs": 2, "maxtresperjob": [{"type": "cpu", "count": 1}]}},
            "user": {"adminlevel": ["Operator"], "defaultaccount": "dbw_a1"}}
    doc, state = same_write(path, body, ADMIN, setup=made)
    assert not doc["errors"] and len(state) == 6, (state, doc)
    same_write(path, {"association_condition": {"users": "dbw_u1"}, "user": {"defaultaccount": "dbw_a1"}}, ADMIN,
               setup=made)
    doc, state = same_write(path, body, "alice", setup=made)
    assert doc["errors"], (state, doc)
    for bad in ({"association_condition": {"users": ["dbw_u1"]}, "user": {}},
                {"association_condition": {"users": ["dbw_u1"], "accounts": ["dbw_nonesuch"]}, "user": {}},
                {"association_condition": {"users": ["dbw_u1"], "accounts": ["dbw_a1"]}},
                {"association_condition": {"accounts": ["dbw_a1"]}, "user": {}},
                {"association_condition": {"users": ["dbw_u1"], "accounts": ["dbw_a1"]},
                 "user": {"adminlevel": "Boss", "x": 1}}):
        same_write(path, bad, ADMIN, setup=made)


BAD_BODIES = (
    None, [], {}, {"accounts": 5}, {"accounts": True}, {"accounts": [{}]}, {"accounts": None}, {"accounts": {}}, {"accounts": "dbw_a1"}, {"accounts": [5]},
    {"accounts": [{"name": "dbw_a1"}]},
    {"accounts": [_account("dbw_a1"), {"name": "dbw_a2", "organization": "o"}]},
    {"accounts": [_account("dbw_a1", bogus=1, more={"x": [1]})], "other": True},
    {"accounts": [_account("dbw_a1", flags=["nonesuch"])]},
    {"accounts": [_account("dbw_a1", flags="DELETED")]},
    {"accounts": [_account("dbw_a1", flags={"a": 1})]},
    {"accounts": [_account("dbw_a1", flags=[5, None])]},
    {"accounts": [{"name": 5, "description": True, "organization": 1.5}]},
    {"accounts": [_account("dbw_a1", coordinators="alice")]},
    {"accounts": [_account("dbw_a1", coordinators=[{"direct": True}])]},
    {"accounts": [_account("dbw_a1", associations=[{"user": "alice", "cluster": "x"}])]},
    {"accounts": [{"name": {"x": 1}, "description": "d", "organization": "o"}]},
)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", BAD_BODIES, ids=range(len(BAD_BODIES)))
def test_post_accounts_malformed(version, body, admin):
    served(version)
    same_write(f"/slurmdb/{version}/accounts/", body, ADMIN)


@pytest.mark.parametrize("version", VERSIONS)
def test_post_accounts_same_facts_as_dbv0_0_38(version, admin):
    """(22.05: no reference) Our v0.0.4x POST adds what our v0.0.38 POST adds."""
    if reference_serves(version):
        pytest.skip("compared with the reference")
    states = []
    for path in ("/slurmdb/v0.0.38/accounts", f"/slurmdb/{version}/accounts/"):
        _cleanup()
        status, _, doc = ours("POST", path, {"accounts": [_account("dbw_a1")]}, user=ADMIN)
        assert status == 200, doc
        states.append(_state())
    _cleanup()
    assert states[0] == states[1] == ["dbw_a1|dbw_a1 test|dbw|"], states


@pytest.mark.parametrize("version", VERSIONS)
def test_post_users_same_facts_as_dbv0_0_38(version, admin):
    """(22.05: no reference) Our v0.0.4x POST users adds what our v0.0.38 POST adds."""
    if reference_serves(version):
        pytest.skip("compared with the reference")
    states = []
    for path, level in (("/slurmdb/v0.0.38/users", "Operator"), (f"/slurmdb/{version}/users/", ["Operator"])):
        _cleanup()
        status, _, doc = ours("POST", path, {"users": [{"name": "dbw_u1", "administrator_level": level}]}, user=ADMIN)
        assert status == 200, doc
        states.append(_state())
    _cleanup()
    assert states[0] == states[1] == ["dbw_u1|||Operator|"], states
