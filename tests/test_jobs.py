"""Jobs: ours against the reference slurmrestd, field by field, on the live cluster.

Jobs are submitted as alice (sbatch, or POST /job/submit through either service) with names
starting "jt-", small memory so they don't block the node, and cancelled at the end.
"""
import os
import subprocess
import time

import pytest

from compare import differences
from reference import reference
from service import ours

from slurmrestd_py.api import job_desc

V = "/slurm/v0.0.38"
CONF = os.environ.get("SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")
ENV = {"PATH": "/bin:/usr/bin", "LANG": "C"}
SCRIPT = "#!/bin/sh\nsleep 300\n"
# Fields that differ between two jobs submitted from the same description.
PER_JOB = {f"$.jobs[].{k}" for k in (
    "job_id", "submit_time", "accrue_time", "eligible_time", "last_sched_evaluation", "start_time",
    "end_time", "array_job_id", "het_job_id", "het_job_id_set", "priority", "array_task_id")}


def as_user(user, *cmd):
    return subprocess.run(["runuser", "-u", user, "--", "env", f"SLURM_CONF={CONF}", *cmd],
                          check=True, capture_output=True, text=True, cwd="/tmp").stdout


def sbatch(*args, user="alice"):
    out = as_user(user, "sbatch", "--parsable", "--mem=16M", "-D", "/tmp", "-o", "/dev/null", *args)
    return int(out.strip().split(";")[0].split("+")[0])


def cancel(ids, user="alice"):
    if ids:
        subprocess.run(["runuser", "-u", user, "--", "env", f"SLURM_CONF={CONF}", "scancel",
                        *map(str, ids)], check=False, capture_output=True)


def state(job_id):
    out = subprocess.run(["env", f"SLURM_CONF={CONF}", "squeue", "-h", "-t", "all", "-o", "%T",
                          "-j", str(job_id)], capture_output=True, text=True, check=False).stdout
    return out.split()[0] if out.split() else None


def wait_state(job_id, states, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if state(job_id) in states:
            return
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} never reached {states}: {state(job_id)}")


def both(method, path, body=None, user="alice", headers=None):
    return reference(method, path, body, headers, user), ours(method, path, body, headers, user)


def same(method, path, body=None, user="alice", ignore=()):
    (rs, _, rb), (os_, _, ob) = both(method, path, body, user)
    assert rs == os_, (rs, os_, rb, ob)
    assert differences(rb, ob, ignore) == []
    return rb


def job_desc_body(name, **extra):
    return {"name": name, "environment": ENV, "current_working_directory": "/tmp",
            "memory_per_node": "16M", "standard_output": "/dev/null", **extra}


@pytest.fixture(scope="module")
def jobs():
    """One job in each state we can produce, alice's unless said; cancelled afterwards."""
    made, bob = {}, None
    try:  # cancelled even when setup fails (a leaked running job would starve later runs)
        made.update(
            held=sbatch("-J", "jt-held", "-H", "--wrap", "sleep 300"),
            running=sbatch("-J", "jt-run", "-t", "5", "--wrap", "sleep 300"),
            completed=sbatch("-J", "jt-ok", "--wrap", "true"),
            failed=sbatch("-J", "jt-fail", "--wrap", "exit 3"),
            cancelled=sbatch("-J", "jt-cxl", "-H", "--wrap", "sleep 300"),
            array=sbatch("-J", "jt-arr", "-H", "-a", "1-3%2", "--wrap", "sleep 300"),
            het=sbatch("-J", "jt-het", "-H", "--wrap", "sleep 300", ":", "--mem=16M", "-n", "1"),
        )
        bob = sbatch("-J", "jt-bob", "-H", "--wrap", "sleep 300", user="bob")
        cancel([made["cancelled"]])
        wait_state(made["running"], ("RUNNING",))
        for key in ("completed", "failed"):
            wait_state(made[key], ("COMPLETED", "FAILED"))
        yield {**made, "bob": bob}
    finally:
        if made:
            cancel(list(made.values()))
        if bob:
            cancel([bob], user="bob")


# -- pure: the description parser --------------------------------------------------------------
@pytest.mark.parametrize("text, minutes", [
    ("5", 5), ("1:30", 2), ("1:00", 1), ("2:00:00", 120), ("1-0", 1440), ("1-2:3", 1563),
    ("1-2:3:4", 1564), ("INFINITE", 0xFFFFFFFF), ("abc", None), ("1:2:3:4", None)])
def test_time_str2mins(text, minutes):
    assert job_desc.time_str2mins(text) == minutes


@pytest.mark.parametrize("text, mb", [("100", 100), ("100M", 100), ("2G", 2048), ("1025K", 2),
                                      ("1T", 1048576), ("12X", None), ("-1", None)])
