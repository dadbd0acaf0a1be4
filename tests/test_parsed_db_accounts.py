"""slurmdb accounts and users in the parser versions (v0.0.40-42), against the release's reference:
every query parameter each version takes, as a plain user (alice)."""
import os
import re
import subprocess
import time
from urllib.parse import quote

import pytest

from compare import differences
from db_admin import administrator
from parsed import IGNORE, VERSIONS, order_differences, ours, served
from reference import reference
from service import slurm_release
from parsed import assert_same as _assert_same

# "slurmdb_accounts_get(0x55d1...) found nothing" names the connection's address, which differs
# between any two processes: those descriptions are compared without it
_ADDRESS = re.compile(r"\(0x[0-9a-f]+\)")


def assert_same(method, path, repaired=()):
    doc = _assert_same(method, path, ignore={"$.warnings[].description"}, repaired=repaired)
    for w in doc["warnings"]:
        text = _ADDRESS.sub("()", w["description"])
        assert text.endswith("() found nothing") or text.startswith(("Expected OpenAPI", "Ignoring unknown")), w
    return doc

ACCOUNT_QUERIES = {
    "v0.0.40": ("", "?with_assocs", "?with_assocs=yes", "?with_assocs=0", "?with_coords=1&with_deleted=true",
                "?description=tests", "?with_assocs&with_coords=0", "?with_coords=0&with_deleted=1&with_assocs", "?bogus=1"),
    "v0.0.41": ("", "?WithAssociations", "?WithAssociations=0", "?WithAssociations=x&WithCoordinators",
                "?DELETED&UsersAreCoords&NoUsersAreCoords", "?description=tests", "?description=none",
                "?bogus=1"),
}
ACCOUNT_QUERIES.update(dict.fromkeys(("v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45"), ACCOUNT_QUERIES["v0.0.41"]))
ONE_QUERIES = ("", "?with_assocs", "?with_assocs=maybe", "?with_assocs=false", "?with_coords=1&with_deleted=no",
               "?with_assocs=0.0", "?bogus=2")
USER_QUERIES = ("", "?with_assocs", "?with_assocs=maybe&with_coords=true", "?with_deleted=0&with_wckeys=1",
                "?without_defaults=yes", "?admin_level=Administrator", "?admin_level=None",
                "?admin_level=bogus", "?default_account=testacct", "?default_account=nonesuch",
                "?default_wckey=x", "?bogus=1")
USER_ONE_QUERIES = ("", "?with_assocs", "?with_assocs=maybe&with_coords=1", "?with_deleted=yes&with_wckeys=t",
                    "?bogus=2")


@pytest.mark.parametrize("version", VERSIONS)
def test_accounts(version):
    served(version)
    for query in ACCOUNT_QUERIES[version]:
        assert_same("GET", f"/slurmdb/{version}/accounts/{query}")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", ("testacct", "root", "nonesuch"))
def test_account(version, name):
    served(version)
    for query in ONE_QUERIES:
        assert_same("GET", f"/slurmdb/{version}/account/{name}{query}")


@pytest.mark.parametrize("version", VERSIONS)
def test_users(version):
    served(version)
    for query in USER_QUERIES:
        assert_same("GET", f"/slurmdb/{version}/users/{query}")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", ("alice", "root", "nonesuch"))
def test_user(version, name):
    served(version)
    for query in USER_ONE_QUERIES:
        assert_same("GET", f"/slurmdb/{version}/user/{name}{query}")


def _facts(status, doc, key):
    assert status == 200, doc
    return doc[key]


def _again(check, attempts=3):
    """The cluster is shared: others' accounts come and go between two requests."""
    for attempt in range(attempts):
        try:
            return check()
        except AssertionError:
            if attempt == attempts - 1:
                raise
            time.sleep(1)


@pytest.mark.parametrize("version", VERSIONS)
def test_accounts_same_facts_as_dbv0_0_38(version):
    def check():
        old = _facts(*ours("GET", "/slurmdb/v0.0.38/accounts?with_assocs&with_coords")[::2], "accounts")
        new = _facts(*ours("GET", f"/slurmdb/{version}/accounts/?with_assocs&WithAssociations")[::2], "accounts")
        assert [(a["name"], a["description"], a["organization"]) for a in old] == \
            [(a["name"], a["description"], a["organization"]) for a in new]
        assert [sorted((x["user"] or "", x["cluster"]) for x in a["associations"]) for a in old] == \
            [sorted((x["user"], x["cluster"]) for x in a["associations"]) for a in new]
    _again(check)


