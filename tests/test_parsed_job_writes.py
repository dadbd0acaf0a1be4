"""POST job/submit in the parser versions (v0.0.40 on), against the reference of the release under
test: the answers (job_id and step_id values aside: two submissions get two ids) and the jobs
made (`scontrol show job -dd` of both, ids, times and scheduling state aside); malformed and wrongly
typed bodies get the reference's errors and warnings. Jobs are named jobswrite-* and cancelled.

Runs on every release (conftest.PORTABLE): in 24.11's root v0.0.40-42 are compared, in 26.05's
v0.0.42; on 22.05 our v0.0.4x submission makes the job our v0.0.38 one makes.
"""
import json
import os
import re
import subprocess

import pytest
from compare import differences
from parsed import IGNORE, VERSIONS, assert_same, order_differences, ours, served
from reference import reference

SCRIPT = "#!/bin/sh\nsleep 30\n"
ENV = ["PATH=/bin:/usr/bin", "JOBSWRITE=1"]
# the values of these differ between two submissions of one description
ID_KEYS = {"$.job_id", "$.result.job_id"}
# scontrol fields that are ids, times, or the scheduler's doing rather than the description's
VOLATILE = {"JobId", "SLUID", "ArrayJobId", "HetJobId", "HetJobIdSet", "HetJobOffset", "Priority", "JobState", "Reason",
            "RunTime", "SubmitTime", "EligibleTime", "AccrueTime", "StartTime", "EndTime", "LastSchedEval",
            "Deadline", "SuspendTime", "SecsPreSuspend", "PreemptEligibleTime", "PreemptTime", "NodeList",
            "BatchHost", "StdOut", "StdErr", "StdIn", "NumCPUs", "NumNodes", "NodeCnt", "Nodes", "CPU_IDs",
            "Mem", "GRES", "AllocTRES", "TRES", "Restarts", "BatchFlag", "Reboot", "ExitCode", "DerivedExitCode",
            "Scheduler", "Dependency", "LastBusyTime", "ResizeTime", "JOB_GRES", "Socks/Node", "Features",
            "NtasksPerN:B:S:C", "CoreSpec", "MinCPUsNode", "ReqB:S:C:T", "OverSubscribe", "Contiguous",
            "Licenses", "Network", "Power", "MCS_label", "NextStep", "Comment"}


def _job(name, **more):
    return {"name": name, "current_working_directory": "/tmp", "environment": ENV, **more}


def _show(job_id):
    """scontrol show job -dd <id> as {key: value}, but for what differs between two submissions."""
    out = subprocess.run(["scontrol", "show", "job", "-dd", str(job_id)], capture_output=True, text=True, check=False).stdout
    fields = {}
    for token in re.split(r"\s+", out.strip()):
        key, sep, value = token.partition("=")
        if sep and key not in VOLATILE and key not in fields:
            fields[key] = value
    return fields


def _state(job_id):
    out = subprocess.run(["squeue", "-h", "-o", "%T", "-j", str(job_id)], capture_output=True, text=True, check=False)
    return out.stdout.strip()


def _cancel(*ids):
    for job_id in ids:
        if job_id:
            subprocess.run(["scancel", str(job_id)], capture_output=True, check=False)


def _ids(doc):
    return (doc or {}).get("job_id") if isinstance(doc, dict) else None


def _compare(path, body, ignore=()):
    """Both answers equal but for the new jobs' ids, both jobs equal; the jobs are cancelled."""
    ref, our = reference("POST", path, body), ours("POST", path, body)
    try:
        diff = [f"status {ref[0]} != {our[0]}"] if ref[0] != our[0] else []
        diff += differences(ref[2], our[2], IGNORE | ID_KEYS | set(ignore))
        diff += order_differences(ref[2], our[2])
        ref_id, our_id = _ids(ref[2]), _ids(our[2])
        assert bool(ref_id) == bool(our_id), (ref[2], our[2])
        if ref_id:
            theirs, mine = _show(ref_id), _show(our_id)
            if _state(ref_id) != _state(our_id):  # a job that started has its time limit resolved
                theirs.pop("TimeLimit", None)
                mine.pop("TimeLimit", None)
            diff += [f"scontrol {k}: {theirs.get(k)!r} != {mine.get(k)!r}"
                     for k in sorted(set(theirs) | set(mine)) if theirs.get(k) != mine.get(k)]
        assert not diff, f"POST {path} {body}:\n" + "\n".join(diff[:40])
        return our[2]
    finally:
        _cancel(_ids(ref[2]), _ids(our[2]))


