"""API v0.0.39 (Slurm 23.02 to 24.05), which no slurmrestd of our test beds serves: issue 17's
checks 1-3 of a cell no reference serves, on every release (test_parsed_*: portable).

1. Every answer of ours validates against v0.0.39's schemas in the document a live 24.05.3
   slurmrestd published (tests/assets/v0.0.39/openapi-24.05.json).
2. It has the keys, JSON types and key order of that slurmrestd's recorded answers for the same
   kind of object (tests/assets/v0.0.39/answers/: their cluster, so values are not compared).
3. On this cluster, the same partition, node, reservation, job, account, user, association or QOS
   carries the same facts in v0.0.39 as in our v0.0.40 (every key both versions share, timestamps
   {set, infinite, number} in v0.0.40 and plain numbers in v0.0.39) and as in our v0.0.38.
"""
import functools
import json
import pathlib
import subprocess

import pytest

from service import ours as _ours

ASSETS = pathlib.Path(__file__).parent / "assets" / "v0.0.39"
PLUGINS = "v0.0.38,dbv0.0.38,v0.0.39,dbv0.0.39,v0.0.40,dbv0.0.40"
# (our request, path template of the 24.05 document, recorded answer of the same kind of object)
READS = (
    ("/slurm/v0.0.39/ping", "/slurm/v0.0.39/ping", "slurm-ping"),
    ("/slurm/v0.0.39/partitions", "/slurm/v0.0.39/partitions", "slurm-partitions"),
    ("/slurm/v0.0.39/nodes", "/slurm/v0.0.39/nodes", "slurm-nodes"),
    ("/slurm/v0.0.39/reservations", "/slurm/v0.0.39/reservations", "slurm-reservations"),
    ("/slurmdb/v0.0.39/qos", "/slurmdb/v0.0.39/qos", "slurm-qos"),
    ("/slurmdb/v0.0.39/accounts", "/slurmdb/v0.0.39/accounts", "slurm-accounts"),
    ("/slurmdb/v0.0.39/tres", "/slurmdb/v0.0.39/tres", None),
    ("/slurmdb/v0.0.39/users", "/slurmdb/v0.0.39/users", None),
)


RESERVATION = "v39-resv"


@pytest.fixture(scope="module")
def reservation():
    """One reservation of ours (a test bed may have none), in the future on a fake node."""
    def scontrol(*args):
        return subprocess.run(["scontrol", *args], capture_output=True, text=True, timeout=30, check=False)

    made = scontrol("create", "reservation", f"reservationname={RESERVATION}", "starttime=now+5days",
                    "duration=60", "nodes=fakedown2", "users=alice", "flags=ignore_jobs")
    assert made.returncode == 0, made.stderr
    try:
        yield RESERVATION
    finally:
        scontrol("delete", f"reservationname={RESERVATION}")


def ours(path, user="alice"):
    status, _, doc = _ours("GET", path, env={"SLURMRESTD_OPENAPI_PLUGINS": PLUGINS}, user=user)
    return status, doc


@functools.lru_cache(maxsize=None)
def _document():
    return json.loads((ASSETS / "openapi-24.05.json").read_text())


def violations(template, doc, method="get", status="200"):
    """The ways `doc` breaks the 24.05 document's schema of that operation's answer."""
    from openapi_schema_validator import OAS30Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    spec = _document()
    assert template in spec["paths"], template
    pointer = "/".join(("#", "paths", template.replace("~", "~0").replace("/", "~1"), method, "responses",
                        status, "content", "application~1json", "schema"))
    registry = Registry().with_resource("urn:v39", Resource(contents=spec, specification=DRAFT4))
    validator = OAS30Validator({"$ref": "urn:v39" + pointer}, registry=registry)
    return [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(doc)]


# what the 24.05 slurmrestd's answers carry though its document's meta does not list it
UNDOCUMENTED = {"$.meta.plugin.data_parser", "$.meta.client"}


def unknown_keys(template, doc, method="get", status="200"):
    """Keys of `doc` its schema does not name (the document allows them; its answers have none)."""
    spec = _document()

    def resolve(schema):
        while "$ref" in schema:
            schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def walk(schema, value, path):
        schema = resolve(schema)
        if isinstance(value, dict) and "properties" in schema:
            out = [f"{path}.{k}" for k in value if k not in schema["properties"] and f"{path}.{k}" not in UNDOCUMENTED]
            return out + [d for k, v in value.items() if k in schema["properties"]
                          for d in walk(schema["properties"][k], v, f"{path}.{k}")]
        if isinstance(value, list) and "items" in schema:
            return sorted({d for v in value for d in walk(schema["items"], v, f"{path}[]")})
        return []

    answer = spec["paths"][template][method]["responses"][status]["content"]["application/json"]["schema"]
    return walk(answer, doc, "$")