@pytest.mark.parametrize("version", VERSIONS)
def test_users_same_facts_as_dbv0_0_38(version):
    def check():
        old = _facts(*ours("GET", "/slurmdb/v0.0.38/users")[::2], "users")
        new = _facts(*ours("GET", f"/slurmdb/{version}/users/")[::2], "users")
        assert [u["name"] for u in old] == [u["name"] for u in new]
        assert [u["administrator_level"] for u in old] == [u["administrator_level"][0] for u in new]
    _again(check)


@pytest.mark.parametrize("version", VERSIONS)
def test_associations_same_facts_as_dbv0_0_38(version):
    def check():
        old = _facts(*ours("GET", "/slurmdb/v0.0.38/associations?account=testacct")[::2], "associations")
        new = _facts(*ours("GET", f"/slurmdb/{version}/associations/?account=testacct")[::2], "associations")
        assert [(a["account"], a["user"] or "", bool(a["is_default"])) for a in old] == \
            [(a["account"], a["user"], a["is_default"]) for a in new]
    _again(check)


# Objects of our own (prefixed dbacc, made with sacctmgr, removed again): an account with limits,
# QOS and a default QOS, and a user in it with per-job limits.
ACCOUNT, USER = "dbacc_a", "dbaccu"


def sacctmgr(*args):
    return subprocess.run(["sacctmgr", "-i", *args], capture_output=True, text=True, env={**os.environ})


@pytest.fixture(scope="module")
def limits():
    sacctmgr("delete", "user", USER)
    sacctmgr("delete", "account", ACCOUNT)
    sacctmgr("add", "account", ACCOUNT, "cluster=pycluster", "description=dbacc test", "organization=dbacc",
             "GrpTRES=cpu=4,mem=1000", "MaxJobs=3", "GrpWall=60", "QOS=normal", "DefaultQOS=normal")
    sacctmgr("add", "user", USER, f"account={ACCOUNT}", "MaxTRESPerJob=cpu=2", "Priority=5")
    try:
        yield
    finally:
        sacctmgr("delete", "user", USER)
        sacctmgr("delete", "account", ACCOUNT)


ASSOC_QUERIES = {
    "v0.0.40": ("?with_deleted", "?only_defaults=1&with_usage", "?with_raw_qos&with_sub_accts=yes",
                "?without_parent_info&without_parent_limits=0", "?with_deleted=0&without_parent_info"),
    "v0.0.41": ("?with_deleted=1", "?only_defaults&with_usage=no", "?with_raw_qos=t&with_sub_accts",
                "?without_parent_info=1&without_parent_limits"),
    "v0.0.42": ("?Include deleted associations", "?Filter to only defaults&Include usage=0",
                "?Include the raw QOS or delta_qos&Include sub acct information",
                "?Exclude parent id/name&Exclude limits from parents"),
}
ASSOC_QUERIES.update(dict.fromkeys(("v0.0.43", "v0.0.44", "v0.0.45"), ASSOC_QUERIES["v0.0.42"]))
ASSOC_COMMON = ("", f"?account={ACCOUNT}", f"?user={USER}", f"?account={ACCOUNT}&user={USER}&cluster=pycluster",
                "?user=alice&user=bob", "?id=4", "?id=999", "?id=bogus", "?qos=1", "?qos=normal", "?default_qos=1",
                "?partition=debug", "?parent_account=root", "?format=x", "?usage_start=1&usage_end=2",
                "?usage_end=bogus", "?bogus=1")


@pytest.mark.parametrize("version", VERSIONS)
def test_associations(version, limits):
    served(version)
    for query in ASSOC_COMMON + ASSOC_QUERIES[version]:
        # a QOS or id that is not a number: the reference leaves out the required list (README)
        assert_same("GET", f"/slurmdb/{version}/associations/{quote(query, safe='?&=')}",
                    repaired=("associations",))


@pytest.mark.parametrize("version", VERSIONS)
def test_association(version, limits):
    served(version)
    for query in (f"?account={ACCOUNT}&user={USER}", f"?account={ACCOUNT}", "?user=nonesuch", "?id=bogus",
                  f"?user={USER}&Include%20usage&with_usage"):
        assert_same("GET", f"/slurmdb/{version}/association/{query}", repaired=("associations",))


