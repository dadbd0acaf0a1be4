"""The older slurmctld plugins, v0.0.37 and v0.0.36, against the reference field by field: every
operation they serve, jobs in several states, nodes, partitions, reservations, job submission and
update, errors; the OpenAPI document and -s with only them enabled.

Objects made here are named "ctl36-..." and removed at the end.
"""
import json
import socket
import time

import pytest

from compare import differences
from differential import scontrol
from reference import build_request, parse_response, reference
from service import ours, raw_ours, responses
from test_controller import DIAG_MOVES
from test_jobs import ENV, PER_JOB, SCRIPT, cancel, sbatch, state, wait_state
from test_nodes import MOVING

VERSIONS = ["v0.0.37", "v0.0.36"]
NAME = "ctl36"
REAL = socket.gethostname().split(".")[0]


def same(method, path, body=None, user="alice", ignore=(), attempts=3, order=True):
    """Both services answer alike (status, body; key order too), retried on the live cluster."""
    for _ in range(attempts):
        (rs, _, rb), (os_, _, ob) = reference(method, path, body, None, user), ours(method, path, body, None, user)
        diff = ([f"status {rs} != {os_}"] if rs != os_ else []) + differences(rb, ob, set(ignore))
        if order and not diff:
            diff = _order(rb, ob)
        if not diff or method != "GET":
            break
        time.sleep(1)
    assert diff == [], f"{method} {path}:\n" + "\n".join(diff)
    return rb


def _order(ref, got, path="$"):
    if isinstance(ref, dict) and isinstance(got, dict):
        if list(ref) != list(got):
            return [f"{path}: key order {list(ref)} != {list(got)}"]
        return [d for k in ref for d in _order(ref[k], got[k], f"{path}.{k}")]
    if isinstance(ref, list) and isinstance(got, list):
        return [d for a, b in zip(ref, got) for d in _order(a, b, f"{path}[]")]
    return []


def body(name, **extra):
    return {"name": name, "environment": ENV, "current_working_directory": "/tmp",
            "memory_per_node": "16M", "standard_output": "/dev/null", **extra}


# -- fixtures --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def jobs():
    made = {
        "held": sbatch("-J", f"{NAME}-held", "-H", "--wrap", "sleep 300"),
        "running": sbatch("-J", f"{NAME}-run", "-t", "5", "--wrap", "sleep 300"),
        "completed": sbatch("-J", f"{NAME}-ok", "--wrap", "true"),
        "cancelled": sbatch("-J", f"{NAME}-cxl", "-H", "--wrap", "sleep 300"),
        "array": sbatch("-J", f"{NAME}-arr", "-H", "-a", "1-3%2", "--wrap", "sleep 300"),
    }
    made["bob"] = sbatch("-J", f"{NAME}-bob", "-H", "--wrap", "sleep 300", user="bob")
    try:
        cancel([made["cancelled"]])
        wait_state(made["cancelled"], ("CANCELLED",))
        try:  # the shared node may be busy with others' jobs: then these two stay pending
            wait_state(made["running"], ("RUNNING",), timeout=60)
            wait_state(made["completed"], ("COMPLETED",), timeout=60)
        except AssertionError:
            pass
        yield made
    finally:
        cancel([v for k, v in made.items() if k != "bob"])
        cancel([made["bob"]], user="bob")


@pytest.fixture(scope="module")
def cluster_objects():
    """fakedown1 drained; partitions with memory limits and preemption modes; a reservation."""
    scontrol("update", "nodename=fakedown1", "state=drain", f"reason={NAME} drain")
    scontrol("create", f"partitionname={NAME}-p1", "nodes=fakefut1", "state=down", "MaxMemPerCPU=50",
             "DefMemPerNode=500", "PreemptMode=REQUEUE", "DefaultTime=UNLIMITED", "MaxNodes=UNLIMITED")
    scontrol("create", f"partitionname={NAME}-p2", "nodes=fakefut2", "state=drain", "DefMemPerCPU=100",
             "MaxMemPerNode=900", "PreemptMode=OFF", "DefaultTime=10")
    scontrol("create", f"partitionname={NAME}-p3", "nodes=fakefut3", "state=inactive")
    scontrol("create", "reservation", f"reservationname={NAME}-resv", "starttime=now+1day", "duration=60",
             "nodes=fakedown2", "users=alice", "flags=hourly,ignore_jobs,magnetic")
    try:
        yield
    finally:
        scontrol("delete", f"reservationname={NAME}-resv", check=False)
        for p in ("p1", "p2", "p3"):
            scontrol("delete", f"partitionname={NAME}-{p}", check=False)
        scontrol("update", "nodename=fakedown1", "state=undrain", check=False)
        scontrol("update", "nodename=fakedown1", "state=down", "reason=fake node", check=False)


