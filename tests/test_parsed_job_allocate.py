"""POST job/allocate (v0.0.41 on) against the reference of the release under test: statuses,
errors[], warnings[], meta and documents (job_id values aside), and the jobs allocated (`scontrol
show job -dd`, ids, times and scheduling state aside); then every allocation is released.

The reference allocates with slurm_allocate_resources_blocking() and no timeout: it answers only once
the job runs. So the test never waits on resources: every body that could allocate asks for
`immediate` (slurmctld then answers at once, allocated or refused, and no listening socket waits),
one task, 10 MB and one minute on the debug partition; the two sides allocate one after the other,
each released (scancel) as soon as it is shown, and in a finally every job of the test's names is
cancelled whatever happened (a lost answer included). squeue then must show none of them left.
Jobs are named alloc_*.
"""
import subprocess
import time

import pytest
from compare import differences
from parsed import IGNORE, VERSIONS, order_differences, ours, served
from reference import reference
from test_parsed_job_writes import ENV, SCRIPT, _show

ALLOCATING = ("v0.0.41", "v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45")
CAN_NOT_START_IMMEDIATELY = 2013  # ESLURM_CAN_NOT_START_IMMEDIATELY: the node is busy (shared cluster)


def _job(name, **more):
    return {"name": name, "current_working_directory": "/tmp", "environment": ENV, "immediate": True,
            "partition": "debug", "tasks": 1, "memory_per_node": 10, "time_limit": 1, **more}


GOOD = {
    "plain": {"job": _job("alloc_plain")},
    "numbers_with_flags": {"job": _job("alloc_flags", time_limit={"set": True, "infinite": False, "number": 1},
                                       memory_per_node={"set": True, "number": 10}, minimum_nodes=1)},
    "strings_for_numbers": {"job": _job("alloc_str", time_limit="1", tasks="1", nodes="1", memory_per_node="10M",
                                        comment="alloc")},
    "unknown_fields": {"job": _job("alloc_unknown", nope=1, deep={"a": 1}), "extra": "x"},
    "environment_dict": {"job": {**_job("alloc_envdict"), "environment": {"PATH": "/bin"}}},
    # (jobdesc3's fields every version reads)
    "last_fields": {"job": _job("alloc_last", clusters="jobdesc3_cluster", cpu_frequency="1000-2000:performance",
                                power_flags=[])},
}
# A HetJob: slurmctld refuses `immediate` for one (ESLURM_CAN_NOT_START_IMMEDIATELY, always), and
# without it both would wait: its components do not share a node, and the test clusters' debug
# partition has one (squeue: Resources). So compared refused alike only.
HET = {"hetjob": [_job("alloc_het"), _job("alloc_het", memory_per_node=11)]}
BAD = {
    "empty": {},
    "neither": {"script": SCRIPT},
    "both": {"job": _job("alloc_both"), "hetjob": [_job("alloc_both")]},
    "list_body": [1],
    "job_text": {"job": "x"},
    "time_limit_text": {"job": _job("alloc_bad", time_limit="abc")},
    "bad_partition": {"job": _job("alloc_bad", partition="alloc_nopart")},
    "too_much_memory": {"job": _job("alloc_bad", memory_per_node=10 ** 9)},
    "hetjob_text": {"hetjob": "x"},
    "hetjob_number": {"hetjob": 5},
    "hetjob_null": {"job": _job("alloc_bad"), "hetjob": None},
    "hetjob_dict": {"hetjob": {"a": 1}},
    "hetjob_empty": {"hetjob": []},
    "hetjob_bad_item": {"hetjob": [_job("alloc_bad", zz=1), 1]},
    "cpu_frequency_invalid": {"job": _job("alloc_bad", cpu_frequency="nope")},
    "none": None,
}
NAMES = {"alloc_plain", "alloc_flags", "alloc_str", "alloc_unknown", "alloc_envdict", "alloc_both", "alloc_bad",
         "alloc_het", "alloc_last"}


def _left(names):
    out = subprocess.run(["squeue", "-h", "-n", ",".join(sorted(names)), "-o", "%i %T"], capture_output=True,
                         text=True, check=False).stdout
    return [line for line in out.split("\n") if line.strip()]


def _release(names):
    """scancel every job of these names (as root: alice's; squeue takes a list of names, scancel
    one), then wait until squeue shows none left; -> what is left."""
    for _ in range(30):
        left = _left(names)
        if not left:
            return []
        subprocess.run(["scancel", *(line.split()[0] for line in left)], capture_output=True, check=False)
        time.sleep(1)
    return _left(names)


def _one(ask, path, body):
    """One side's answer and its job as scontrol showed it, the job released at once."""
    status, _, doc = ask("POST", path, body)
    job_id = doc.get("job_id") if isinstance(doc, dict) else None
    shown = {}
    if job_id:
        shown = _show(job_id)
        subprocess.run(["scancel", str(job_id)], capture_output=True, check=False)
    return status, doc, shown


