"""Pure: the older versions' table engine (versions/reshape.py), key order included."""
import json

from slurmrestd_py.slurm.convert import Record
from slurmrestd_py.versions.reshape import raw, replaced, reshape


def order(record):
    return json.dumps(record)


def test_values_come_from_the_record_as_given_and_keep_their_place():
    table = reshape(drop=("b", "size_mean"), values={"mean": lambda r: r["size_mean"], "up": raw("up")})
    record = Record({"a": 1, "mean": 0, "b": 2, "size_mean": 7, "up": "UP"}, up=1)
    assert order(table(record)) == order({"a": 1, "mean": 7, "up": 1})
    assert record.raw == {"up": 1}  # still a Record


def test_a_move_within_one_object_renames_in_place_and_to_another_goes_last():
    table = reshape(move={"state": "nodes_online", "x/y/z": "x/w/z"}, drop=("x/y/gone",))
    record = {"a": 1, "state": "UP", "x": {"y": {"z": 3, "gone": 0}, "v": 1}, "b": 2}
    assert order(table(record)) == order({"a": 1, "nodes_online": "UP", "x": {"v": 1, "w": {"z": 3}}, "b": 2})


def test_after_places_keys_after_a_sibling():
    table = reshape(values={"res": lambda r: r.get("res") or {}}, after={"id": ("res",)})
    assert list(table({"id": 1, "name": "n", "res": None})) == ["id", "res", "name"]
    assert order(table({"name": "n", "id": 1})) == order({"name": "n", "id": 1, "res": {}})


def test_replaced_and_copy():
    table = reshape(copy={"t/eligible": "t/start"},
                    values={"flags": replaced("flags", {"HOURLY": None, "A": "B"})})
    assert table({"flags": ["A", "HOURLY", "C"], "t": {"eligible": 5, "start": 9}}) == {
        "flags": ["B", "C"], "t": {"eligible": 5, "start": 5}}
