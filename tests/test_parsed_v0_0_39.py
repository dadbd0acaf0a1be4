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
import re
import subprocess
import time

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
    ("/slurm/v0.0.39/jobs", "/slurm/v0.0.39/jobs", "slurm-jobs"),
    ("/slurm/v0.0.39/diag", "/slurm/v0.0.39/diag", None),
    ("/slurm/v0.0.39/licenses", "/slurm/v0.0.39/licenses", None),
    ("/slurmdb/v0.0.39/associations", "/slurmdb/v0.0.39/associations", None),
    ("/slurmdb/v0.0.39/jobs", "/slurmdb/v0.0.39/jobs", "slurmdb-job-completed"),
)


RESERVATION = "v39-resv"


@pytest.fixture(scope="module")
def reservation():
    """One reservation of ours (a test bed may have none), in the future on a fake node."""
    def scontrol(*args):
        return subprocess.run(["scontrol", *args], capture_output=True, text=True, timeout=30, check=False)

    for days in (9, 13, 17, 21):  # others' tests reserve fakedown2 too (now+5days ...): one that is free
        made = scontrol("create", "reservation", f"reservationname={RESERVATION}", f"starttime=now+{days}days",
                        "duration=60", "nodes=fakedown2", "users=alice", "flags=ignore_jobs")
        if made.returncode == 0 or "overlaps" not in made.stderr:
            break
    assert made.returncode == 0, made.stderr
    try:
        yield RESERVATION
    finally:
        scontrol("delete", f"reservationname={RESERVATION}")


@pytest.fixture(scope="module")
def jobs():
    """Our own jobs (v39-*, as alice): running, completed and held; cancelled at the end."""
    def sh(command):
        return subprocess.run(["su", "alice", "-s", "/bin/sh", "-c", command], capture_output=True, text=True,
                              timeout=60, cwd="/tmp")

    made = []
    try:
        for args in ("-J v39-run -t 5 -o /dev/null --wrap 'sleep 300'", "-J v39-done -t 1 -o /dev/null --wrap true",
                     "-J v39-held -H -t 1 -o /dev/null --wrap true"):
            out = sh(f"cd /tmp && sbatch --parsable {args}")
            assert out.returncode == 0, out.stderr
            made.append(int(re.match(r"\d+", out.stdout.strip()).group(0)))
        deadline = time.time() + 60
        while time.time() < deadline and (sh(f"squeue -h -j {made[0]} -o %T").stdout.strip() != "RUNNING"
                                          or sh(f"squeue -h -j {made[1]} -o %T").stdout.strip()):
            time.sleep(1)
        yield made
    finally:
        if made:
            sh("scancel " + " ".join(map(str, made)))


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
ORDERED_BY_HAND = {"$", "$.errors[]", "$.warnings[]"}


def unknown_keys(template, doc, method="get", status="200"):
    """Keys of `doc` its schema does not name (the document allows them; its answers have none), and
    keys out of the schema's order."""
    spec = _document()

    def resolve(schema):
        while "$ref" in schema:
            schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def walk(schema, value, path):
        schema = resolve(schema)
        if isinstance(value, dict) and "properties" in schema:
            out = [f"{path}.{k}" for k in value if k not in schema["properties"] and f"{path}.{k}" not in UNDOCUMENTED]
            # its parser wrote the schema from the table its dumper follows: keys in the schema's order
            # (but the answers' envelope and errors[]/warnings[], written by hand: the recorded answers say those)
            known = [k for k in value if k in schema["properties"]]
            if path not in ORDERED_BY_HAND and known != [k for k in schema["properties"] if k in value]:
                out.append(f"{path}: key order {known} != the schema's {list(schema['properties'])}")
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


# Keys 24.05's dumpers write only in some cases (an exit code's signal: when the process was signaled)
SOMETIMES = ("exit_code.signal",)


