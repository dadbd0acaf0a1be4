"""GET partitions and partition/{name} in the parser versions (v0.0.40 on), against the reference
of the release under test, field for field, for every version that reference serves; on a release
whose reference serves none of them, the same facts as v0.0.38.

Runs on every release (conftest.PORTABLE): in 24.11's root v0.0.40-42 are compared, in 26.05's v0.0.42.
"""
import pytest

from parsed import VERSIONS, assert_same, ours, served


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("query", ["", "?flags=ALL", "?flags=ALL&flags=DETAIL&flags=FUTURE"])
def test_partitions(version, query):
    served(version)
    doc = assert_same("GET", f"/slurm/{version}/partitions{query}")
    assert doc["partitions"] and not doc["errors"]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", ["debug", "FAKEPART", "nope"])
def test_partition(version, name):
    """A missing partition: 24.11 answers 422 with an error; 26.05 200 with a warning and no
    partitions key, which its schema requires: ours then carries an empty list (a repair)."""
    served(version)
    assert_same("GET", f"/slurm/{version}/partition/{name}", repaired=("partitions", "last_update"))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("query", ["?update_time=abc", "?flags=NOPE", "?flags=ALL&flags=NOPE", "?update_time=9999999999",
                                   "?update_time=1"])
def test_partitions_bad_or_unchanged_query(version, query):
    """v0.0.40 and v0.0.41 refuse any update_time, v0.0.42 parses it (and answers 304 when nothing
    changed since); v0.0.40 refuses an unknown flag, later versions report it and go on."""
    served(version)
    assert_same("GET", f"/slurm/{version}/partitions{query}")


@pytest.mark.parametrize("version", VERSIONS)
def test_same_facts_as_v0_0_38(version):
    """In every version we serve, a partition says what v0.0.38 says of it (on a release with no
    v0.0.38 reference, v0.0.38 is ours: the check is then between our versions)."""
    status, _, old = ours("GET", "/slurm/v0.0.38/partitions")
    assert status == 200, old
    status, _, new = ours("GET", f"/slurm/{version}/partitions?flags=ALL")
    assert status == 200, new
    facts = lambda p: (p["name"], p["nodes"], p["total_cpus"], p["total_nodes"], p["state"])  # noqa: E731
    new_facts = lambda p: (p["name"], p["nodes"]["configured"], p["cpus"]["total"],  # noqa: E731
                           p["nodes"]["total"], p["partition"]["state"][0])
    assert sorted(map(facts, old["partitions"])) == sorted(map(new_facts, new["partitions"]))