def test_str_to_mbytes(text, mb):
    assert job_desc.str_to_mbytes(text) == mb


def test_parse_submit_defaults_and_fields():
    d = job_desc.parse({"NAME": "x", "environment": {"A": 1}, "tasks": 2, "cpus_per_task": 3,
                        "time_limit": 10, "hold": True, "memory_per_cpu": "1G", "nodes": "1-2"},
                       submit=True)
    assert d["name"] == "x" and d["num_tasks"] == 2 and d["min_cpus"] == 6
    assert d["time_limit"] == 10 and d["priority"] == 0
    assert d["pn_min_memory"] == 1024 | job_desc.MEM_PER_CPU
    assert (d["min_nodes"], d["max_nodes"]) == (1, 2)
    assert "A=1" in d["environment"] and "SLURM_JOB_NAME=x" in d["environment"]
    # user_id/group_id stay as slurm_init_job_desc_msg() sets them (NO_VAL on 22.05, NOBODY later)
    assert "user_id" not in d and "group_id" not in d and d["contiguous"] == 0


def test_parse_update_sends_only_what_is_given():
    d = job_desc.parse({"time_limit": "1:00:00"}, submit=False)
    assert d["time_limit"] == 60
    assert "name" not in d and "min_cpus" not in d and "work_dir" not in d and "environment" not in d


@pytest.mark.parametrize("job, first", [
    ({"bogus": 1}, {"description": 'Unknown key "bogus"', "source": "hsearch_r"}),
    ({"x11": 1}, {"description": 'Disabled key: "x11"', "error_number": 1,
                  "error": "Operation not permitted", "source": "openapi specification"}),
    ({"time_limit": "abc"}, {"error": "Invalid time specification", "error_code": -1}),
    ({"tasks": "abc"}, {"error": "Unable to read integer value", "error_code": 9202}),
    ({"environment": [1]}, {"error": "environment must be a dictionary", "error_code": -1}),
])
def test_parse_errors(job, first):
    with pytest.raises(job_desc.Invalid) as info:
        job_desc.parse(job, submit=False)
    assert info.value.entries[0] == first


# -- GET ---------------------------------------------------------------------------------------
def test_get_jobs_matches_reference(jobs):
    (rs, _, rb), (os_, _, ob) = both("GET", f"{V}/jobs")
    assert rs == os_ == 200
    mine = set(jobs.values())
    pick = lambda body: {(j["job_id"]): j for j in body["jobs"]  # noqa: E731
                         if j["job_id"] in mine or j["array_job_id"] in mine or j["het_job_id"] in mine}
    ref, got = pick(rb), pick(ob)
    assert set(ref) == set(got) and len(ref) >= len(mine)
    for job_id, record in ref.items():
        assert list(got[job_id]) == list(record), job_id  # key order too
        assert differences(record, got[job_id]) == [], job_id
    states = {r["job_state"] for r in ref.values()}
    assert {"PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"} <= states


@pytest.mark.parametrize("kind", ["held", "running", "completed", "failed", "cancelled", "array",
                                  "het", "bob"])
def test_get_job_matches_reference(jobs, kind):
    body = same("GET", f"{V}/job/{jobs[kind]}")
    assert body["jobs"]


def test_get_job_id_forms(jobs):
    arr, het = jobs["array"], jobs["het"]
    # a held array's tasks are not split out: the reference answers "Unable to find" for N_2
    same("GET", f"{V}/job/{arr}_2")
    assert len(same("GET", f"{V}/job/{het}%2B1")["jobs"]) >= 1
    assert len(same("GET", f"{V}/job/{het}")["jobs"]) == 2


@pytest.mark.parametrize("path", ["job/abc", "job/99999999", "jobs?update_time=abc"])
def test_get_errors_match_reference(path):
    same("GET", f"{V}/{path}")


def test_jobs_not_modified():
    (rs, _, rb), (os_, _, ob) = both("GET", f"{V}/jobs?update_time=9999999999")
    assert rs == os_ == 304 and rb is None and ob is None


# -- POST /job/submit ----------------------------------------------------------------------------
SUBMITS = [
    {"script": SCRIPT, "job": job_desc_body("jt-s1", hold=True, time_limit="1:30", tasks=2,
                                            cpus_per_task=1, comment="c", nice=5, requeue=False,
                                            mail_type="END,FAIL", exclusive="user", nodes="1")},
    {"script": SCRIPT, "job": job_desc_body("jt-s2", hold=True, array="1-3%1", time_limit=5,
                                            memory_per_cpu="8M", dependency="", account="testacct")},
    {"script": SCRIPT, "jobs": [job_desc_body("jt-s3", hold=True), job_desc_body("jt-s3b", tasks=1)]},
]


