"""slurmdb clusters/, cluster/{name}, wckeys/, wckey/{id}, ping/, instances/ and instance/ in the
parser versions (the dbv0.0.4x plugins), against the release's reference, field for field, as a
plain user (alice) and as a slurmdbd administrator (the reference refuses to run as root: a user
made for the test, `dbcadmin`, with AdminLevel=Administrator in testacct, removed afterwards).

wckeys?only_defaults=yes is not compared: the 24.11 reference dies on it (no answer).

Writes: DELETE of a cluster or wckey that does not exist (nothing to roll back) and of a wckey
made for the test (dbc-wckey, by sacctmgr), checked with sacctmgr afterwards."""
import subprocess

import pytest

from db_admin import administrator
from parsed import VERSIONS, assert_same, ours, served

ADMIN = "dbcadmin"
# A live number: microseconds the ping took
PING = {"$.pings[].latency"}
USERS = ("alice", ADMIN)


@pytest.fixture(scope="module")
def admin():
    with administrator(ADMIN) as name:
        yield name


def _sacctmgr(*args):
    return subprocess.run(["sacctmgr", "-i", "-n", "-P", *args], capture_output=True, text=True)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("query", ["", "?with_deleted=true", "?cluster=nope", "?cluster=pycluster",
                                   "?with_usage=1"])
def test_clusters(version, user, query, admin):
    served(version)
    doc = assert_same("GET", f"/slurmdb/{version}/clusters/{query}", user=user)
    if not query:
        assert doc["clusters"] and doc["clusters"][0]["tres"]


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", ["pycluster", "nope", "dbc-nothing"])
def test_cluster(version, user, name, admin):
    served(version)
    assert_same("GET", f"/slurmdb/{version}/cluster/{name}", user=user)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("version", VERSIONS)
def test_delete_missing_cluster(version, user, admin):
    served(version)
    assert_same("DELETE", f"/slurmdb/{version}/cluster/dbc-nothing", user=user)


def _wckeys():
    return _sacctmgr("list", "wckeys", "format=wckey").stdout.split()


@pytest.fixture
def wckey(admin):
    """A wckey of alice on the cluster (TrackWCKey or not, slurmdbd keeps it); sacctmgr cannot
    delete wckeys: our DELETE removes it again (test_delete_wckey_commits checks that it does)."""
    _sacctmgr("add", "user", "alice", "wckey=dbc-wckey")
    assert "dbc-wckey" in _wckeys()
    yield "dbc-wckey"
    if "dbc-wckey" in _wckeys():
        ours("DELETE", "/slurmdb/v0.0.42/wckey/dbc-wckey", user=ADMIN)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("query", ["", "?with_deleted=true", "?name=dbc-wckey", "?user=alice",
                                   "?with_usage=true", "?name=nope"])
def test_wckeys(version, user, query, wckey):
    served(version)
    assert_same("GET", f"/slurmdb/{version}/wckeys/{query}", user=user)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", ["dbc-wckey", "nope"])
def test_wckey(version, user, name, wckey):
    served(version)
    assert_same("GET", f"/slurmdb/{version}/wckey/{name}", user=user)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("version", VERSIONS)
def test_delete_missing_wckey(version, user, admin):
    served(version)
    assert_same("DELETE", f"/slurmdb/{version}/wckey/dbc-nothing", user=user)


@pytest.mark.parametrize("who", ["reference", "ours"])
def test_delete_wckey_commits(who, wckey):
    """The administrator's DELETE removes the wckey for good (it committed): sacctmgr sees it go."""
    from reference import reference

    version = "v0.0.42"
    if who == "reference":
        served(version)
    ask = reference if who == "reference" else (lambda *a, **kw: ours(*a, **kw))
    assert "dbc-wckey" in _wckeys()
    status, _, doc = ask("DELETE", f"/slurmdb/{version}/wckey/{wckey}", user=ADMIN)
    assert status == 200, doc
    assert doc["deleted_wckeys"], doc
    assert "dbc-wckey" not in _wckeys()


@pytest.mark.parametrize("user", USERS)
def test_ping(user, admin):
    served("v0.0.42")
    doc = assert_same("GET", "/slurmdb/v0.0.42/ping/", user=user, ignore=PING)
    assert doc["pings"][0]["responding"]


@pytest.mark.parametrize("version", ("v0.0.40", "v0.0.41"))
def test_no_ping_before_v0_0_42(version):
    assert ours("GET", f"/slurmdb/{version}/ping/")[0] == 404


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", ["instances/", "instance/", "instances/?cluster=pycluster&instance_type=x"])
def test_instances(version, user, path, admin):
    """None recorded: the reference then leaves out `instances`, which its schema requires; ours
    carries an empty list (a repair, README)."""
    served(version)
    doc = assert_same("GET", f"/slurmdb/{version}/{path}", user=user, repaired=("instances",))
    assert doc["instances"] == []


@pytest.mark.parametrize("version", VERSIONS)
def test_same_facts_as_dbv0_0_38(version):
    """Our v0.0.4x clusters and wckeys say what our v0.0.38 says of them (22.05: no reference)."""
    status, _, old = ours("GET", "/slurmdb/v0.0.38/clusters")
    assert status == 200, old
    status, _, new = ours("GET", f"/slurmdb/{version}/clusters/")
    assert status == 200, new
    facts = lambda c: (c["name"], c["nodes"], c["controller"]["host"], c["controller"]["port"],  # noqa: E731
                       c["rpc_version"], [(t["type"], t["id"], t["count"]) for t in c["tres"]])
    assert [facts(c) for c in old["clusters"]] == [facts(c) for c in new["clusters"]]
    status, _, doc = ours("GET", f"/slurmdb/{version}/instances/")
    assert status == 200 and doc["instances"] == [], doc