# -- ping, diag ------------------------------------------------------------------------------------
@pytest.mark.parametrize("v", VERSIONS)
def test_ping_and_diag(v):
    same("GET", f"/slurm/{v}/ping")
    same("GET", f"/slurm/{v}/diag", ignore=DIAG_MOVES)


# -- nodes, partitions, reservations ---------------------------------------------------------------
@pytest.mark.parametrize("v", VERSIONS)
@pytest.mark.parametrize("path", ["nodes", "node/fakedown1", "node/fakedown2", f"node/{REAL}", "node/fakefut1",
                                  "node/nosuch", "nodes?update_time=abc", "nodes?update_time=99999999999"])
def test_nodes(cluster_objects, v, path):
    same("GET", f"/slurm/{v}/{path}", ignore=MOVING)


@pytest.mark.parametrize("v", VERSIONS)
@pytest.mark.parametrize("path", ["partitions", "partition/debug", "partition/fakehidden", f"partition/{NAME}-p1",
                                  f"partition/{NAME}-p2", f"partition/{NAME}-p3", "partition/nosuch",
                                  "partitions?update_time=abc", "partitions?update_time=99999999999"])
def test_partitions(cluster_objects, v, path):
    same("GET", f"/slurm/{v}/{path}")


@pytest.mark.parametrize("path", ["reservations", f"reservation/{NAME}-resv", f"reservation/{NAME}-nosuch",
                                  "reservations?update_time=abc", "reservations?update_time=99999999999"])
def test_reservations_v37(cluster_objects, path):
    body = same("GET", f"/slurm/v0.0.37/{path}")
    if path == f"reservation/{NAME}-resv":
        assert "HOURLY" not in body["reservations"][0]["flags"]


def test_no_reservations_in_v36():
    (rs, _, _), (os_, _, _) = reference("GET", "/slurm/v0.0.36/reservations"), ours("GET", "/slurm/v0.0.36/reservations")
    assert rs == os_ == 404


# -- jobs ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("v", VERSIONS)
def test_get_jobs(jobs, v):
    rb, ob = (f("GET", f"/slurm/{v}/jobs")[2] for f in (reference, ours))
    mine = set(jobs.values())
    pick = lambda b: {j["job_id"]: j for j in b["jobs"] if j["job_id"] in mine or j["array_job_id"] in mine}  # noqa: E731
    ref, got = pick(rb), pick(ob)
    assert set(ref) == set(got) and len(ref) >= len(mine)
    for job_id, record in ref.items():
        assert differences(record, got[job_id]) == [] and _order(record, got[job_id]) == [], job_id


@pytest.mark.parametrize("v", VERSIONS)
@pytest.mark.parametrize("kind", ["held", "running", "completed", "cancelled", "array", "bob"])
def test_get_job(jobs, v, kind):
    assert same("GET", f"/slurm/{v}/job/{jobs[kind]}")["jobs"]


def test_running_job_resources_v37(jobs):
    if state(jobs["running"]) != "RUNNING":
        pytest.skip("the shared node is busy with others' jobs")
    record = same("GET", f"/slurm/v0.0.37/job/{jobs['running']}")["jobs"][0]
    nodes = record["job_resources"]["allocated_nodes"]
    assert set(nodes["0"]) == {"sockets", "cores", "memory", "cpus"}


@pytest.mark.parametrize("path", ["jobs?update_time=abc", "jobs?update_time=99999999999", "job/99999999"])
def test_job_queries_v37(path):
    same("GET", f"/slurm/v0.0.37/{path}")


@pytest.mark.parametrize("path", ["jobs?update_time=abc", "jobs?update_time=99999999999"])
def test_v36_ignores_update_time(jobs, path):
    (rs, _, rb), (os_, _, ob) = (f("GET", f"/slurm/v0.0.36/{path}") for f in (reference, ours))
    assert rs == os_ == 200 and rb["errors"] == ob["errors"] == [] and ob["jobs"]