SUBMISSIONS = {
    "script_at_top": {"script": SCRIPT, "job": _job("jobswrite-top")},
    "script_in_job": {"job": _job("jobswrite-injob", script=SCRIPT)},
    "plain_numbers": {"script": SCRIPT, "job": _job("jobswrite-plain", time_limit=5, tasks=1, cpus_per_task=1,
                                                     memory_per_node=100, minimum_nodes=1)},
    "numbers_with_flags": {"script": SCRIPT, "job": _job(
        "jobswrite-flags", time_limit={"set": True, "infinite": False, "number": 7},
        time_minimum={"set": False}, memory_per_cpu={"set": True, "number": 50}, priority={"infinite": True})},
    "strings_for_numbers": {"script": SCRIPT, "job": _job("jobswrite-str", time_limit="4", tasks="1", nodes="1",
                                                          memory_per_node="64M", comment="jobswrite")},
    "held": {"script": SCRIPT, "job": _job("jobswrite-held", hold=True, requeue=False, partition="debug")},
    "environment_dict": {"script": SCRIPT, "job": {"name": "jobswrite-envdict", "current_working_directory": "/tmp",
                                                   "environment": {"PATH": "/bin", "JOBSWRITE": "1"}}},
    "unknown_fields": {"script": SCRIPT, "job": _job("jobswrite-unknown", nope=1, deep={"a": 1, "b": [1]}),
                       "extra": "x"},
    "hetjob": {"script": SCRIPT, "jobs": [_job("jobswrite-het"), _job("jobswrite-het", tasks=1)]},
    "wrong_but_converted": {"script": SCRIPT, "job": _job("jobswrite-conv", comment=True, contiguous="no",
                                                          requeue=1, cpus_per_task=1.0, tasks="1")},
}

