"""Shared by the tests of the parser versions (v0.0.40 on): ask ours and the release's reference the
same request and compare them field for field, key order included.

    served(version)               skip unless this release's slurmrestd serves `version`
    assert_same(method, path)     status, document and key order equal, but for IGNORE
    ours(method, path)            our answer, with the parser versions enabled

A version the release's reference does not serve is checked against our own v0.0.38 (test files'
`*_same_facts_*` tests), the way issue 17's cells no reference serves will be.
"""
import functools
import time

import pytest

from compare import differences
from reference import reference
from service import ours as _ours

VERSIONS = ("v0.0.40", "v0.0.41", "v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45")
PLUGINS = ",".join(("v0.0.38", "dbv0.0.38", *VERSIONS, *("db" + v for v in VERSIONS), "utilv0.0.44", "utilv0.0.45"))
# Values that differ between any two processes: the client's pipe inodes, a live clock.
IGNORE = {"$.meta.client.source", "$.last_update.number"}


def ours(method, path, body=None, **kw):
    """Our answer, with the parser versions enabled (only -s or SLURMRESTD_OPENAPI_PLUGINS does)."""
    return _ours(method, path, body, env={"SLURMRESTD_OPENAPI_PLUGINS": PLUGINS}, **kw)


@functools.lru_cache(maxsize=None)
def reference_paths():
    status, _, doc = reference("GET", "/openapi/v3")
    assert status == 200, doc
    return tuple(doc["paths"])


def reference_serves(version):
    return any(p.startswith((f"/slurm/{version}/", f"/slurmdb/{version}/")) for p in reference_paths())


def served(version):
    if not reference_serves(version):
        pytest.skip(f"this release's slurmrestd does not serve {version}: see the *_same_facts_* tests")


def assert_same(method, path, body=None, ignore=(), user="alice", repaired=(), attempts=3):
    """Status and document equal to the reference's, key order included, but for `ignore`d paths
    (compare.differences' syntax); returns our decoded answer. `repaired`: top-level keys the
    reference leaves out of a 200 answer though its schema requires them, which ours has (README);
    the order of the rest is then not compared. The cluster is live and shared: a difference is
    asked again (`attempts`, GETs only) before it fails."""
    for attempt in range(attempts if method == "GET" else 1):
        ref, our = reference(method, path, body, user=user), ours(method, path, body, user=user)
        # the reference names its slurmdbd connection by address ("slurmdb_tres_get(0x7f..) failed")
        theirs, mine = _accounting(_addresses(ref[2])), _accounting(_addresses(our[2]))
        if repaired and ref[0] == 200 and isinstance(theirs, dict) and not set(repaired) & set(theirs):
            assert set(repaired) <= set(mine), (path, list(mine))
            mine = {k: v for k, v in mine.items() if k not in repaired}
            theirs, mine = dict(sorted(theirs.items())), dict(sorted(mine.items()))
        diff = [f"status {ref[0]} != {our[0]}"] if ref[0] != our[0] else []
        diff += differences(theirs, mine, IGNORE | set(ignore))
        diff += order_differences(theirs, mine)
        if not diff:
            return our[2]
        time.sleep(1)
    raise AssertionError(f"{method} {path}:\n" + "\n".join(diff[:40]))


def order_differences(ref, our, path="$"):
    """Key order differences (compare.differences looks at keys, not their order)."""
    if isinstance(ref, dict) and isinstance(our, dict):
        if [k for k in ref if k in our] != [k for k in our if k in ref]:
            return [f"{path}: key order {list(ref)} != {list(our)}"]
        return [d for k in ref if k in our for d in order_differences(ref[k], our[k], f"{path}.{k}")]
    if isinstance(ref, list) and isinstance(our, list):
        return [d for a, b in zip(ref, our) for d in order_differences(a, b, f"{path}[]")]
    return []


def _accounting(doc):
    """Associations' `accounting` records in one order: slurmdbd's usage query returns them in an
    order that differs between any two requests (the reference's and ours alike)."""
    import json

    if isinstance(doc, dict):
        return {k: sorted(v, key=lambda r: json.dumps(r, sort_keys=True))
                if k == "accounting" and isinstance(v, list) else _accounting(v) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_accounting(v) for v in doc]
    return doc


def _addresses(doc):
    """errors[] and warnings[] descriptions with "(0x...)" addresses made alike."""
    import re

    if not isinstance(doc, dict):
        return doc
    out = dict(doc)
    for key in ("errors", "warnings"):
        if isinstance(out.get(key), list):
            out[key] = [{**e, "description": re.sub(r"\(0x[0-9a-f]+\)", "(0x)", e["description"])}
                        if isinstance(e, dict) and isinstance(e.get("description"), str) else e for e in out[key]]
    return out
