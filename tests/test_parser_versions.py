"""The parser versions (v0.0.40 on) against the reference of the release under test, field for
field, for every version that reference serves; on a release whose reference serves none of them,
the same facts as v0.0.38 (the cells no reference serves).

Runs on every release (conftest.PORTABLE): in 24.11's root v0.0.40-42 are compared, in 26.05's v0.0.42.
"""
import functools

import pytest

from compare import differences
from reference import reference
from service import ours as _ours

VERSIONS = ("v0.0.40", "v0.0.41", "v0.0.42")
# Values that differ between any two processes: the client's pipe inodes, a live clock.
IGNORE = {"$.meta.client.source", "$.last_update.number"}


def ours(method, path):
    """Our answer, with the parser versions enabled (only -s or SLURMRESTD_OPENAPI_PLUGINS does)."""
    return _ours(method, path, env={"SLURMRESTD_OPENAPI_PLUGINS": PLUGINS})


PLUGINS = "v0.0.38,dbv0.0.38," + ",".join(VERSIONS)


@functools.lru_cache(maxsize=None)
def reference_serves():
    """The parser versions the release's own slurmrestd serves (its document's paths say)."""
    status, _, doc = reference("GET", "/openapi/v3")
    assert status == 200, doc
    return {v for v in VERSIONS if any(p.startswith(f"/slurm/{v}/") for p in doc["paths"])}


def served(version):
    if version not in reference_serves():
        pytest.skip(f"this release's slurmrestd does not serve {version}: see test_same_facts_as_v0_0_38")


def assert_same(method, path, ignore=()):
    """Status and document equal to the reference's, key order included, but for `ignore`d paths."""
    ref, our = reference(method, path), ours(method, path)
    diff = [f"status {ref[0]} != {our[0]}"] if ref[0] != our[0] else []
    diff += differences(ref[2], our[2], IGNORE | set(ignore))
    diff += _order(ref[2], our[2])
    assert not diff, f"{method} {path}:\n" + "\n".join(diff[:40])
    return our[2]


def _order(ref, our, path="$"):
    """Key order differences (compare.differences looks at keys, not their order)."""
    if isinstance(ref, dict) and isinstance(our, dict):
        if [k for k in ref if k in our] != [k for k in our if k in ref]:
            return [f"{path}: key order {list(ref)} != {list(our)}"]
        return [d for k in ref if k in our for d in _order(ref[k], our[k], f"{path}.{k}")]
    if isinstance(ref, list) and isinstance(our, list):
        return [d for a, b in zip(ref, our) for d in _order(a, b, f"{path}[]")]
    return []


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("query", ["", "?flags=ALL", "?flags=ALL&flags=DETAIL&flags=FUTURE"])
def test_partitions(version, query):
    served(version)
    doc = assert_same("GET", f"/slurm/{version}/partitions{query}")
    assert doc["partitions"] and not doc["errors"]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", ["debug", "FAKEPART", "nope"])
def test_partition(version, name):
    served(version)
    assert_same("GET", f"/slurm/{version}/partition/{name}")


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