def shape_differences(ref, our, path="$"):
    """Keys, their order and JSON types of `our` unlike the recorded `ref` (lists: every item of
    ours against the recorded first one; an empty list on either side says nothing; an empty
    object of ours is a NULL pointer, which its dumper writes as {})."""
    if _kind(ref) != _kind(our):
        return [f"{path}: {_kind(our)} where the recorded answer has {_kind(ref)}"]
    if isinstance(ref, dict) and our and ref:
        our = {k: v for k, v in our.items() if k in ref or not f"{path}.{k}".endswith(SOMETIMES)}
    if isinstance(ref, dict) and our and all(k.isdigit() for k in (*ref, *our)):  # a map by number (sockets, cores)
        return [d for v in our.values() for d in shape_differences(next(iter(ref.values())), v, f"{path}[n]")]
    if isinstance(ref, dict) and our:
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
def test_valid_and_shaped_as_recorded(path, template, recorded, reservation, jobs):
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
    if isinstance(v40, float) and v40 in (float(2**32 - 1), float(2**64 - 1)):
        v40 = "infinite"
    if isinstance(v40, dict) and set(v40) == {"set", "infinite", "number"} and not isinstance(v39, dict):
        v40 = number(v40)
    if isinstance(v39, dict) and set(v39) == {"set", "infinite", "number"} and not isinstance(v40, dict):
        v39 = number(v39)  # the other way round (a QOS' grace_time)
    if isinstance(v39, str) and isinstance(v40, list):  # v0.0.39's state strings, v0.0.40's lists
        v40 = v40[0] if v40 else ""
    if isinstance(v39, dict) and "job_id" in v39 and isinstance(v40, str):  # a step id: {job_id, step_id} or "1.batch"
        v39 = ".".join(str(v39[k]) for k in ("job_id", "step_id") if k in v39)
    if all(isinstance(v, int) and v > 10**9 for v in (v39, v40)) and abs(v39 - v40) <= 5:
        return []  # a clock read when the request came (a running or pending job's end in slurmdbd)
    return [] if v39 == v40 else [f"{path}: {v39!r} != v0.0.40's {v40!r}"]


FACT_PATHS = (  # (path, payload key, what names an object, one of them every test bed has: None, our jobs)
    ("/slurm/{v}/partitions{flags}", "partitions", "name", "debug"),  # v0.0.39 always asks with SHOW_ALL
    ("/slurm/{v}/nodes", "nodes", "name", None),
    ("/slurm/{v}/reservations", "reservations", "name", RESERVATION),
    ("/slurm/{v}/jobs", "jobs", "job_id", None),
    ("/slurmdb/{v}/jobs", "jobs", "job_id", None),
    ("/slurmdb/{v}/qos", "qos", "name", "normal"),
    ("/slurmdb/{v}/accounts", "accounts", "name", "root"),
    ("/slurmdb/{v}/users", "users", "name", "alice"),
    ("/slurmdb/{v}/associations", "associations", ("cluster", "account", "user", "partition"), ("root",)),
    ("/slurm/{v}/diag", "statistics", None, 0),
)
# what moves between two requests on a live cluster: a node's counters and clocks, the scheduler's
# statistics, a running job's times
LIVE = {"cpu_load", "free_mem", "alloc_memory", "alloc_cpus", "alloc_idle_cpus", "last_busy", "energy",
        "current_watts", "latency", "state", "next_state_after_reboot", "tres_used", "reason_changed_at",
        "last_sched_evaluation", "elapsed", "statistics", "tres"}
DIAG_STATIC = ("parts_packed", "req_time_start", "server_thread_count", "agent_queue_size", "agent_count",
               "dbd_agent_queue_size", "schedule_cycle_last", "bf_active", "bf_when_last_cycle")


def _objects(doc, key, ident, only):
    if ident is None:  # one object
        return {0: doc[key]}
    if isinstance(ident, tuple):
        return {tuple(o[k] for k in ident): o for o in doc[key]}
    return {o[ident]: o for o in doc[key] if only is None or o[ident] in only}


def _strip(value):
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in LIVE}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


@pytest.mark.parametrize("template,key,ident,known", FACT_PATHS,
                         ids=[p[0].split("/")[1] + "-" + p[1] for p in FACT_PATHS])
def test_same_facts_as_v0_0_40(template, key, ident, known, reservation, jobs):
    """Every key v0.0.39 shares with our v0.0.40 holds the same value, for every object both list
    (others' come and go on the shared cluster, and ours are asked again while it moves)."""
    for attempt in range(3):
        status, v39 = ours(template.format(v="v0.0.39", flags=""))
        assert status == 200, v39
        status, v40 = ours(template.format(v="v0.0.40", flags="?flags=ALL"))
        assert status == 200, v40
        only = jobs if key == "jobs" else None  # of the jobs, ours
        a, b = _objects(v39, key, ident, only), _objects(v40, key, ident, only)
        if key == "statistics":  # the scheduler's live counters: only what a cycle does not change
            a, b = ({0: {k: o[0].get(k) for k in DIAG_STATIC}} for o in (a, b))
        diff = [d for n in a if n in b for d in _facts(_strip(a[n]), _strip(b[n]), f"{key}[{n}]")]
        if not diff:
            break
        time.sleep(1)
    assert diff == []
    if key == "jobs":  # slurmdbd may not list the held job yet
        assert set(jobs[:2]) <= set(a) & set(b)
    elif isinstance(known, tuple):
        assert any(n[1] in known for n in set(a) & set(b))
    elif known is None:
        assert set(a) & set(b)
    else:
        assert known in set(a) & set(b)