@pytest.fixture
def qos(admin):
    """A QOS with limits, TRES limits and a preemptee, made by sacctmgr and removed again."""
    _sacctmgr("add", "qos", "dbc-qos2")
    _sacctmgr("add", "qos", "dbc-qos", "maxjobsperuser=3", "grptres=cpu=4,mem=100", "maxwall=60",
              "preempt=dbc-qos2", "flags=DenyOnLimit,NoDecay", "priority=7", "usagefactor=2.5",
              "description=dbcluster test")
    yield "dbc-qos"
    _sacctmgr("delete", "qos", "dbc-qos")
    _sacctmgr("delete", "qos", "dbc-qos2")


def _qos_names():
    return _sacctmgr("show", "qos", "format=name").stdout.split()


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", ["qos/", "qos/dbc-qos", "qos/nope", "qos/dbc-qos?with_deleted=true",
                                  "qos/?with_deleted=true"])
def test_qos(version, user, path, qos):
    served(version)
    assert_same("GET", f"/slurmdb/{version}/{path}", user=user)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("version", VERSIONS)
def test_delete_missing_qos(version, user, admin):
    served(version)
    assert_same("DELETE", f"/slurmdb/{version}/qos/dbc-nothing", user=user)


@pytest.mark.parametrize("who", ["reference", "ours"])
def test_delete_qos_commits(who, qos):
    """The administrator's DELETE removes the QOS for good (it committed): sacctmgr sees it go."""
    from reference import reference

    version = "v0.0.42"
    if who == "reference":
        served(version)
    ask = reference if who == "reference" else (lambda *a, **kw: ours(*a, **kw))
    assert "dbc-qos2" in _qos_names()
    status, _, doc = ask("DELETE", f"/slurmdb/{version}/qos/dbc-qos2", user=ADMIN)
    assert status == 200, doc
    assert doc["removed_qos"] == ["dbc-qos2"], doc
    assert "dbc-qos2" not in _qos_names()


# slurmdbd's live counters: every request (ours and the reference's) changes them
STATS = {"$.statistics.RPCs", "$.statistics.users", "$.statistics.rollups"}


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("version", VERSIONS)
def test_diag(version, user, admin):
    """alice may not (an error beside an empty `statistics`); the administrator's statistics are
    compared but for the counters, which move with every request."""
    served(version)
    from reference import reference

    doc = assert_same("GET", f"/slurmdb/{version}/diag/", user=user, ignore=STATS)
    if user == ADMIN:
        theirs = reference("GET", f"/slurmdb/{version}/diag/", user=user)[2]["statistics"]
        doc = ours("GET", f"/slurmdb/{version}/diag/", user=user)[2]["statistics"]
        # asked after the reference: every kind of RPC it counted, ours counts, by the same name
        assert {r["rpc"] for r in theirs["RPCs"]} <= {r["rpc"] for r in doc["RPCs"]}
        assert {u["user"] for u in theirs["users"]} <= {u["user"] for u in doc["users"]}
        assert theirs["rollups"] == doc["rollups"] or version == "v0.0.40"  # v0.0.40: a list


def _delete_wckeys(*names):
    for name in names:
        if name in _wckeys():
            ours("DELETE", f"/slurmdb/v0.0.42/wckey/{name}", user=ADMIN)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("version", VERSIONS)
def test_post_wckeys(version, user, admin):
    """Two wckeys in one POST, added together and committed (sacctmgr lists both); as alice,
    refused and nothing added. Ours and the reference's writes are checked one after the other."""
    from reference import reference

    served(version)
    body = {"wckeys": [{"name": "dbc-w1", "cluster": "pycluster", "user": "alice"},
                       {"name": "dbc-w2", "cluster": "pycluster", "user": "alice", "flags": []}]}
    try:
        answers = []
        for ask in (reference, ours):
            _delete_wckeys("dbc-w1", "dbc-w2")
            status, _, doc = ask("POST", f"/slurmdb/{version}/wckeys/", body, user=user)
            answers.append((status, doc.get("errors"), doc.get("warnings"), {"dbc-w1", "dbc-w2"} & set(_wckeys())))
        assert _addresses_alike(answers[0]) == _addresses_alike(answers[1])
        assert answers[1][3] == ({"dbc-w1", "dbc-w2"} if user == ADMIN else set())
    finally:
        _delete_wckeys("dbc-w1", "dbc-w2")


def _addresses_alike(answer):
    import re

    return re.sub(r"\(0x[0-9a-f]+\)", "(0x)", repr(answer))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", [{"wckeys": [{"name": "dbc-w3", "cluster": "pycluster", "user": "alice"},
                                              {"name": "dbc-w4", "cluster": "pycluster", "user": "alice",
                                               "flags": ["BOGUS"]}]},
                                  {"wckeys": []}, {}])
def test_post_wckeys_bad_or_empty(version, body, admin):
    """One bad item (an unknown flag) refuses the whole POST: nothing is added (sacctmgr); an
    empty one is a warning."""
    served(version)
    try:
        assert_same("POST", f"/slurmdb/{version}/wckeys/", body, user=ADMIN)
        assert not {"dbc-w3", "dbc-w4"} & set(_wckeys())
    finally:
        _delete_wckeys("dbc-w3", "dbc-w4")
