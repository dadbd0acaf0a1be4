"""dbv0.0.38 GET /jobs, /job/{job_id} and /diag against the reference, field by field.

The module submits its own jobs as alice on partition debug, all named dbjobs-*: one with two srun
steps, one that fails, one cancelled while pending, a two-task array. It waits until slurmdbd has
them finished. Other helpers add jobs to the same cluster meanwhile, so comparisons of unfiltered
lists keep to the jobs that are finished in both answers.
"""
import os
import subprocess
import time

import pytest

from compare import differences
from daemons import ensure_user
from reference import reference
from service import ours

DB = "/slurmdb/v0.0.38/"
CONF = os.environ.get("SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")
ADMIN = "dbjobs_admin"
FINAL = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL",
         "DEADLINE", "PREEMPTED"}
WAIT = 900  # seconds for the cluster to run our jobs (it is shared and has 2 CPUs)


def both(path, user="alice"):
    return reference("GET", DB + path, user=user), ours("GET", DB + path, user=user)


def assert_same(path, user="alice", ignore=()):
    (rs, _, rb), (os_, _, ob) = both(path, user)
    diff = ([f"status {rs} != {os_}"] if rs != os_ else []) + differences(rb, ob, set(ignore))
    assert not diff, f"GET {path}:\n" + "\n".join(diff[:40])
    return ob


def sbatch(*args):
    cmd = ["runuser", "-u", "alice", "--", "env", f"SLURM_CONF={CONF}", "sbatch", "--parsable",
           "-p", "debug", "-o", "/dev/null", "-t", "2", "-D", "/tmp", *args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=60).stdout
    return out.strip().split(";")[0]


def accounting_states(ids):
    out = subprocess.run(["sacct", "-n", "-P", "-X", "-o", "JobID,State", "-j", ",".join(ids)],
                         capture_output=True, text=True, env={**os.environ, "SLURM_CONF": CONF},
                         timeout=60).stdout
    return {line.split("|")[0]: line.split("|")[1].split()[0] for line in out.splitlines() if line}


@pytest.fixture(scope="module")
def jobs():
    """{role: job id} of finished jobs: steps, fail, cancel, array (the array's job id)."""
    ids = {
        "steps": sbatch("-J", "dbjobs-steps", "--wrap", "srun -n1 hostname; srun -n1 sleep 1"),
        "fail": sbatch("-J", "dbjobs-fail", "--wrap", "exit 3"),
        "array": sbatch("-J", "dbjobs-array", "--array=1-2", "--wrap", "true"),
        "cancel": sbatch("-J", "dbjobs-cancel", "--hold", "--wrap", "sleep 30"),
    }
    subprocess.run(["scancel", ids["cancel"]], check=True, env={**os.environ, "SLURM_CONF": CONF})
    for role in ("steps", "fail", "array"):  # ahead of the queue (root may); nothing is preempted
        subprocess.run(["scontrol", "update", f"jobid={ids[role]}", "priority=4000000000"],
                       capture_output=True, env={**os.environ, "SLURM_CONF": CONF})
    expect = [ids["steps"], ids["fail"], ids["cancel"], f"{ids['array']}_1", f"{ids['array']}_2"]
    end = time.monotonic() + WAIT
    try:
        while True:
            states = accounting_states(list(ids.values()))
            if all(states.get(j) in FINAL for j in expect):
                break
            if time.monotonic() > end:
                pytest.fail(f"our jobs did not finish in {WAIT}s: {states}")
            time.sleep(3)
        time.sleep(2)  # the last step records reach slurmdbd after the job's end
        yield ids
    finally:
        subprocess.run(["scancel", *ids.values()], capture_output=True,
                       env={**os.environ, "SLURM_CONF": CONF})


@pytest.fixture(scope="module")
def admin():
    """An OS user that slurmdbd knows as an Administrator (diag is denied to plain users)."""
    ensure_user(ADMIN)
    subprocess.run(["sacctmgr", "-i", "add", "user", ADMIN, "account=testacct",
                    "adminlevel=Administrator"], capture_output=True)
    yield ADMIN
    subprocess.run(["sacctmgr", "-i", "delete", "user", ADMIN], capture_output=True)


NAMES = "job_name=dbjobs-steps%2Cdbjobs-fail%2Cdbjobs-cancel%2Cdbjobs-array"


def test_our_jobs_in_full(jobs):
    """(A job cancelled before it was ever eligible is outside slurmdbd's default time window.)"""
    body = assert_same("jobs?" + NAMES)
    got = {j["job_id"]: j for j in body["jobs"]}
    steps = got[int(jobs["steps"])]
    assert {s["step"]["id"] for s in steps["steps"]} >= {0, 1, "batch"}
    assert got[int(jobs["fail"])]["state"]["current"] == "FAILED"
    assert sum(1 for j in body["jobs"] if j["array"]["job_id"] == int(jobs["array"])) == 2
    cancelled = assert_same(f"job/{jobs['cancel']}")["jobs"]
    assert cancelled[0]["state"]["current"] == "CANCELLED"