def test_same_facts_as_v0_0_38(reservation, jobs):
    """Partitions, nodes, reservations, jobs, accounts, users and QOS as our v0.0.38 says them."""
    def both(old_path, new_path, key, old_facts, new_facts, new_key=None):
        for attempt in range(3):  # others' objects come and go on the shared cluster
            status, old = ours(old_path)
            assert status == 200, old
            status, new = ours(new_path)
            assert status == 200, new
            a, b = sorted(map(old_facts, old[key]), key=repr), sorted(map(new_facts, new[new_key or key]), key=repr)
            if a == b:
                return
            time.sleep(1)
        assert a == b, key

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
    both("/slurmdb/v0.0.38/qos", "/slurmdb/v0.0.39/qos", "QOS",
         lambda q: (q["name"], q["priority"], q["limits"]["grace_time"]),
         lambda q: (q["name"], q["priority"]["number"], q["limits"]["grace_time"]["number"]), new_key="qos")
    mine = lambda j: j["job_id"] in jobs  # noqa: E731
    both("/slurm/v0.0.38/jobs", "/slurm/v0.0.39/jobs", "jobs",
         lambda j: mine(j) and (j["job_id"], j["name"], j["job_state"], j["partition"], j["user_name"], j["nodes"]),
         lambda j: mine(j) and (j["job_id"], j["name"], j["job_state"], j["partition"], j["user_name"], j["nodes"]))
    both("/slurmdb/v0.0.38/accounts", "/slurmdb/v0.0.39/accounts", "accounts",
         lambda a: (a["name"], a["description"], a["organization"]),
         lambda a: (a["name"], a["description"], a["organization"]))
    both("/slurmdb/v0.0.38/users", "/slurmdb/v0.0.39/users", "users",
         lambda u: (u["name"], u["administrator_level"]), lambda u: (u["name"], u["administrator_level"][0]))


def _address(text):
    return re.sub(r"\(0x[0-9a-f]+\)", "(0x)", text)


@pytest.mark.parametrize("path,recorded,status,asked", [
    ("/slurm/v0.0.39/job/{}", "slurm-job-unfound", 404, "5304"),
    ("/slurm/v0.0.39/node/{}", "slurm-node-unfound", 200, "unexisting-node"),
    ("/slurmdb/v0.0.39/job/{}", "slurmdb-job-unfound", 200, None),
], ids=["job", "node", "slurmdb-job"])
def test_not_found_as_recorded(path, recorded, status, asked):
    """What is not there, answered as 24.05's v0.0.39 did (its status, from Slurm-web's notes
    beside the answers): keys and order, errors and warnings word for word but for the name asked
    and slurmdbd's connection address."""
    ref = json.loads((ASSETS / "answers" / f"{recorded}.json").read_text())
    name = "v39-nope" if asked and not asked.isdigit() else "4000000"
    got, doc = ours(path.format(name))
    assert got == status, doc
    mine = json.loads(_address(json.dumps(doc)).replace(name, asked or name))
    theirs = json.loads(_address(json.dumps(ref)))
    assert list(mine) == list(theirs)
    assert shape_differences(theirs, mine) == []
    assert (mine["errors"], mine["warnings"]) == (theirs["errors"], theirs["warnings"])
    assert {k: v for k, v in mine.items() if k not in ("meta", "errors", "warnings")} == {
        k: v for k, v in theirs.items() if k not in ("meta", "errors", "warnings")}