MALFORMED = {
    "empty": {},
    "no_job": {"script": SCRIPT},
    "no_script": {"job": _job("jobswrite-x")},
    "empty_script": {"script": "", "job": _job("jobswrite-x")},
    "both": {"script": SCRIPT, "job": _job("jobswrite-x"), "jobs": [_job("jobswrite-x")]},
    "list_body": [1, 2],
    "job_string": {"script": SCRIPT, "job": "str"},
    "time_limit_text": {"script": SCRIPT, "job": _job("jobswrite-x", time_limit="abc")},
    "tasks_text": {"script": SCRIPT, "job": _job("jobswrite-x", tasks="abc")},
    "name_list": {"script": SCRIPT, "job": {**_job("jobswrite-x"), "name": ["a"]}},
    "environment_string": {"script": SCRIPT, "job": {"name": "jobswrite-x", "current_working_directory": "/tmp",
                                                     "environment": "PATH=/bin"}},
    "memory_text": {"script": SCRIPT, "job": _job("jobswrite-x", memory_per_cpu="abc")},
    "bad_partition": {"script": SCRIPT, "job": _job("jobswrite-x", partition="jobswrite-nopart")},
    "no_workdir": {"script": 5, "job": {"environment": ENV}},
    "het_empty": {"script": SCRIPT, "jobs": []},
    "het_no_script": {"jobs": [_job("jobswrite-x")]},
    "het_bad_item": {"script": SCRIPT, "jobs": [_job("jobswrite-x", zz="a"), _job("jobswrite-x", tasks="abc")]},
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("form", SUBMISSIONS)
def test_submit(version, form):
    served(version)
    doc = _compare(f"/slurm/{version}/job/submit", SUBMISSIONS[form])
    assert doc.get("job_id"), doc


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("form", MALFORMED)
def test_submit_malformed(version, form):
    served(version)
    _compare(f"/slurm/{version}/job/submit", MALFORMED[form])


@pytest.mark.parametrize("version", VERSIONS)
def test_submit_without_body(version):
    served(version)
    _compare(f"/slurm/{version}/job/submit", None)


@pytest.mark.parametrize("version", VERSIONS)
def test_same_facts_as_v0_0_38(version):
    """Our v0.0.4x submission makes the job our v0.0.38 one makes (22.05 has no v0.0.4x reference)."""
    old_body = {"script": SCRIPT, "job": {"name": "jobswrite-38", "current_working_directory": "/tmp",
                                          "environment": {"PATH": "/bin:/usr/bin", "JOBSWRITE": "1"},
                                          "time_limit": 5}}
    new_body = {"script": SCRIPT, "job": {**_job("jobswrite-38"), "time_limit": {"set": True, "number": 5}}}
    old = ours("POST", "/slurm/v0.0.38/job/submit", old_body)
    new = ours("POST", f"/slurm/{version}/job/submit", new_body)
    try:
        assert old[0] == 200 and new[0] == 200, (old, new)
        assert not new[2]["errors"], new[2]
        theirs, mine = _show(old[2]["job_id"]), _show(new[2]["job_id"])
        assert theirs == mine
        assert mine["JobName"] == "jobswrite-38" and mine["TimeLimit"] == "00:05:00"
    finally:
        _cancel(_ids(old[2]), _ids(new[2]))


def _sbatch(name):
    out = subprocess.run(["runuser", "-u", "alice", "--", "sbatch", "--parsable", "--hold", "--chdir=/tmp", "-o", "/dev/null",
                          "-J", name, "--wrap", "sleep 60"], capture_output=True, text=True, check=True)
    return out.stdout.strip().split(";")[0]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("query", ["", "?signal=USR1", "?signal=SIGCONT&flags=BATCH_JOB", "?signal=NOPE",
                                   "?flags=NOPE", "?signal=0", "?flags=FULL_JOB&flags=VERBOSE", "?signal=15"])
def test_delete(version, query):
    """DELETE job/{job_id} of a job of its own for each: the answers equal but for the job ids. The
    jobs are held, so that both are in the same state whatever the scheduler does meanwhile."""
    served(version)
    theirs, mine = _sbatch("jobswrite-del"), _sbatch("jobswrite-del")
    try:
        ref = reference("DELETE", f"/slurm/{version}/job/{theirs}{query}")
        our = ours("DELETE", f"/slurm/{version}/job/{mine}{query}")
        ignore = IGNORE | {"$.status[].step_id", "$.status[].job_id.number"}
        diff = [f"status {ref[0]} != {our[0]}"] if ref[0] != our[0] else []
        diff += differences(ref[2], our[2], ignore) + order_differences(ref[2], our[2])
        assert not diff, "\n".join(diff)
    finally:
        _cancel(theirs, mine)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("job_id", ["abc", "0", "99999999", "123_4", "67108862"])
def test_delete_odd_ids(version, job_id):
    served(version)
    assert_same("DELETE", f"/slurm/{version}/job/{job_id}")


@pytest.mark.parametrize("version", VERSIONS)
def test_delete_same_facts_as_v0_0_38(version):
    """Our v0.0.4x DELETE cancels a job as our v0.0.38 DELETE does (22.05 has no v0.0.4x reference)."""
    old, new = _sbatch("jobswrite-del38"), _sbatch("jobswrite-del38")
    try:
        assert ours("DELETE", f"/slurm/v0.0.38/job/{old}")[0] == 200
        status, _, doc = ours("DELETE", f"/slurm/{version}/job/{new}")
        assert status == 200 and not doc["errors"], doc
        states = [subprocess.run(["scontrol", "show", "job", j], capture_output=True, text=True,
                                 check=False).stdout.split("JobState=")[1].split()[0] for j in (old, new)]
        assert states == ["CANCELLED", "CANCELLED"]
    finally:
        _cancel(old, new)


UPDATES = {
    "comment": {"comment": "jobswrite-updated"},
    "numbers": {"time_limit": 5, "nope": 1},
    "numbers_with_flags": {"time_limit": {"set": True, "number": 9}, "priority": {"set": True, "number": 5}},
    "name_and_hold": {"name": "jobswrite-renamed", "hold": False},
    "time_limit_text": {"time_limit": "abc"},
    "list_body": [1],
    "bad_partition": {"partition": "jobswrite-nopart"},
    "empty": {},
    "none": None,
    "name_list": {"name": ["x"]},
}


def _update_differences(ref, our):
    """An update's answers compared, but for job ids; v0.0.41 and v0.0.42 send null `results` when
    slurmctld answered none, which their schema (an array) forbids: ours are [] (a repair, README)."""
    if isinstance(ref[2], dict) and ref[2].get("results", ()) is None:
        assert our[2]["results"] == [], our[2]
        ref = (ref[0], ref[1], {**ref[2], "results": []})
    ignore = IGNORE | {"$.results[].job_id", "$.results[].step_id", "$.job_id"}
    diff = [f"status {ref[0]} != {our[0]}"] if ref[0] != our[0] else []
    return diff + differences(ref[2], our[2], ignore) + order_differences(ref[2], our[2])


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("update", UPDATES)
def test_update(version, update):
    """POST job/{job_id} of a held job of its own for each: the answers equal, and the jobs after."""
    served(version)
    assert_update_alike(version, "jobswrite-upd", UPDATES[update])


def assert_update_alike(version, name, body, more=None):
    """POST job/{job_id} of `body` to a held job of each side's own: the answers equal, and the jobs
    after (scontrol; `more(theirs, mine)`: further differences of the two jobs)."""
    theirs, mine = _sbatch(name), _sbatch(name)
    try:
        ref = reference("POST", f"/slurm/{version}/job/{theirs}", body)
        our = ours("POST", f"/slurm/{version}/job/{mine}", body)
        diff = _update_differences(ref, our)
        before, after = _show(theirs), _show(mine)
        diff += [f"scontrol {k}: {before.get(k)!r} != {after.get(k)!r}"
                 for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
        diff += more(theirs, mine) if more else []
        assert not diff, "\n".join(diff)
    finally:
        _cancel(theirs, mine)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("job_id", ["abc", "99999", "123_4", "99999999"])
def test_update_odd_ids(version, job_id):
    served(version)
    body = {"comment": "jobswrite-x"}
    diff = _update_differences(reference("POST", f"/slurm/{version}/job/{job_id}", body),
                               ours("POST", f"/slurm/{version}/job/{job_id}", body))
    assert not diff, "\n".join(diff)


@pytest.mark.parametrize("version", VERSIONS)
def test_update_same_facts_as_v0_0_38(version):
    """Our v0.0.4x update changes a job as our v0.0.38 update does (22.05 has no v0.0.4x reference)."""
    old, new = _sbatch("jobswrite-upd38"), _sbatch("jobswrite-upd38")
    try:
        assert ours("POST", f"/slurm/v0.0.38/job/{old}", {"comment": "jobswrite-c", "time_limit": 7})[0] == 200
        status, _, doc = ours("POST", f"/slurm/{version}/job/{new}", {"comment": "jobswrite-c",
                                                                      "time_limit": {"set": True, "number": 7}})
        assert status == 200 and not doc["errors"], doc
        assert _show(old) == _show(new) and _show(new)["TimeLimit"] == "00:07:00"
    finally:
        _cancel(old, new)


KILLS = {
    "signal_name": lambda j: {"jobs": [j], "signal": "SIGCONT"},
    "bad_flag": lambda j: {"jobs": [j], "flags": ["NOPE"], "signal": "CONT"},
    "bad_signal": lambda j: {"jobs": [j], "signal": "NOPE"},
    "jobs_string": lambda j: {"jobs": "jobswrite", "signal": "CONT"},
    "list_body": lambda j: [1],
    "bad_ids": lambda j: {"jobs": [j, "99999", "abc"], "signal": "CONT", "zz": 1},
    "verbose": lambda j: {"jobs": [j], "flags": ["VERBOSE"]},
    "kill": lambda j: {"jobs": [j]},
    "number_signal": lambda j: {"jobs": [j], "signal": 18, "flags": ["BATCH_JOB"]},
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("kill", KILLS)
def test_delete_jobs(version, kill):
    """DELETE jobs/ naming a held job of its own for each: the answers equal but for the job ids.
    (A body naming no job would signal every job of alice's, other engineers' included: not tried.)"""
    served(version)
    theirs, mine = _sbatch("jobswrite-kill"), _sbatch("jobswrite-kill")
    try:
        ref = reference("DELETE", f"/slurm/{version}/jobs/", KILLS[kill](theirs))
        our = ours("DELETE", f"/slurm/{version}/jobs/", KILLS[kill](mine))
        ignore = IGNORE | {"$.status[].step_id", "$.status[].job_id.number"}
        diff = [f"status {ref[0]} != {our[0]}"] if ref[0] != our[0] else []
        diff += differences(ref[2], our[2], ignore) + order_differences(ref[2], our[2])
        diff += [f"states {_state(theirs)} != {_state(mine)}"] if _state(theirs) != _state(mine) else []
        assert not diff, "\n".join(diff)
    finally:
        _cancel(theirs, mine)


# -- DELETE jobs/ with filters -------------------------------------------------------------------------
# Each case signals jobs of its own only: every body names its jobs by id, or by a job name unique to
# the case (killfilt-<pid>-...), so that no other job on the shared cluster is ever touched. A case:
# (body of (ids, name), sbatch options, user asking). SIGCONT (refused for pending jobs: an answer per
# job) where the jobs are to stay; the default SIGKILL where they are to go.
KILLFILT = f"killfilt-{os.getpid()}"
KILLFILT_RESV = f"{KILLFILT}-resv"
_CONT = {"signal": "CONT", "flags": ["VERBOSE"]}
FILTERS = {
    "name": (lambda ids, n: {"job_name": n, **_CONT}, (), "alice"),
    "name_kill": (lambda ids, n: {"job_name": n}, (), "alice"),
    "name_matches_none": (lambda ids, n: {"job_name": f"{n}-none", **_CONT}, (), "alice"),
    "name_and_ids_mismatch": (lambda ids, n: {"jobs": ids, "job_name": f"{KILLFILT}-other", "signal": "CONT"}, (), "alice"),
    "account": (lambda ids, n: {"jobs": ids, "account": "testacct", **_CONT}, (), "alice"),
    "account_by_name_kill": (lambda ids, n: {"job_name": n, "account": "testacct"}, (), "alice"),
    "account_other": (lambda ids, n: {"jobs": ids, "account": f"{KILLFILT}-acct", "signal": "CONT"}, (), "alice"),
    "partition": (lambda ids, n: {"job_name": n, "partition": "debug", **_CONT}, (), "alice"),
    "partition_other": (lambda ids, n: {"jobs": ids, "partition": "fakepart", "signal": "CONT"}, (), "alice"),
    "partition_other_by_name": (lambda ids, n: {"job_name": n, "partition": "fakepart", **_CONT}, (), "alice"),
    "partition_of_several": (lambda ids, n: {"jobs": ids, "partition": "fakepart", "signal": "CONT"},
                             ("-p", "debug,fakepart"), "alice"),
    "partition_none_of_several": (lambda ids, n: {"jobs": ids, "partition": f"{KILLFILT}-part", "signal": "CONT"},
                                  ("-p", "debug,fakepart"), "alice"),
    "qos_kill": (lambda ids, n: {"job_name": n, "qos": "normal"}, (), "alice"),
    "qos_other": (lambda ids, n: {"jobs": ids, "qos": f"{KILLFILT}-qos", "signal": "CONT"}, (), "alice"),
    "reservation_kill": (lambda ids, n: {"job_name": n, "reservation": KILLFILT_RESV}, ("--reservation", KILLFILT_RESV),
                         "alice"),
    "reservation_other": (lambda ids, n: {"jobs": ids, "reservation": KILLFILT_RESV, "signal": "CONT"}, (), "alice"),
    "state_kill": (lambda ids, n: {"job_name": n, "job_state": "PENDING"}, (), "alice"),
    "state_list": (lambda ids, n: {"job_name": n, "job_state": ["PENDING"], **_CONT}, (), "alice"),
    "state_other": (lambda ids, n: {"jobs": ids, "job_state": "RUNNING", "signal": "CONT"}, (), "alice"),
    "state_with_flag": (lambda ids, n: {"jobs": ids, "job_state": ["PENDING", "REQUEUED"], "signal": "CONT"}, (),
                        "alice"),
    "user_name_kill": (lambda ids, n: {"job_name": n, "user_name": "alice"}, (), "alice"),
    "user_name_other": (lambda ids, n: {"jobs": ids, "user_name": "bob", "signal": "CONT"}, (), "alice"),
    "user_name_number": (lambda ids, n: {"jobs": ids, "user_name": "1001", "signal": "CONT"}, (), "alice"),
    "user_id_before_name": (lambda ids, n: {"jobs": ids, "user_name": "bob", "user_id": "alice", **_CONT}, (), "alice"),
    "user_id_number": (lambda ids, n: {"jobs": ids, "user_name": "alice", "user_id": 1001, "signal": "CONT"}, (),
                       "alice"),
    "user_id_alone": (lambda ids, n: {"jobs": ids, "user_id": "bob", **_CONT}, (), "alice"),
    "wckey_kill": (lambda ids, n: {"job_name": n, "wckey": f"{KILLFILT}-wk"}, ("--wckey", f"{KILLFILT}-wk"), "alice"),
    "wckey_other": (lambda ids, n: {"jobs": ids, "wckey": f"{KILLFILT}-wk", "signal": "CONT"}, (), "alice"),
    "nodes_of_pending": (lambda ids, n: {"jobs": ids, "nodes": ["vm", "fakedown[1-2]"], "signal": "CONT"}, (), "alice"),
    "nodes_by_name": (lambda ids, n: {"job_name": n, "nodes": ["vm"], **_CONT}, (), "alice"),
    "all_together": (lambda ids, n: {"jobs": ids, "account": "testacct", "job_name": n, "partition": "debug",
                                     "qos": "normal", "job_state": "PENDING", "user_name": "alice", **_CONT}, (), "alice"),
    # a plain user filtering another user's jobs
    "other_users_jobs": (lambda ids, n: {"job_name": n, **_CONT}, (), "bob"),
    "other_users_jobs_kill": (lambda ids, n: {"job_name": n, "user_name": "alice"}, (), "bob"),
    "other_users_named_jobs": (lambda ids, n: {"jobs": ids, "account": "testacct", "signal": "CONT"}, (), "bob"),
    # malformed or wrongly typed filters
    "state_unknown": (lambda ids, n: {"job_name": n, "job_state": f"{KILLFILT}-state"}, (), "alice"),
    "state_unknown_in_list": (lambda ids, n: {"job_name": n, "job_state": ["RUNNING", "NOPE"], "signal": "CONT"}, (),
                              "alice"),
    "state_number": (lambda ids, n: {"jobs": ids, "job_state": 1, "signal": "CONT"}, (), "alice"),
    "user_name_unknown": (lambda ids, n: {"jobs": ids, "user_name": f"{KILLFILT}-user", "signal": "CONT"}, (), "alice"),
    "user_name_empty": (lambda ids, n: {"jobs": ids, "user_name": "", "signal": "CONT"}, (), "alice"),
    "user_id_unknown": (lambda ids, n: {"jobs": ids, "user_id": f"{KILLFILT}-user", "signal": "CONT"}, (), "alice"),
    "user_id_list": (lambda ids, n: {"jobs": ids, "user_id": [1000], "signal": "CONT"}, (), "alice"),
    "user_id_bool": (lambda ids, n: {"jobs": ids, "user_id": True, "user_name": "alice", "signal": "CONT"}, (), "alice"),
    "user_id_empty": (lambda ids, n: {"jobs": ids, "user_id": "", "user_name": "bob", "signal": "CONT"}, (), "alice"),
    "account_number": (lambda ids, n: {"jobs": ids, "account": 5, "signal": "CONT"}, (), "alice"),
    "account_list": (lambda ids, n: {"jobs": ids, "account": ["testacct"], "signal": "CONT"}, (), "alice"),
    "name_dict": (lambda ids, n: {"jobs": ids, "job_name": {"a": 1}, "signal": "CONT"}, (), "alice"),
    "partition_null": (lambda ids, n: {"jobs": ids, "partition": None, **_CONT}, (), "alice"),
    "nodes_string": (lambda ids, n: {"jobs": ids, "nodes": "vm", "signal": "CONT"}, (), "alice"),
    "nodes_number": (lambda ids, n: {"jobs": ids, "nodes": 5, "signal": "CONT"}, (), "alice"),
    "nodes_dict": (lambda ids, n: {"jobs": ids, "nodes": {"a": "vm"}, "signal": "CONT"}, (), "alice"),
    "wckey_bool": (lambda ids, n: {"jobs": ids, "wckey": False, "signal": "CONT"}, (), "alice"),
    "account_empty": (lambda ids, n: {"jobs": ids, "account": "", "signal": "CONT"}, (), "alice"),
    "wckey_marked_default": (lambda ids, n: {"jobs": ids, "wckey": f"*{KILLFILT}-wk", "signal": "CONT"},
                             ("--wckey", f"{KILLFILT}-wk"), "alice"),
    "state_empty_list": (lambda ids, n: {"jobs": ids, "job_state": [], **_CONT}, (), "alice"),
    "state_lower_case": (lambda ids, n: {"job_name": n, "job_state": "pending", **_CONT}, (), "alice"),
    # no job and no filter (user_id is none): refused by slurmctld
    "user_id_only": (lambda ids, n: {"user_id": "alice", "signal": "CONT"}, (), "alice"),
    "empty_filters": (lambda ids, n: {"account": None, "signal": "CONT"}, (), "alice"),
}


@pytest.fixture(scope="module")
def killfilt_reservation():
    """A reservation of alice's, far ahead on a down node (as test_parsed_old_versions'), for the
    reservation filter; deleted at the end."""
    made = subprocess.run(["scontrol", "create", "reservation", f"reservationname={KILLFILT_RESV}",
                           "starttime=now+13days", "duration=60", "nodes=fakedown2", "users=alice",
                           "flags=ignore_jobs,overlap"], capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    try:
        yield KILLFILT_RESV
    finally:
        subprocess.run(["scontrol", "delete", f"reservationname={KILLFILT_RESV}"], capture_output=True, check=False)


def _sbatch_as(name, options=(), user="alice"):
    out = subprocess.run(["runuser", "-u", user, "--", "sbatch", "--parsable", "--hold", "--chdir=/tmp", "-o",
                          "/dev/null", "-J", name, *options, "--wrap", "sleep 60"], capture_output=True, text=True,
                         check=True)
    return out.stdout.strip().split(";")[0]


def _job_state(job_id):
    """JobState as scontrol shows it ("" once the job is gone)."""
    out = subprocess.run(["scontrol", "show", "job", str(job_id)], capture_output=True, text=True, check=False).stdout
    return out.split("JobState=")[1].split()[0] if "JobState=" in out else ""


def _settled_states(*ids, timeout=20):
    """The jobs' states once none is COMPLETING any more (a job killed last may still be)."""
    import time

    deadline = time.time() + timeout
    while True:
        states = tuple(_job_state(j) for j in ids)
        if "COMPLETING" not in states or time.time() > deadline:
            return states
        time.sleep(1)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", FILTERS)
def test_delete_jobs_filters(version, case, killfilt_reservation):
    """DELETE jobs/ with each filter, the reference and ours each on a held job of their own (alike
    but for its id and, where the body selects by name, its name): answers equal but for the job
    ids, and the jobs' states after equal."""
    served(version)
    body, options, user = FILTERS[case]
    name = f"{KILLFILT}-{version[-2:]}-{case}"
    theirs, mine = _sbatch_as(f"{name}-t", options), _sbatch_as(f"{name}-o", options)
    try:
        _assert_killed_alike(version, name, theirs, mine, body, user)
    finally:
        _cancel(theirs, mine)


def _assert_killed_alike(version, name, theirs, mine, body, user="alice"):
    """DELETE jobs/ of body([job], job name) by the reference on its job `theirs` (named name-t) and
    by us on `mine` (name-o): the answers equal, and the jobs' states after."""
    ref = reference("DELETE", f"/slurm/{version}/jobs/", body([theirs], f"{name}-t"), user=user)
    our = ours("DELETE", f"/slurm/{version}/jobs/", body([mine], f"{name}-o"), user=user)
    ignore = IGNORE | {"$.status[].step_id", "$.status[].job_id.number"}
    diff = [f"status {ref[0]} != {our[0]}"] if ref[0] != our[0] else []
    # the answers name the jobs (their ids; their names where a filter mismatches): alike
    text = json.dumps(our[2]).replace(mine, theirs).replace(f"{name}-o", f"{name}-t")
    diff += differences(ref[2], json.loads(text), ignore) + order_differences(ref[2], our[2])
    states = _settled_states(theirs, mine)
    diff += [f"states {states[0]} != {states[1]}"] if states[0] != states[1] else []
    assert not diff, "\n".join(diff)


def _sbatch_running(name):
    out = subprocess.run(["runuser", "-u", "alice", "--", "sbatch", "--parsable", "--chdir=/tmp", "-o", "/dev/null",
                          "-t", "2", "--mem=10", "-J", name, "--wrap", "sleep 120"], capture_output=True, text=True, check=True)
    return out.stdout.strip().split(";")[0]


def _wait_running(*ids, timeout=30):
    import time

    deadline = time.time() + timeout
    while time.time() < deadline:
        if all(_job_state(j) == "RUNNING" for j in ids):
            return True
        time.sleep(1)
    return False


RUNNING_FILTERS = {
    "nodes": lambda ids, n: {"job_name": n, "nodes": ["vm"], **_CONT},
    "nodes_other": lambda ids, n: {"jobs": ids, "nodes": ["fakedown1"], "signal": "CONT"},
    "state_other": lambda ids, n: {"jobs": ids, "job_state": "PENDING", "signal": "CONT"},
    "reservation_other": lambda ids, n: {"jobs": ids, "reservation": f"{KILLFILT}-none", "signal": "CONT"},
    "running_on_nodes_kill": lambda ids, n: {"job_name": n, "job_state": "RUNNING", "nodes": "vm", "partition": "debug"},
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", RUNNING_FILTERS)
def test_delete_jobs_filters_running(version, case):
    """As test_delete_jobs_filters, on running jobs (the node and running state filters): skipped when
    the shared node does not start both within 30 s."""
    served(version)
    name = f"{KILLFILT}-{version[-2:]}-run-{case}"
    theirs, mine = _sbatch_running(f"{name}-t"), _sbatch_running(f"{name}-o")
    try:
        if not _wait_running(theirs, mine):
            pytest.skip("the shared node did not start both jobs within 30 s")
        _assert_killed_alike(version, name, theirs, mine, RUNNING_FILTERS[case])
    finally:
        _cancel(theirs, mine)


def _queued(job_id):
    """What squeue says of a job: {id, name, partition, account, qos, state, user, nodes, reservation,
    wckey}; {} once it is gone."""
    out = subprocess.run(["squeue", "-h", "-j", str(job_id), "-o", "%i|%j|%P|%a|%q|%T|%u|%N|%v"],
                         capture_output=True, text=True, check=False).stdout.strip()
    if not out:
        return {}
    keys = ("id", "name", "partition", "account", "qos", "state", "user", "nodes", "reservation")
    fields = dict(zip(keys, out.split("|")))
    fields["wckey"] = subprocess.run(["squeue", "-h", "-j", str(job_id), "-O", "wckey:200"], capture_output=True,
                                     text=True, check=False).stdout.strip()
    return fields


def _nodes_meet(nodes, filter_nodes):
    def hosts(expr):
        out = subprocess.run(["scontrol", "show", "hostnames", expr], capture_output=True, text=True, check=False)
        return set(out.stdout.split())

    return bool(nodes) and bool(hosts(nodes) & hosts(filter_nodes))


@pytest.mark.parametrize("version", VERSIONS)
def test_delete_jobs_filters_as_squeue(version):
    """Every release (22.05 has no v0.0.4x reference): DELETE jobs/ with filters signals (SIGKILL)
    exactly the jobs squeue says match them, and that the asking user may signal; no other."""
    name = f"{KILLFILT}-{version[-2:]}-sq"
    wckey = f"{KILLFILT}-wk"
    jobs = {"a": _sbatch_as(name), "b": _sbatch_as(name, ("-p", "fakepart")),
            "c": _sbatch_as(name, ("--wckey", wckey)), "d": _sbatch_as(f"{name}-other"),
            "e": _sbatch_as(name, (), "bob"), "f": _sbatch_as(name, ("-p", "debug,fakepart"))}

    def mine(f):  # alice may signal only hers
        return f["name"] == name and f["user"] == "alice"

    steps = (
        ({"job_name": name, "partition": "fakepart"},
         lambda f: mine(f) and "fakepart" in f["partition"].split(",")),
        ({"job_name": name, "wckey": wckey}, lambda f: mine(f) and f["wckey"].lstrip("*") == wckey),
        ({"job_name": name, "user_name": "bob"}, lambda f: False),  # bob's: alice may not
        ({"job_name": name, "job_state": "RUNNING"}, lambda f: mine(f) and f["state"] == "RUNNING"),
        ({"job_name": name, "nodes": ["vm"]}, lambda f: mine(f) and _nodes_meet(f["nodes"], "vm")),
        ({"job_name": name, "reservation": f"{KILLFILT}-none"}, lambda f: False),
        ({"jobs": [jobs["a"], jobs["d"]], "account": "testacct", "qos": "normal"},
         lambda f: f["id"] in (jobs["a"], jobs["d"]) and f["account"] == "testacct" and f["qos"] == "normal"),
    )
    try:
        for body, expected in steps:
            before = {k: _queued(j) for k, j in jobs.items()}
            status, _, doc = ours("DELETE", f"/slurm/{version}/jobs/", body)
            assert status == 200 and not doc["errors"], (body, doc)
            gone = {k for k, j in jobs.items() if before[k] and _job_state(j) == "CANCELLED"}
            want = {k for k in jobs if before[k] and before[k]["state"] != "CANCELLED" and expected(before[k])}
            assert gone - {k for k in jobs if before[k].get("state") == "CANCELLED"} == want, (body, before)
        # (each step signalled what it said: in all, every job of alice's but none of bob's)
        assert {k for k, j in jobs.items() if _job_state(j) == "CANCELLED"} == {"a", "b", "c", "d", "f"}
    finally:
        _cancel(*jobs.values())