# -- POST /job/submit ------------------------------------------------------------------------------
SUBMITS = [
    {"script": SCRIPT, "job": body(f"{NAME}-s1", hold=True, time_limit="1:30", tasks=2, comment="c", nice=5,
                                   requeue=False, mail_type="END,FAIL", exclusive="user", nodes="1")},
    {"script": SCRIPT, "job": body(f"{NAME}-s2", hold=True, array="1-3%1", memory_per_cpu="8M", account="testacct",
                                   **{"time minimum": 2, "time_limit": 5, "msc_label": ""})},
    {"script": SCRIPT, "jobs": [body(f"{NAME}-s3", hold=True), body(f"{NAME}-s3b", tasks=1)]},
    {"script": SCRIPT, "job": {k: v for k, v in body(None, hold=True).items() if k != "name"}},
]


def _submitted(answer):
    return [answer["job_id"]] if isinstance(answer, dict) and answer.get("job_id") else []


@pytest.mark.parametrize("v", VERSIONS)
@pytest.mark.parametrize("submission", SUBMITS, ids=["single", "array", "het", "unnamed"])
def test_submit(v, submission):
    if v == "v0.0.36":  # its own spellings of two keys
        submission = json.loads(json.dumps(submission).replace('"msc_label": "", ', ""))
    (rs, _, rb), (os_, _, ob) = (f("POST", f"/slurm/{v}/job/submit", submission) for f in (reference, ours))
    try:
        assert rs == os_ == 200, (rb, ob)
        assert differences(rb, ob, {"$.job_id"}) == []
        ref_job = reference("GET", f"/slurm/{v}/job/{rb['job_id']}")[2]
        our_job = reference("GET", f"/slurm/{v}/job/{ob['job_id']}")[2]
        assert differences(ref_job, our_job, PER_JOB) == []
    finally:
        cancel(_submitted(rb) + _submitted(ob))


BAD = {
    "unknown": {"script": SCRIPT, "job": body(f"{NAME}-bad", bogus=1)},
    "v38-only-key": {"script": SCRIPT, "job": body(f"{NAME}-bad", prefer="x")},
    "time": {"script": SCRIPT, "job": body(f"{NAME}-bad", time_limit="soon")},
    "disabled": {"script": SCRIPT, "job": body(f"{NAME}-bad", x11=True)},
    "oversubscribe": {"script": SCRIPT, "job": body(f"{NAME}-bad", oversubscribe=True)},
    "priority": {"script": SCRIPT, "job": body(f"{NAME}-bad", priority=5, hold=True)},
    "no-env": {"script": SCRIPT, "job": {"name": f"{NAME}-bad"}},
    "no-script": {"job": body(f"{NAME}-bad")},
    "het": {"script": SCRIPT, "jobs": [body(f"{NAME}-bad"), body(f"{NAME}-bad", nodes="abc")]},
}


@pytest.mark.parametrize("v", VERSIONS)
@pytest.mark.parametrize("name", list(BAD))
def test_bad_submission(v, name):
    (rs, _, rb), (os_, _, ob) = (f("POST", f"/slurm/{v}/job/submit", BAD[name]) for f in (reference, ours))
    try:
        assert rs == os_, (rb, ob)
        assert differences(rb, ob, {"$.job_id"}) == []
    finally:
        cancel(_submitted(rb) + _submitted(ob))


# -- POST /job/{id}, DELETE /job/{id} --------------------------------------------------------------
@pytest.mark.parametrize("update", [{"time_limit": 3}, {"bogus": 3}, [{"time_limit": 3}], {"tasks": "abc"}],
                         ids=["others", "unknown", "list", "bad-value"])
def test_update_v37(jobs, update):
    same("POST", f"/slurm/v0.0.37/job/{jobs['bob']}", update)


@pytest.mark.parametrize("v", VERSIONS)
def test_update_own_job(v):
    job_id = sbatch("-J", f"{NAME}-upd", "-H", "-t", "10", "--wrap", "sleep 300")
    try:
        status, _, answer = ours("POST", f"/slurm/{v}/job/{job_id}", {"time_limit": "0:20:00", "comment": "x"})
        assert status == 200 and answer["errors"] == [], answer
        record = reference("GET", f"/slurm/{v}/job/{job_id}")[2]["jobs"][0]
        assert record["time_limit"] == 20 and record["comment"] == "x"
        # v0.0.36 names a job sent without a name "openapi", updates included (as the reference)
        assert record["name"] == (f"{NAME}-upd" if v == "v0.0.37" else "openapi")
    finally:
        cancel([job_id])