# One object by name: (path, template, payload key, recorded answer, list path it is in)
SINGLE = (
    ("/slurm/v0.0.39/partition/debug", "/slurm/v0.0.39/partition/{partition_name}", "partitions", "slurm-partitions",
     "/slurm/v0.0.39/partitions"),
    ("/slurm/v0.0.39/node/{node}", "/slurm/v0.0.39/node/{node_name}", "nodes", "slurm-node-idle",
     "/slurm/v0.0.39/nodes"),
    ("/slurm/v0.0.39/reservation/" + RESERVATION, "/slurm/v0.0.39/reservation/{reservation_name}", "reservations",
     "slurm-reservations", "/slurm/v0.0.39/reservations"),
    ("/slurm/v0.0.39/job/{job}", "/slurm/v0.0.39/job/{job_id}", "jobs", "slurm-job-running", "/slurm/v0.0.39/jobs"),
    ("/slurmdb/v0.0.39/job/{done}", "/slurmdb/v0.0.39/job/{job_id}", "jobs", "slurmdb-job-completed",
     "/slurmdb/v0.0.39/jobs"),
    ("/slurmdb/v0.0.39/qos/normal", "/slurmdb/v0.0.39/qos/{qos_name}", "qos", "slurm-qos", "/slurmdb/v0.0.39/qos"),
    ("/slurmdb/v0.0.39/user/alice", "/slurmdb/v0.0.39/user/{user_name}", "users", None, "/slurmdb/v0.0.39/users"),
    ("/slurmdb/v0.0.39/account/testacct", "/slurmdb/v0.0.39/account/{account_name}", "accounts", "slurm-accounts",
     "/slurmdb/v0.0.39/accounts"),
    ("/slurmdb/v0.0.39/association?user=alice&account=testacct", "/slurmdb/v0.0.39/association", "associations",
     None, "/slurmdb/v0.0.39/associations"),
)


@pytest.mark.parametrize("path,template,key,recorded,listed", SINGLE, ids=[s[1].split("/", 3)[3] for s in SINGLE])
def test_one_object(path, template, key, recorded, listed, reservation, jobs):
    """Valid, shaped as recorded, and the very object its list answer has."""
    status, nodes = ours("/slurm/v0.0.39/nodes")
    path = path.format(node=nodes["nodes"][0]["name"], job=jobs[0], done=jobs[1])
    status, doc = ours(path)
    assert status == 200, doc
    assert not doc["errors"], doc["errors"]
    assert violations(template, doc) == []
    assert unknown_keys(template, doc) == []
    assert len(doc[key]) == 1
    if recorded:
        ref = json.loads((ASSETS / "answers" / f"{recorded}.json").read_text())
        assert shape_differences(ref, doc) == []
    ident = {"jobs": "job_id", "associations": "id"}.get(key, "name")
    for attempt in range(3):  # a running job's flags and clocks move between the two requests
        status, every = ours(listed)
        one = _strip(doc[key][0])
        if key == "associations":
            match = [o for o in every[key] if (o["user"], o["account"]) == (one["user"], one["account"])]
        else:
            match = [o for o in every[key] if o[ident] == one[ident]]
        assert len(match) == 1
        if key == "jobs" and listed.startswith("/slurmdb/"):
            # slurmdbd answers a list within a time window, one job without: a pending job's start and
            # end read "now" in the first, 0 in the second
            one = {k: v for k, v in one.items() if k != "time"}
            match = [{k: v for k, v in match[0].items() if k != "time"}]
        diff = _facts(one, _strip(match[0]))
        if not diff:
            break
        time.sleep(1)
        status, doc = ours(path)
    assert diff == []


# v0.0.39 documents a parameter ours lacks: slurmdb jobs' group= (ours, from v0.0.40's tables, says groups=)
PARAMETERS_NOT_SERVED = {("/slurmdb/v0.0.39/jobs", "group")}


@pytest.mark.portable
def test_document_as_captured():
    """Each v0.0.39 operation of our document is described as the captured 24.05 document does:
    summary, deprecated, tags, path parameters, both answers' descriptions; every query parameter it
    documents, ours does too (ours may list more: v0.0.40's, which our handlers read)."""
    from slurmrestd_py import api, versions
    from slurmrestd_py.api.openapi import describe

    ours = describe(api.routes([versions.PLUGINS["v0.0.39"], versions.PLUGINS["dbv0.0.39"]]))["paths"]
    spec = _document()["paths"]
    # every operation of its document is served
    assert sorted((p, m) for p, item in ours.items() for m in item) == sorted(
        (p, m) for p, item in spec.items() if "/v0.0.39/" in p for m in item if m in ("get", "post", "delete"))
    for path, item in ours.items():
        for method, op in item.items():
            theirs = spec[path][method]
            for key in ("summary", "deprecated", "tags"):
                assert op.get(key) == theirs.get(key), (path, method, key)
            params = theirs.get("parameters", []) + spec[path].get("parameters", [])
            mine = {p["name"]: p for p in op.get("parameters", [])}
            for p in params:
                if (path, p["name"]) in PARAMETERS_NOT_SERVED:
                    continue
                assert p["name"] in mine, (path, method, p["name"])
                if p["in"] == "path":
                    assert mine[p["name"]]["description"] == p["description"], (path, p["name"])
            assert {k: v["description"] for k, v in op["responses"].items()} == \
                   {k: v["description"] for k, v in theirs["responses"].items()}, (path, method)