@pytest.mark.parametrize("body", SUBMITS, ids=["single", "array", "het"])
def test_submit_matches_reference(body):
    (rs, _, rb), (os_, _, ob) = both("POST", f"{V}/job/submit", body)
    made = [b["job_id"] for b in (rb, ob) if isinstance(b, dict) and b.get("job_id")]
    try:
        assert rs == os_ == 200, (rb, ob)
        assert differences(rb, ob, {"$.job_id"}) == []
        ref_job = reference("GET", f"{V}/job/{rb['job_id']}")[2]
        our_job = reference("GET", f"{V}/job/{ob['job_id']}")[2]
        assert differences(ref_job, our_job, PER_JOB) == []
    finally:
        cancel(made)


def _count(prefix):
    out = subprocess.run(["env", f"SLURM_CONF={CONF}", "squeue", "-h", "-a", "-t", "all", "-o", "%j"],
                         capture_output=True, text=True, check=True).stdout
    return sum(1 for n in out.split() if n.startswith(prefix))


@pytest.mark.parametrize("body", [
    {"script": SCRIPT, "job": job_desc_body("jt-bad", partition="nope")},
    {"script": SCRIPT, "job": job_desc_body("jt-bad", time_limit="soon")},
    {"script": SCRIPT, "job": job_desc_body("jt-bad", bogus=1)},
    {"script": SCRIPT, "job": job_desc_body("jt-bad", x11=True)},
    {"script": SCRIPT, "job": {"name": "jt-bad"}},
    {"script": SCRIPT, "job": 5},
    {"script": SCRIPT},
    {"job": job_desc_body("jt-bad")},
    {"script": SCRIPT, "jobs": [job_desc_body("jt-bad"), job_desc_body("jt-bad", nodes="abc")]},
], ids=["partition", "time", "unknown", "disabled", "no-env", "not-dict", "no-job", "no-script", "het"])
def test_bad_submission_matches_reference_and_submits_nothing(body):
    before = _count("jt-bad")
    same("POST", f"{V}/job/submit", body)
    assert _count("jt-bad") == before


def test_bad_json_body_submits_nothing():
    before = _count("jt-bad")
    status, _, _ = ours("POST", f"{V}/job/submit", '{"script": "x", "job": {',
                        headers={"Content-Type": "application/json"})
    assert status == 400
    assert _count("jt-bad") == before


# -- POST /job/{id}, DELETE /job/{id} -------------------------------------------------------------
@pytest.mark.parametrize("body", [{"time_limit": 3}, {"bogus": 3}, [{"time_limit": 3}],
                                  {"tasks": "abc"}, {"environment": [1]}])
def test_update_others_or_bad_matches_reference(jobs, body):
    same("POST", f"{V}/job/{jobs['bob']}", body)


def test_update_unknown_job_matches_reference():
    same("POST", f"{V}/job/99999999", {"time_limit": 3})


@pytest.mark.parametrize("headers", [{}, {"Content-Type": "text/plain"}])
def test_update_without_body_is_an_empty_update(headers):
    """No body (and no or any Content-Type): the reference sends an empty update."""
    job_id = sbatch("-J", "jt-nobody", "-H", "--wrap", "sleep 300")
    try:
        for target in (job_id, 99999999):
            (rs, _, rb), (os_, _, ob) = both("POST", f"{V}/job/{target}", None, headers=headers)
            assert rs == os_ and differences(rb, ob) == [], (rb, ob)
    finally:
        cancel([job_id])


def test_update_own_job():
    job_id = sbatch("-J", "jt-upd", "-H", "-t", "10", "--wrap", "sleep 300")
    try:
        status, _, body = ours("POST", f"{V}/job/{job_id}", {"time_limit": "0:20:00", "comment": "x"})
        assert status == 200 and body["errors"] == [], body
        record = reference("GET", f"{V}/job/{job_id}")[2]["jobs"][0]
        assert record["time_limit"] == 20 and record["comment"] == "x"
    finally:
        cancel([job_id])


@pytest.mark.parametrize("query", ["", "?signal=XYZ", "?signal=0", "?signal=TERM"])
def test_delete_others_matches_reference(jobs, query):
    same("DELETE", f"{V}/job/{jobs['bob']}{query}")
    assert state(jobs["bob"]) == "PENDING"


def test_delete_unknown_matches_reference():
    same("DELETE", f"{V}/job/99999999")


def test_delete_own_job():
    job_id = sbatch("-J", "jt-del", "-H", "--wrap", "sleep 300")
    try:
        status, _, body = ours("DELETE", f"{V}/job/{job_id}?signal=SIGKILL")
        assert status == 200 and body["errors"] == [], body
        wait_state(job_id, ("CANCELLED",))
        # signalling a job that already ended is a success, as in the reference
        same("DELETE", f"{V}/job/{job_id}")
    finally:
        cancel([job_id])