def _busy(doc):
    return isinstance(doc, dict) and any(e.get("error_number") == CAN_NOT_START_IMMEDIATELY
                                         for e in doc.get("errors") or ())


def _compare(path, body, attempts=3):
    try:
        for attempt in range(attempts):
            ref = _one(reference, path, body)
            our = _one(ours, path, body)
            # the shared node was busy for one side only (others' jobs): ask both again
            if _busy(ref[1]) != _busy(our[1]) and attempt < attempts - 1:
                _release(NAMES)
                time.sleep(5)
                continue
            break
        diff = [f"status {ref[0]} != {our[0]}"] if ref[0] != our[0] else []
        diff += differences(ref[1], our[1], IGNORE | {"$.job_id"}) + order_differences(ref[1], our[1])
        ref_id = ref[1].get("job_id") if isinstance(ref[1], dict) else None
        our_id = our[1].get("job_id") if isinstance(our[1], dict) else None
        diff += [] if bool(ref_id) == bool(our_id) else [f"job_id {ref_id} != {our_id}"]
        diff += [f"scontrol {k}: {ref[2].get(k)!r} != {our[2].get(k)!r}"
                 for k in sorted(set(ref[2]) | set(our[2])) if ref[2].get(k) != our[2].get(k)]
        assert not diff, f"POST {path} {body}:\n" + "\n".join(diff[:40])
        return ref, our
    finally:
        left = _release(NAMES)
        assert not left, f"jobs left after release: {left}"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("form", GOOD)
def test_allocate(version, form):
    """Allocated (or, the shared node being busy, refused alike), answered and made as the reference's."""
    served(version)
    if version not in ALLOCATING:
        pytest.skip(f"{version} has no job/allocate")
    ref, our = _compare(f"/slurm/{version}/job/allocate", GOOD[form])
    if not _busy(ref[1]):
        assert ref[0] == 200 and ref[1]["job_id"] and our[1]["job_id"], (ref, our)
        assert our[2]["JobName"] == GOOD[form]["job"]["name"]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("form", BAD)
def test_allocate_refused(version, form):
    served(version)
    if version not in ALLOCATING:
        pytest.skip(f"{version} has no job/allocate")
    ref, our = _compare(f"/slurm/{version}/job/allocate", BAD[form])
    assert ref[1]["errors"] and not ref[2] and not our[2], (ref, our)


@pytest.mark.parametrize("version", VERSIONS)
def test_allocate_not_in_v0_0_40(version):
    """v0.0.40 has no job/allocate: "allocate" is a job id to POST job/{job_id}, refused alike."""
    served(version)
    if version in ALLOCATING:
        pytest.skip(f"{version} has job/allocate")
    _compare(f"/slurm/{version}/job/allocate", GOOD["plain"])


@pytest.mark.parametrize("version", ALLOCATING)
def test_allocate_same_facts_as_v0_0_38(version):
    """Where no reference serves the version (22.05): our allocation makes the job our v0.0.38 batch
    submission of the same description makes (an allocation is a job without a batch script), running
    at once, and it is released."""
    body = {"job": _job("alloc_plain")}
    old_body = {"script": SCRIPT, "job": {"name": "alloc_plain", "current_working_directory": "/tmp",
                                          "environment": {"PATH": "/bin:/usr/bin", "JOBSWRITE": "1"},
                                          "partition": "debug", "tasks": 1, "memory_per_node": 10,
                                          "time_limit": 1}}
    try:
        status, _, doc = ours("POST", f"/slurm/{version}/job/allocate", body)
        if _busy(doc):
            pytest.skip("the shared node is busy")
        assert status == 200 and not doc["errors"] and doc["job_id"], doc
        mine = _show(doc["job_id"])
        old = ours("POST", "/slurm/v0.0.38/job/submit", old_body)
        assert old[0] == 200, old
        theirs = _show(old[2]["job_id"])
        # an allocation: no batch script, no output files, an allocating node; the rest as submitted
        for key in ("Command", "WorkDir", "StdErr", "StdIn", "StdOut", "AllocNode:Sid", "Power", "Requeue"):
            theirs.pop(key, None)
            mine.pop(key, None)
        assert mine == theirs
        assert mine["JobName"] == "alloc_plain" and mine["TimeLimit"] == "00:01:00"
    finally:
        left = _release(NAMES)
        assert not left, f"jobs left after release: {left}"


@pytest.mark.parametrize("version", ALLOCATING)
def test_allocate_hetjob_immediate(version):
    """A HetJob with `immediate`: refused by slurmctld, answered as the reference answers."""
    served(version)
    ref, our = _compare(f"/slurm/{version}/job/allocate", HET)
    assert ref[1]["errors"] and not ref[2] and not our[2], (ref, our)