@pytest.mark.parametrize("query", [
    "account=testacct", "cluster=pycluster", "partition=debug", "qos=normal", "node=vm",
    "state=FAILED", "state=CANCELLED%2CCOMPLETED", "state=5", "state=completed%2Cbogus",
    "skip_steps=true", "skip_steps=no", "disable_wait_for_result=yes", "cpus_min=1&cpus_max=1",
    "cpus_min=1.5", "nodes_min=1&nodes_max=4", "exit_code=0", "start_time=now-7days",
    "end_time=now%2B1days", "submit_time=2020-01-01", "start_time=2020-01-01T00%3A00%3A00",
    "format=jobid", "wckey=%2A",
    "constraints=x", "reason=None", "reservation=nothing", "groups=alice", "association=1",
])
def test_filters(jobs, query):
    assert_same(f"jobs?{NAMES}&{query}")


def test_step_filter(jobs):
    assert_same(f"jobs?step={jobs['steps']}")
    assert_same(f"jobs?step={jobs['steps']}.batch")
    assert_same(f"jobs?step={jobs['array']}_1")


@pytest.mark.parametrize("query", [
    "users=alice", "bogus=1", "cpus_min=x", "cpus_min=true", "nodes_max=", "job_name=",
    "state=bogus", "state=completed%2Ccompleted", "start_time=garbage", "end_time=",
    "start_time=now&submit_time=now", "submit_time=now&start_time=now", "step=", "STATE=failed",
    "job_name=nothing-like-this",
])
def test_bad_or_empty_queries(query):
    assert_same(f"jobs?{query}")


def test_unfiltered_list_matches_on_finished_jobs(jobs):
    (rs, _, rb), (os_, _, ob) = both("jobs")
    assert rs == os_ == 200
    assert rb.keys() == ob.keys() and rb["errors"] == ob["errors"]

    def finished(body):
        return {j["job_id"]: j for j in body["jobs"] if j["state"]["current"] in FINAL
                and all(s["state"] in FINAL for s in j["steps"])}

    ref, our = finished(rb), finished(ob)
    common = ref.keys() & our.keys()
    assert {int(jobs["steps"]), int(jobs["fail"])} <= common
    for job_id in sorted(common):
        assert differences(ref[job_id], our[job_id]) == [], job_id


@pytest.mark.parametrize("which", ["steps", "fail", "cancel", "array"])
def test_one_job(jobs, which):
    body = assert_same(f"job/{jobs[which]}")
    assert body["jobs"]


def test_job_forms(jobs):
    """The reference types path segments: "N.0" and "N.4" are numbers, read as job N (rounded),
    "N.batch" stays a job step; "0N" is N."""
    for suffix in (".batch", ".extern", ".0", ".4", ".5"):
        assert_same(f"job/{jobs['steps']}{suffix}")
    assert_same(f"job/0{jobs['steps']}")
    assert_same(f"job/{jobs['array']}_2")


@pytest.mark.parametrize("job_id", ["999999", "4294967295", "2_999"])
def test_missing_job(job_id):
    body = assert_same(f"job/{job_id}")
    assert body["jobs"] == [] and body["errors"][0]["error_number"] == 9003


@pytest.mark.parametrize("path", ["job/abc", "job/-1", "job/1.x", "job/1_x", "jobs?step=abc"])
def test_ids_that_kill_the_reference_get_a_400(path):
    """libslurm's step parser fatal()s on these: the reference dies without an answer."""
    status, _, body = ours("GET", DB + path)
    assert status == 400
    assert body["errors"][0]["error_number"] == 9000
    assert body["errors"][0]["description"].startswith("Bad ")


def test_diag_is_denied_to_a_plain_user():
    assert_same("diag")


def test_diag_as_admin(admin):
    (rs, _, rb), (os_, _, ob) = both("diag", user=admin)
    assert rs == os_ == 200
    counters = {"$.statistics.RPCs[].count", "$.statistics.RPCs[].time.average",
                "$.statistics.RPCs[].time.total", "$.statistics.users[].count",
                "$.statistics.users[].time.average", "$.statistics.users[].time.total",
                "$.statistics.RPCs[].rpc", "$.statistics.users[].user"}
    ignore = counters | {"$.statistics.RPCs", "$.statistics.users", "$.statistics.rollups"}
    assert differences(rb, ob, ignore) == []
    ref, our = rb["statistics"], ob["statistics"]
    # The lists grow between the two calls (our own requests count): same shape, and the RPCs
    # and users the reference listed are ours too.
    assert [set(r) for r in ref["RPCs"][:1]] == [set(r) for r in our["RPCs"][:1]]
    assert {r["rpc"] for r in ref["RPCs"]} <= {r["rpc"] for r in our["RPCs"]}
    assert {u["user"] for u in ref["users"]} <= {u["user"] for u in our["users"]}
    for a, b in zip(ref["rollups"], our["rollups"]):
        assert a.keys() == b.keys() and a["type"] == b["type"]
    assert all(not r["rpc"].startswith("MsgType=") for r in our["RPCs"])
