"""dbv0.0.38 POST bodies with one field made wrong, ours against the reference: the same status and
errors[] (error_number, error, description, source) for each. As plain user alice, so nothing is
written by either: the parse errors come first, slurmdbd refuses the rest.

Each field of a valid item gets one bad value in turn (a deterministic sample); set
SRPY_BODY_SWEEP=all for every field with every bad value (~670 cases, ~8 minutes).

POST clusters is the deliberate difference (see test_slurmdb_writes): the reference reports the bad
field and goes on to add the others, ours stops there; the parse error itself must be the same.
"""
import copy
import json
import os

import pytest

from compare import differences
from reference import reference
from service import ours

DB = "/slurmdb/v0.0.38/"
ITEMS = {
    "qos": ("QOS", {
        "name": "sweep_q1", "description": "d", "priority": 10, "flags": ["DENY_LIMIT"],
        "usage_factor": 2.5, "limits": {"max": {"tres": {"per": {"job": [{"type": "cpu", "count": 4}]}},
                                                "wall_clock": {"per": {"job": 60}}}, "grace_time": 5},
        "preempt": {"list": ["normal"], "mode": ["REQUEUE"], "exempt_time": 3}}),
    "wckeys": ("wckeys", {"id": 0, "name": "sweep_w1", "cluster": "pycluster", "user": "alice",
                          "accounts": ["testacct"], "flags": ["DEFAULT"]}),
    "clusters": ("clusters", {"name": "sweep_c1", "nodes": "n1", "controller": {"host": "h", "port": 1},
                              "flags": ["FRONT_END"], "rpc_version": 1,
                              "tres": [{"type": "cpu", "count": 1}]}),
    "associations": ("associations", {
        "account": "testacct", "user": "alice", "cluster": "pycluster", "partition": "debug",
        "priority": 1, "shares_raw": 2, "max": {"jobs": {"active": 1, "total": 2, "per": {"count": 3}},
                                                "tres": {"per": {"job": [{"type": "cpu", "count": 1}]}}},
        "qos": ["normal"], "default": {"qos": "normal"}, "flags": ["DEFAULT"], "is_default": 1,
        "parent_account": "root"}),
    "users": ("users", {"name": "sweep_u1", "administrator_level": "None",
                        "default": {"account": "testacct", "wckey": "x"},
                        "coordinators": [{"name": "testacct", "direct": 1}],
                        "associations": [{"account": "testacct", "user": "sweep_u1"}], "flags": []}),
    "accounts": ("accounts", {"name": "sweep_a1", "description": "d", "organization": "o",
                              "coordinators": [], "associations": [], "flags": []}),
}
BAD = [None, True, 7, -1, 1.5, "x", [], ["x"], {}, {"a": 1}]


def _paths(item, prefix=""):
    for key, value in item.items():
        yield prefix + key
        if isinstance(value, dict):
            yield from _paths(value, prefix + key + "/")


def _cases():
    every = os.environ.get("SRPY_BODY_SWEEP") == "all"
    n = 0
    for endpoint, (key, item) in ITEMS.items():
        for path in _paths(item):
            for bad in BAD if every else [BAD[n % len(BAD)]]:
                yield pytest.param(endpoint, key, item, path, bad, id=f"{endpoint}:{path}={json.dumps(bad)}")
            n += 1


def _with(item, path, value):
    item = copy.deepcopy(item)
    *parents, last = path.split("/")
    target = item
    for key in parents:
        target = target[key]
    target[last] = value
    return item


@pytest.mark.parametrize("endpoint, key, item, path, bad", list(_cases()))
def test_one_bad_field(endpoint, key, item, path, bad):
    body = {key: [_with(item, path, bad)]}
    try:
        r = reference("POST", DB + endpoint, body, user="alice")
    except AssertionError as e:  # the reference dies on some inputs (wckeys accounts ["x"])
        pytest.skip(f"the reference gave no answer: {e}")
    o = ours("POST", DB + endpoint, body, user="alice")
    if endpoint == "clusters" and r[0] != o[0]:
        assert (r[0], o[0]) == (500, 400)
        assert differences(r[2]["errors"][:len(o[2]["errors"])], o[2]["errors"]) == []
        return
    assert r[0] == o[0], (r[2], o[2])
    assert differences(r[2], o[2]) == []