@pytest.mark.parametrize("version", VERSIONS)
def test_limits_as_accounts_and_users_see_them(version, limits):
    served(version)
    assert_same("GET", f"/slurmdb/{version}/account/{ACCOUNT}?with_assocs&with_coords")
    assert_same("GET", f"/slurmdb/{version}/user/{USER}?with_assocs&with_coords")


# -- as an administrator: deletes, each done once by the reference and once by us on objects made
# afresh, the database checked with sacctmgr after each
ADMIN = "dbaccadm"  # an OS user and slurmdbd Administrator made (and removed) by db_admin


@pytest.fixture(scope="module")
def admin():
    with administrator(ADMIN) as name:
        yield name


def _accounts():
    return sacctmgr("-nP", "show", "account", "format=account").stdout.split()


def _users():
    return sacctmgr("-nP", "show", "user", "format=user").stdout.split()


def both(method, path, setup, check, user=ADMIN):
    """The reference's and our answers to one write, each on objects `setup` makes afresh; `check`
    (of nothing) tells what the database holds after each."""
    answers, states = [], []
    for ask in (lambda: reference(method, path, None, user=user), lambda: ours(method, path, None, user=user)):
        setup()
        answers.append(ask())
        states.append(check())
    (rs, _, theirs), (os_, _, mine) = answers
    diff = [f"status {rs} != {os_}"] if rs != os_ else []
    diff += differences(theirs, mine, IGNORE | {"$.warnings[].description", "$.errors[].description"})
    diff += order_differences(theirs, mine)
    assert not diff, f"{method} {path}:\n" + "\n".join(diff[:40])
    assert states[0] == states[1], states
    return mine


def _fresh():
    sacctmgr("delete", "user", "dbacc_u2")
    sacctmgr("delete", "account", "dbacc_b")
    sacctmgr("add", "account", "dbacc_b", "cluster=pycluster", "description=b", "organization=dbacc")
    sacctmgr("add", "user", "dbacc_u2", "account=dbacc_b")


def _cleanup():
    sacctmgr("delete", "user", "dbacc_u2")
    sacctmgr("delete", "account", "dbacc_b")


@pytest.mark.parametrize("version", VERSIONS)
def test_deletes(version, admin):
    served(version)
    try:
        state = lambda: ("dbacc_b" in _accounts(), "dbacc_u2" in _users())  # noqa: E731
        both("DELETE", f"/slurmdb/{version}/user/dbacc_u2", _fresh, state)
        both("DELETE", f"/slurmdb/{version}/user/dbacc_none", _fresh, state)
        both("DELETE", f"/slurmdb/{version}/associations/?account=dbacc_b&user=dbacc_u2", _fresh, state)
        both("DELETE", f"/slurmdb/{version}/association/?account=dbacc_b", _fresh, state)
        both("DELETE", f"/slurmdb/{version}/association/?account=dbacc_none", _fresh, state)
        # an account with a user in it cannot go: nothing is removed
        both("DELETE", f"/slurmdb/{version}/account/dbacc_b", _fresh, state)
        both("DELETE", f"/slurmdb/{version}/account/dbacc_none", _fresh, state)
        sacctmgr("delete", "user", "dbacc_u2")
        both("DELETE", f"/slurmdb/{version}/account/dbacc_b", lambda: (_fresh(), sacctmgr("delete", "user", "dbacc_u2")),
             state)
    finally:
        _cleanup()


@pytest.mark.parametrize("version", VERSIONS)
def test_deletes_as_a_plain_user(version):
    served(version)
    if slurm_release().startswith("26.05"):
        pytest.skip("26.05 answers slurmdbd's refusals (ESLURM_ACCESS_DENIED) 422, not 500: issue 16")
    try:
        state = lambda: ("dbacc_b" in _accounts(), "dbacc_u2" in _users())  # noqa: E731
        for path in ("user/dbacc_u2", "account/dbacc_b", "associations/?account=dbacc_b",
                     "association/?account=dbacc_b&user=dbacc_u2"):
            both("DELETE", f"/slurmdb/{version}/{path}", _fresh, state, user="alice")
    finally:
        _cleanup()