# Its writes served (operations of the 24.05 document)
WRITES = (("/slurm/v0.0.39/job/submit", "post"), ("/slurm/v0.0.39/job/{job_id}", "post"),
          ("/slurm/v0.0.39/job/{job_id}", "delete"))


def _write(method, path, body=None):
    status, _, doc = _ours(method, path, body, env={"SLURMRESTD_OPENAPI_PLUGINS": PLUGINS}, user="alice")
    return status, doc


def test_job_submit_update_cancel():
    """Submit a held job, update its comment, cancel it, in v0.0.39: each answer valid against the
    24.05 document's schema of that operation and with no key its schema does not name (but the
    ones its handlers write all the same: submit's `result`, update's first job id); the job then
    carries the same facts in v0.0.39, v0.0.40 and v0.0.38 (name, comment, state, partition, user)."""
    name = "v39w-write"
    body = {"script": "#!/bin/sh\ntrue\n", "job": {"name": name, "partition": "debug", "hold": True,
                                                   "current_working_directory": "/tmp", "environment": ["PATH=/bin"]}}
    status, doc = _write("POST", "/slurm/v0.0.39/job/submit", body)
    assert status == 200, doc
    assert not doc["errors"], doc
    assert violations("/slurm/v0.0.39/job/submit", doc, "post") == []
    assert list(doc) == ["meta", "errors", "warnings", "result", "job_id", "step_id", "job_submit_user_msg"]
    assert [w["source"] for w in doc["warnings"]] == ["slurm_submit_batch_job()"]  # held: a warning
    job_id = doc["job_id"]
    assert doc["result"]["job_id"] == job_id and doc["step_id"] == "batch"
    try:
        # its job description requires an environment, an update's too
        status, doc = _write("POST", f"/slurm/v0.0.39/job/{job_id}", {"comment": name + "-x"})
        assert [(e["error_number"], e["description"]) for e in doc["errors"]] == [
            (9200, "Missing required field 'environment' in dictionary")], doc
        assert violations("/slurm/v0.0.39/job/{job_id}", doc, "post", "default" if status != 200 else "200") == []
        status, doc = _write("POST", f"/slurm/v0.0.39/job/{job_id}", {"comment": name + "-c", "environment": []})
        assert status == 200 and not doc["errors"], doc
        assert violations("/slurm/v0.0.39/job/{job_id}", doc, "post") == []

        def facts(version):
            status, got = ours(f"/slurm/{version}/job/{job_id}")
            assert status == 200, got
            (j,) = got["jobs"]
            state = j["job_state"] if isinstance(j["job_state"], str) else j["job_state"][0]
            return j["name"], j.get("comment"), state, j["partition"], j["user_name"]

        assert facts("v0.0.39") == facts("v0.0.40") == facts("v0.0.38") == (name, name + "-c", "PENDING", "debug",
                                                                            "alice")
    finally:
        status, doc = _write("DELETE", f"/slurm/v0.0.39/job/{job_id}")
    assert status == 200 and not doc["errors"], doc
    assert violations("/slurm/v0.0.39/job/{job_id}", doc, "delete") == []
    assert list(doc) == ["meta", "errors", "warnings"]
    assert facts("v0.0.39")[2] == facts("v0.0.40")[2] == facts("v0.0.38")[2] == "CANCELLED"
    # signalling it again: already done, a warning (its _handle_job_delete)
    status, doc = _write("DELETE", f"/slurm/v0.0.39/job/{job_id}?signal=TERM")
    assert status == 200 and not doc["errors"], doc
    assert doc["warnings"] == [{"description": "Job was already sent signal Terminated", "source": "_handle_job_delete"}]