@pytest.mark.parametrize("query", ["", "?signal=XYZ", "?signal=0", "?signal=TERM"])
def test_delete_others_v37(jobs, query):
    same("DELETE", f"/slurm/v0.0.37/job/{jobs['bob']}{query}")
    assert state(jobs["bob"]) == "PENDING"


@pytest.mark.parametrize("v", VERSIONS)
def test_delete_own_job(v):
    job_id = sbatch("-J", f"{NAME}-del", "-H", "--wrap", "sleep 300")
    try:
        status, _, answer = ours("DELETE", f"/slurm/{v}/job/{job_id}?signal=SIGKILL")
        assert status == 200 and answer["errors"] == [], answer
        wait_state(job_id, ("CANCELLED",))
    finally:
        cancel([job_id])


def test_delete_unknown_v37():
    same("DELETE", "/slurm/v0.0.37/job/99999999")


# v0.0.36 words its job failures its own way ({"error": "<function>: ...", "error_code": 0}, 500)
@pytest.mark.parametrize("method, path, update", [
    ("GET", "job/99999999", None), ("GET", "job/0", None), ("GET", "job/-5", None),
    ("GET", "job/4294967294", None), ("DELETE", "job/99999999", None), ("DELETE", "job/{bob}", None),
    ("DELETE", "job/{bob}?signal=XYZ", None), ("POST", "job/99999999", {"time_limit": 3}),
    ("POST", "job/{bob}", {"time_limit": 3}), ("POST", "job/{bob}", {"bogus": 3}),
    ("POST", "job/{bob}", {"priority": 3}), ("POST", "job/{bob}", [{"time_limit": 3}]),
    ("POST", "job/{bob}", [{"tasks": "abc"}]), ("POST", "job/{bob}", {"tasks": "abc"}),
])
def test_job_errors_v36(jobs, method, path, update):
    same(method, "/slurm/v0.0.36/" + path.format(bob=jobs["bob"]), update)
    assert state(jobs["bob"]) == "PENDING"


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_v36_job_id_is_an_integer(method):
    """Its router finds no URL for a job_id that is no integer (the 404 bodies differ in general)."""
    (rs, _, _), (os_, _, _) = (f(method, "/slurm/v0.0.36/job/123_4", {} if method == "POST" else None)
                               for f in (reference, ours))
    assert rs == os_ == 404


# -- the OpenAPI document and -s with only the older plugins ---------------------------------------
@pytest.mark.parametrize("plugins", ["v0.0.37", "v0.0.36", "v0.0.37,v0.0.36"])
def test_openapi_document_with_older_plugins(plugins):
    from openapi_spec_validator import validate

    raw = raw_ours(build_request("GET", "/openapi/v3"), args=f"-a rest_auth/local -s {plugins}")
    status, _, text = responses(raw)[0]
    assert status == 200
    doc = json.loads(text)
    validate(doc)
    ref = json.loads(parse_response(_reference_with(plugins, build_request("GET", "/openapi/v3")))[2])
    assert set(doc["paths"]) == set(ref["paths"])


def _reference_with(plugins, request):
    import os
    import subprocess

    from reference import DEFAULT_CONF, TIMEOUT

    conf = os.environ.get("SLURM_CONF") or DEFAULT_CONF
    cmd = ["runuser", "-u", "alice", "--", "env", f"SLURM_CONF={conf}", "sh", "-c",
           f"cat | slurmrestd -a rest_auth/local -s {plugins}"]
    return subprocess.run(cmd, input=request, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          timeout=TIMEOUT, check=False).stdout


@pytest.mark.parametrize("path", ["/slurm/v0.0.37/ping", "/slurm/v0.0.38/ping", "/slurm/v0.0.36/ping"])
def test_only_the_named_plugin_is_served(path):
    request = build_request("GET", path)
    ref_status = parse_response(_reference_with("v0.0.37", request))[0]
    our_status = responses(raw_ours(request, args="-a rest_auth/local -s v0.0.37"))[0][0]
    assert ref_status == our_status == (200 if "v0.0.37" in path else 404)

