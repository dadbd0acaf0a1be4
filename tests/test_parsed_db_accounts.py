"""slurmdb accounts and users in the parser versions (v0.0.40-42), against the release's reference:
every query parameter each version takes, as a plain user (alice)."""
import re

import pytest

from parsed import VERSIONS, ours, served
from parsed import assert_same as _assert_same

# "slurmdb_accounts_get(0x55d1...) found nothing" names the connection's address, which differs
# between any two processes: those descriptions are compared without it
_ADDRESS = re.compile(r"\(0x[0-9a-f]+\)")


def assert_same(method, path):
    doc = _assert_same(method, path, ignore={"$.warnings[].description"})
    for w in doc["warnings"]:
        text = _ADDRESS.sub("()", w["description"])
        assert text.endswith("() found nothing") or text.startswith(("Expected OpenAPI", "Ignoring unknown")), w
    return doc

ACCOUNT_QUERIES = {
    "v0.0.40": ("", "?with_assocs", "?with_assocs=yes", "?with_assocs=0", "?with_coords=1&with_deleted=true",
                "?description=tests", "?bogus=1"),
    "v0.0.41": ("", "?WithAssociations", "?WithAssociations=0", "?WithAssociations=x&WithCoordinators",
                "?DELETED&UsersAreCoords&NoUsersAreCoords", "?description=tests", "?description=none",
                "?bogus=1"),
}
ACCOUNT_QUERIES["v0.0.42"] = ACCOUNT_QUERIES["v0.0.41"]
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


@pytest.mark.parametrize("version", VERSIONS)
def test_accounts_same_facts_as_dbv0_0_38(version):
    old = _facts(*ours("GET", "/slurmdb/v0.0.38/accounts?with_assocs&with_coords")[::2], "accounts")
    new = _facts(*ours("GET", f"/slurmdb/{version}/accounts/?with_assocs&WithAssociations")[::2], "accounts")
    assert [(a["name"], a["description"], a["organization"]) for a in old] == \
        [(a["name"], a["description"], a["organization"]) for a in new]
    assert [sorted((x["user"] or "", x["cluster"]) for x in a["associations"]) for a in old] == \
        [sorted((x["user"], x["cluster"]) for x in a["associations"]) for a in new]


@pytest.mark.parametrize("version", VERSIONS)
def test_users_same_facts_as_dbv0_0_38(version):
    old = _facts(*ours("GET", "/slurmdb/v0.0.38/users")[::2], "users")
    new = _facts(*ours("GET", f"/slurmdb/{version}/users/")[::2], "users")
    assert [u["name"] for u in old] == [u["name"] for u in new]
    assert [u["administrator_level"] for u in old] == [u["administrator_level"][0] for u in new]