@pytest.mark.parametrize("body,code,description", [
    (None, 9000, "unexpected empty query for job"),
    ({"job": {}, "jobs": []}, 9000, "Specify only one \"job\" or \"jobs\" fields but never both"),
    ({"script": "x"}, 9000, "Specifying either \"job\" or \"jobs\" fields are required to submit a new job"),
    ({"script": "", "job": {}}, 9000, "Populated \"script\" field is required for job submission"),
    ({"job": []}, 9201, "\"job\" field must be a dictionary with job properties"),
], ids=["empty", "both", "neither", "empty-script", "job-not-dict"])
def test_job_submit_refused(body, code, description):
    """What its _job_submit_post refuses, in its words; the answer still valid."""
    status, doc = _write("POST", "/slurm/v0.0.39/job/submit", body)
    assert [(e["error_number"], e["description"], e["source"]) for e in doc["errors"]] == [
        (code, description, "_job_submit_post")]
    assert violations("/slurm/v0.0.39/job/submit", doc, "post", "default" if status != 200 else "200") == []


ADMIN = "v39wadmin"
# Keys its dumpers write that its schemas do not name: warnings (dbv0.0.39_wckey_info lists none),
# a rollup's last_run (its schema says "last run") and last_cycle
DUMPER_KEYS = {"$.warnings", "$.statistics.rollups[].last_run", "$.statistics.rollups[].last_cycle"}


@pytest.fixture(scope="module")
def admin():
    """A slurmdbd administrator made for these tests (wckeys, diag and config need one)."""
    from db_admin import administrator

    with administrator(ADMIN) as name:
        yield name


# Its slurmdb reads of clusters, wckeys, statistics and configuration:
# (path, template of the 24.05 document, payload key, its v0.0.40 path or None, what names an object)
DB_READS = (
    ("/slurmdb/v0.0.39/clusters", "/slurmdb/v0.0.39/clusters", "clusters", "/slurmdb/v0.0.40/clusters/?with_deleted=1",
     "name"),
    ("/slurmdb/v0.0.39/cluster/{cluster}", "/slurmdb/v0.0.39/cluster/{cluster_name}", "clusters",
     "/slurmdb/v0.0.40/cluster/{cluster}", "name"),
    ("/slurmdb/v0.0.39/wckeys", "/slurmdb/v0.0.39/wckeys", "wckeys", "/slurmdb/v0.0.40/wckeys/?with_deleted=1", "id"),
    ("/slurmdb/v0.0.39/wckey/v39w-none", "/slurmdb/v0.0.39/wckey/{wckey}", "wckeys", None, "id"),
    ("/slurmdb/v0.0.39/diag", "/slurmdb/v0.0.39/diag", "statistics", None, None),
    ("/slurmdb/v0.0.39/config", "/slurmdb/v0.0.39/config", "clusters", "/slurmdb/v0.0.40/config", "name"),
)


def _cluster_name():
    _, doc = ours("/slurmdb/v0.0.40/clusters/")
    return doc["clusters"][0]["name"]


@pytest.mark.parametrize("path,template,key,v40,ident", DB_READS, ids=[r[1].split("/", 3)[3] for r in DB_READS])
def test_db_reads_valid_and_same_facts(path, template, key, v40, ident, admin):
    """Valid against the 24.05 document's schema of the operation, no key it does not name, and
    every object it lists carries the same facts as in our v0.0.40."""
    cluster = _cluster_name()
    path, v40 = path.format(cluster=cluster), v40 and v40.format(cluster=cluster)
    for attempt in range(3):
        status, doc = ours(path, user=ADMIN)
        assert status == 200 and not doc["errors"], doc
        assert violations(template, doc) == []
        assert [k for k in unknown_keys(template, doc) if "key order" not in k and k not in DUMPER_KEYS] == []
        if v40 is None:
            assert key in doc
            return
        status, new = ours(v40, user=ADMIN)
        assert status == 200 and not new["errors"], new
        a, b = ({o[ident]: o for o in d[key]} for d in (doc, new))
        assert set(a) == set(b) and (a or key == "wckeys"), (set(a), set(b))  # (a test bed may have no wckey)
        diff = [d for n in a for d in _facts(_strip(a[n]), _strip(b[n]), f"{key}[{n}]")]
        if not diff:
            break
        time.sleep(1)
    assert diff == []


def test_db_reads_as_a_plain_user():
    """alice may read clusters; wckeys are refused as slurmdbd refuses them, in an answer still valid."""
    status, doc = ours("/slurmdb/v0.0.39/clusters")
    assert status == 200 and not doc["errors"] and doc["clusters"], doc
    status, doc = ours("/slurmdb/v0.0.39/wckeys")
    assert violations("/slurmdb/v0.0.39/wckeys", doc, "get", "200" if status == 200 else "default") == []