def _kind(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object", type(None): "null"}[type(value)]


def shape_differences(ref, our, path="$"):
    """Keys, their order and JSON types of `our` unlike the recorded `ref` (lists: every item of
    ours against the recorded first one; an empty list on either side says nothing)."""
    if _kind(ref) != _kind(our):
        return [f"{path}: {_kind(our)} where the recorded answer has {_kind(ref)}"]
    if isinstance(ref, dict):
        if list(ref) != list(our):
            missing = [k for k in ref if k not in our]
            extra = [k for k in our if k not in ref]
            return [f"{path}: keys {list(our)} != recorded {list(ref)} (missing {missing}, extra {extra})"]
        return [d for k in ref for d in shape_differences(ref[k], our[k], f"{path}.{k}")]
    if isinstance(ref, list) and ref and our:
        return [d for item in our for d in shape_differences(ref[0], item, f"{path}[]")][:20]
    return []


@pytest.mark.parametrize("path,template,recorded", READS, ids=[r[0].split("/", 3)[3] + "@" + r[0].split("/")[1]
                                                              for r in READS])
def test_valid_and_shaped_as_recorded(path, template, recorded, reservation):
    status, doc = ours(path)
    assert status == 200, doc
    assert not doc["errors"], doc["errors"]
    assert violations(template, doc) == []
    assert unknown_keys(template, doc) == []
    if recorded is None:
        return
    ref = json.loads((ASSETS / "answers" / f"{recorded}.json").read_text())
    # an object kind this cluster has none of says nothing of its shape
    assert shape_differences(ref, doc) == []


def _facts(v39, v40, path="$"):
    """Values of every key v0.0.39 and v0.0.40 share that differ: a v0.0.39 plain number against
    a v0.0.40 {set, infinite, number} is compared with its number (0 when not set)."""
    if isinstance(v39, dict) and isinstance(v40, dict):
        return [d for k in v39 if k in v40 for d in _facts(v39[k], v40[k], f"{path}.{k}")]
    if isinstance(v39, list) and isinstance(v40, list):
        if len(v39) != len(v40):
            return [f"{path}: {len(v39)} items != {len(v40)}"]
        return [d for a, b in zip(v39, v40) for d in _facts(a, b, f"{path}[]")]
    number = lambda n: "infinite" if n["infinite"] else n["number"] if n["set"] else 0  # noqa: E731
    if isinstance(v39, float) and v39 in (float(2**32 - 1), float(2**64 - 1)):
        v39 = "infinite"  # a plain double of v0.0.39 holding INFINITE (a QOS' limit factor)
    if isinstance(v40, dict) and set(v40) == {"set", "infinite", "number"} and not isinstance(v39, dict):
        v40 = number(v40)
    if isinstance(v39, dict) and set(v39) == {"set", "infinite", "number"} and not isinstance(v40, dict):
        v39 = number(v39)  # the other way round (a QOS' grace_time)
    if isinstance(v39, str) and isinstance(v40, list):  # v0.0.39's state strings, v0.0.40's lists
        v40 = v40[0] if v40 else ""
    return [] if v39 == v40 else [f"{path}: {v39!r} != v0.0.40's {v40!r}"]


FACT_PATHS = (
    ("/slurm/{v}/partitions{flags}", "partitions", "name"),  # v0.0.39 always asks with SHOW_ALL
    ("/slurm/{v}/nodes", "nodes", "name"),
    ("/slurm/{v}/reservations", "reservations", "name"),
    ("/slurmdb/{v}/qos", "qos", "name"),
    ("/slurmdb/{v}/accounts", "accounts", "name"),
    ("/slurmdb/{v}/users", "users", "name"),
)
# what a node's live counters and clocks may change between two requests
LIVE = {"cpu_load", "free_mem", "alloc_memory", "alloc_cpus", "alloc_idle_cpus", "last_busy", "energy",
        "current_watts", "latency", "state", "next_state_after_reboot", "tres_used", "reason_changed_at"}


@pytest.mark.parametrize("template,key,name", FACT_PATHS, ids=[p[1] for p in FACT_PATHS])
def test_same_facts_as_v0_0_40(template, key, name, reservation):
    status, v39 = ours(template.format(v="v0.0.39", flags=""))
    assert status == 200, v39
    status, v40 = ours(template.format(v="v0.0.40", flags="?flags=ALL"))
    assert status == 200, v40
    by_name = lambda doc: {o[name]: {k: v for k, v in o.items() if k not in LIVE} for o in doc[key]}  # noqa: E731
    a, b = by_name(v39), by_name(v40)
    assert sorted(a) == sorted(b)
    assert [d for n in a for d in _facts(a[n], b[n], f"{key}[{n}]")] == []


def test_same_facts_as_v0_0_38(reservation):
    """Partitions, nodes, reservations and QOS as our v0.0.38 says them."""
    def both(old_path, new_path, key, old_facts, new_facts):
        status, old = ours(old_path)
        assert status == 200, old
        status, new = ours(new_path)
        assert status == 200, new
        assert sorted(map(old_facts, old[key])) == sorted(map(new_facts, new[key])), key

    both("/slurm/v0.0.38/partitions", "/slurm/v0.0.39/partitions", "partitions",
         lambda p: (p["name"], p["nodes"], p["total_cpus"], p["total_nodes"], p["priority_tier"]),
         lambda p: (p["name"], p["nodes"]["configured"], p["cpus"]["total"], p["nodes"]["total"],
                    p["priority"]["tier"]))
    both("/slurm/v0.0.38/nodes", "/slurm/v0.0.39/nodes", "nodes",
         lambda n: (n["name"], n["cpus"], n["sockets"], n["cores"], n["real_memory"], n["partitions"]),
         lambda n: (n["name"], n["cpus"], n["sockets"], n["cores"], n["real_memory"], n["partitions"]))
    both("/slurm/v0.0.38/reservations", "/slurm/v0.0.39/reservations", "reservations",
         lambda r: (r["name"], r["node_list"], r["start_time"], r["end_time"]),
         lambda r: (r["name"], r["node_list"], r["start_time"], r["end_time"]))
    status, old = ours("/slurmdb/v0.0.38/qos")
    status, new = ours("/slurmdb/v0.0.39/qos")
    assert sorted((q["name"], q["priority"], q["limits"]["grace_time"]) for q in old["QOS"]) == sorted(
        (q["name"], q["priority"]["number"], q["limits"]["grace_time"]["number"]) for q in new["qos"])
