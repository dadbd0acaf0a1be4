"""Node states as the v0.0.4x parsers write and read them (parsers/tables/nodes.py), without a
cluster: a base state with its flags, NO_VAL as INVALID alone, names read back to the same bits."""
import pytest

from slurmrestd_py.parsers.tables.nodes import CSV_STRING, NODE_STATES
from slurmrestd_py.parsers.types import const


@pytest.mark.parametrize("value, names", [
    ("NODE_STATE_IDLE", ["IDLE"]),
    ("NODE_STATE_DOWN|NODE_STATE_NO_RESPOND", ["DOWN", "NOT_RESPONDING"]),
    ("NODE_STATE_IDLE|NODE_STATE_DRAIN", ["IDLE", "DRAIN"]),
    ("NODE_STATE_MIXED|NODE_STATE_PLANNED", ["MIXED", "PLANNED"]),
    ("NODE_STATE_FUTURE", ["FUTURE"]),
    ("NODE_STATE_UNKNOWN", ["UNKNOWN"]),
    ("NO_VAL", ["INVALID"]),  # not UNKNOWN-like bits plus every flag NO_VAL's bits would match
])
def test_dump(value, names):
    assert NODE_STATES.dump(const(value)) == names


@pytest.mark.parametrize("names, value, unknown", [
    (["DOWN"], "NODE_STATE_DOWN", []),
    (["drain"], "NODE_STATE_DRAIN", []),  # names are case-blind; no base state: UNKNOWN (0)
    (["IDLE", "DRAIN"], "NODE_STATE_IDLE|NODE_STATE_DRAIN", []),
    ("RESUME", "NODE_RESUME", []),
    (["NOPE"], "NODE_STATE_UNKNOWN", ["NOPE"]),
])
def test_parse(names, value, unknown):
    assert NODE_STATES.parse(names) == (const(value), unknown)


def test_round_trip():
    value = const("NODE_STATE_ALLOCATED|NODE_STATE_COMPLETING|NODE_STATE_RES")
    assert NODE_STATES.parse(NODE_STATES.dump(value))[0] == value


@pytest.mark.parametrize("text, items", [(None, []), ("", []), ("a,b", ["a", "b"]), ("a,,b,", ["a", "b"])])
def test_csv_string(text, items):
    assert CSV_STRING.dump(text) == items