def _db(method, path, body=None, user=ADMIN):
    status, _, doc = _ours(method, path, body, env={"SLURMRESTD_OPENAPI_PLUGINS": PLUGINS}, user=user)
    return status, doc


def _sacctmgr(*args):
    return subprocess.run(["sacctmgr", "-i", "-n", "-P", *args], capture_output=True, text=True, timeout=60,
                          check=False)


def _valid(method, path, template, body=None):
    """The answer to a write, which must succeed and be valid against the 24.05 document."""
    status, doc = _db(method, path, body)
    assert status == 200 and not doc["errors"], (path, doc)
    assert violations(template, doc, method.lower()) == []
    return doc


def _same_facts(v39_path, v40_path, key):
    """The one object both answers list carries the same facts in v0.0.39 and v0.0.40."""
    (a,), (b,) = _db("GET", v39_path)[1][key], _db("GET", v40_path)[1][key]
    assert _facts(_strip(a), _strip(b)) == []
    return a


def test_slurmdb_writes(admin):
    """Its slurmdb writes, each answer valid against the 24.05 document, each write read back in
    v0.0.39, v0.0.40 (same facts) and v0.0.38: an account (v39w-acct) and its associations, a QOS
    (v39w-qos), a wckey of alice (v39w-wckey); then their deletions, checked with sacctmgr."""
    cluster = _cluster_name()
    try:
        _valid("POST", "/slurmdb/v0.0.39/accounts", "/slurmdb/v0.0.39/accounts",
               {"accounts": [{"name": "v39w-acct", "description": "v39w account", "organization": "v39w"}]})
        account = _same_facts("/slurmdb/v0.0.39/account/v39w-acct", "/slurmdb/v0.0.40/account/v39w-acct", "accounts")
        assert (account["description"], account["organization"]) == ("v39w account", "v39w")
        _, old = _db("GET", "/slurmdb/v0.0.38/account/v39w-acct")
        assert [(a["name"], a["description"]) for a in old["accounts"]] == [("v39w-acct", "v39w account")]
        for assoc in ({"cluster": cluster, "account": "v39w-acct", "user": "", "parent_account": "root"},
                      {"cluster": cluster, "account": "v39w-acct", "user": "alice"}):
            _valid("POST", "/slurmdb/v0.0.39/associations", "/slurmdb/v0.0.39/associations", {"associations": [assoc]})
        _same_facts("/slurmdb/v0.0.39/association?account=v39w-acct&user=alice",
                    "/slurmdb/v0.0.40/association/?account=v39w-acct&user=alice", "associations")
        assert "alice" in _sacctmgr("list", "assoc", "account=v39w-acct", "format=user").stdout.split()
        doc = _valid("DELETE", f"/slurmdb/v0.0.39/association?account=v39w-acct&user=alice&cluster={cluster}",
                     "/slurmdb/v0.0.39/association")
        assert len(doc["removed_associations"]) == 1
        assert "alice" not in _sacctmgr("list", "assoc", "account=v39w-acct", "format=user").stdout.split()
        doc = _valid("DELETE", "/slurmdb/v0.0.39/account/v39w-acct", "/slurmdb/v0.0.39/account/{account_name}")
        assert doc["removed_accounts"] == ["v39w-acct"]
        assert not _sacctmgr("list", "account", "v39w-acct").stdout.strip()

        _valid("POST", "/slurmdb/v0.0.39/qos", "/slurmdb/v0.0.39/qos",
               {"qos": [{"name": "v39w-qos", "description": "v39w qos", "priority": {"set": True, "number": 7}}]})
        qos = _same_facts("/slurmdb/v0.0.39/qos/v39w-qos", "/slurmdb/v0.0.40/qos/v39w-qos", "qos")
        assert (qos["description"], qos["priority"]["number"]) == ("v39w qos", 7)
        _, old = _db("GET", "/slurmdb/v0.0.38/qos/v39w-qos")
        assert [(q["name"], q["priority"]) for q in old["QOS"]] == [("v39w-qos", 7)]
        doc = _valid("DELETE", "/slurmdb/v0.0.39/qos/v39w-qos", "/slurmdb/v0.0.39/qos/{qos_name}")
        assert doc["removed_qos"] == ["v39w-qos"]
        assert not _sacctmgr("list", "qos", "v39w-qos", "format=name").stdout.strip()

        _valid("POST", "/slurmdb/v0.0.39/wckeys", "/slurmdb/v0.0.39/wckeys",
               {"wckeys": [{"name": "v39w-wckey", "user": "alice", "cluster": cluster}]})
        _, doc = _db("GET", "/slurmdb/v0.0.39/wckey/v39w-wckey")
        (wckey,) = doc["wckeys"]
        assert (wckey["name"], wckey["user"], wckey["cluster"]) == ("v39w-wckey", "alice", cluster)
        _same_facts("/slurmdb/v0.0.39/wckey/v39w-wckey", "/slurmdb/v0.0.40/wckey/v39w-wckey", "wckeys")
        doc = _valid("DELETE", "/slurmdb/v0.0.39/wckey/v39w-wckey", "/slurmdb/v0.0.39/wckey/{wckey}")
        assert len(doc["deleted_wckeys"]) == 1
    finally:
        _sacctmgr("delete", "user", "alice", "account=v39w-acct")
        _sacctmgr("delete", "account", "v39w-acct")
        _sacctmgr("delete", "qos", "v39w-qos")
        if "v39w-wckey" in _sacctmgr("list", "wckeys", "format=wckey").stdout.split():
            _db("DELETE", "/slurmdb/v0.0.39/wckey/v39w-wckey")


