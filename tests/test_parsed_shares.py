"""GET shares in the parser versions (v0.0.40 on), against the reference of the release under
test, field for field. 22.05's libslurm does not export slurm_associations_get_shares(), and
v0.0.38 has no shares: there, ours reports the failure."""
import pytest

from parsed import VERSIONS, assert_same, ours, served


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("query", ["", "?accounts=testacct", "?users=alice", "?users=alice&accounts=root",
                                   "?users=alice&users=bob", "?accounts=nosuch", "?users="])
def test_shares(version, query):
    """Usage moves as jobs run and decay: compared too, asked again when it moved. The reference
    reads accounts and users from the path, not the query: every association, whatever they say."""
    served(version)
    doc = assert_same("GET", f"/slurm/{version}/shares{query}", attempts=5)
    assert doc["shares"]["shares"]


@pytest.mark.parametrize("version", VERSIONS)
def test_shares_without_the_reference(version):
    """On a release whose reference does not serve the version: on 22.05 the call is not in
    libslurm (an error), elsewhere the associations sshare shows."""
    from slurmrestd_py.slurm._lib import release

    status, _, doc = ours("GET", f"/slurm/{version}/shares")
    if release() == "22.05":
        assert status == 500 and doc["errors"][0]["source"] == "_dump_shares", doc
    else:
        assert status == 200 and {"root", "testacct", "alice"} <= {s["name"] for s in doc["shares"]["shares"]}