def test_slurmdb_writes_refused(admin):
    """What is not there or not supported, answered in a valid document."""
    status, doc = _db("POST", "/slurmdb/v0.0.39/tres", {"tres": []})
    assert [e["description"] for e in doc["errors"]] == ["Updating TRES is not currently supported"]
    assert violations("/slurmdb/v0.0.39/tres", doc, "post", "default") == []
    for path, template in (("/slurmdb/v0.0.39/cluster/v39w-none", "/slurmdb/v0.0.39/cluster/{cluster_name}"),
                           ("/slurmdb/v0.0.39/user/v39w-none", "/slurmdb/v0.0.39/user/{user_name}")):
        status, doc = _db("DELETE", path)
        assert status in (200, 304) and (status == 304 or not doc["errors"]), (path, status, doc)


def test_node_update(admin):
    """POST node/{node_name}: a comment set and cleared on fakedown2 (by a slurmdbd Administrator:
    slurmrestd refuses root), read in v0.0.39 and v0.0.40; both answers valid."""
    node = "fakedown2"

    def comment(version):
        _, doc = _db("GET", f"/slurm/{version}/node/{node}", user=ADMIN)
        return doc["nodes"][0].get("comment")

    try:
        status, doc = _db("POST", f"/slurm/v0.0.39/node/{node}", {"comment": "v39w"}, user=ADMIN)
        assert status == 200 and not doc["errors"], doc
        assert violations("/slurm/v0.0.39/node/{node_name}", doc, "post") == []
        assert comment("v0.0.39") == comment("v0.0.40") == "v39w"
    finally:
        status, doc = _db("POST", f"/slurm/v0.0.39/node/{node}", {"comment": ""}, user=ADMIN)
    assert status == 200 and not doc["errors"], doc
    assert comment("v0.0.39") == comment("v0.0.40") == ""


def test_post_config_loads_and_commits(admin):
    """POST config in v0.0.39 loads each kind its body has (here an account and a QOS) and commits,
    as its _op_handler_config did (the family's, 24.11 on, stops at TRES and commits nothing)."""
    body = {"accounts": [{"name": "v39w-cfg", "description": "v39w config", "organization": "v39w"}],
            "qos": [{"name": "v39w-cfgqos", "description": "v39w config qos"}]}
    try:
        status, doc = _db("POST", "/slurmdb/v0.0.39/config", body)
        assert status == 200 and not doc["errors"], doc
        assert violations("/slurmdb/v0.0.39/config", doc, "post") == []
        assert _sacctmgr("list", "account", "v39w-cfg", "format=account").stdout.split() == ["v39w-cfg"]
        assert _sacctmgr("list", "qos", "v39w-cfgqos", "format=name").stdout.split() == ["v39w-cfgqos"]
        _same_facts("/slurmdb/v0.0.39/account/v39w-cfg", "/slurmdb/v0.0.40/account/v39w-cfg", "accounts")
    finally:
        _sacctmgr("delete", "account", "v39w-cfg")
        _sacctmgr("delete", "qos", "v39w-cfgqos")
    assert not _sacctmgr("list", "account", "v39w-cfg", "format=account").stdout.strip()
