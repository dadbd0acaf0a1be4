"""Issue 17, check 3: on one cluster, the same job, node, partition, reservation, account,
association or QOS asked in two API versions carries the same facts, on every release (portable:
ours answers every version there, the parser versions enabled as tests/parsed.py's `ours` does).

One test per object kind maps EVERY field of v0.0.38's object (flattened to "a/b" paths) to its
counterpart in v0.0.39, v0.0.41 and v0.0.45 and compares the values: a field at the same path is
its own counterpart; RENAMED says where the others went (with a function of v0.0.38's object where
the fact is said differently); NOT_COMPARED says, per field, why a field has none. A v0.0.38 field
nobody mapped fails the test, so a new field is accounted for. Values: v0.0.4x's {set, infinite,
number} against v0.0.38's plain number (null: not set or infinite), a list of names against a
string of them, names compared without case.

The smaller *_same_facts_as_v0_0_38 tests of test_parsed_<kind>.py check a few facts per version
for every v0.0.4x; this file checks every field for the versions above.
"""
import re
import subprocess
import time

import pytest

from service import ours as _ours

PLUGINS = "v0.0.38,dbv0.0.38,v0.0.39,dbv0.0.39,v0.0.41,dbv0.0.41,v0.0.45,dbv0.0.45"
VERSIONS = ("v0.0.39", "v0.0.41", "v0.0.45")
NAME = "oldver-agree"
# numbers either version says for "not set" or "no limit": NO_VAL, INFINITE (16, 32, 64 bits), NO_VAL16
# without CORE_SPEC_THREAD (a job's thread_spec), -1 (22.05's v0.0.38 for an INFINITE limit)
NO_VAL = {2**16 - 2, 2**16 - 1, 2**32 - 2, 2**32 - 1, 2**64 - 2, 2**64 - 1, 2**15 - 2, -1}
MEM_PER_CPU = 2**63  # v0.0.39's overloaded memory field: per CPU with this bit (a negative int64)


def PER_CPU(value):  # noqa: N802
    """v0.0.39's overloaded memory limit -> its MB per CPU (None: it is per node)"""
    return value + MEM_PER_CPU if value < 0 else None


def PER_NODE(value):  # noqa: N802
    return value if value >= 0 else None


def EXIT(status):  # noqa: N802
    """A wait status -> (return code, signal) (null: not set)"""
    return None if status is None or status in NO_VAL else [(status >> 8) & 0xFF, status & 0x7F]


def EXIT_NEW(n, key):  # noqa: N802
    code, signal = plain(n[f"{key}/return_code"]), plain(n[f"{key}/signal/id"])
    return None if code is None and signal is None else [code or 0, signal or 0]


def ALLOCATION(o):  # noqa: N802
    """v0.0.38's allocated_nodes -> per node: name, CPUs used, memory used and allocated, allocated cores"""
    return [[a["nodename"], a["cpus_used"], a["memory_used"], a["memory_allocated"],
             sorted((int(s), int(c)) for s, v in a["sockets"].items() for c, st in v["cores"].items()
                    if "allocated" in st)] for a in o["job_resources"]["allocated_nodes"]]


def ALLOCATION_NEW(n):  # noqa: N802
    return [[a["name"].upper(), a["cpus"]["used"], a["memory"]["used"], a["memory"]["allocated"],
             sorted((s["index"], c["index"]) for s in a["sockets"] for c in s["cores"] if "ALLOCATED" in c["status"])]
            for a in n["job_resources/nodes/allocation"]]


def ours(path):
    status, _, doc = _ours("GET", path, env={"SLURMRESTD_OPENAPI_PLUGINS": PLUGINS})
    assert status == 200, (path, doc)
    return doc


def sh(*cmd, user="alice"):
    return subprocess.run(["runuser", "-u", user, "--", *cmd], capture_output=True, text=True, cwd="/tmp",
                          timeout=60, check=False)


@pytest.fixture(scope="module")
def objects():
    """Jobs held, running and completed as alice; a reservation; all removed at the end."""
    jobs = []
    resv = sh("scontrol", "create", "reservation", f"reservationname={NAME}", "starttime=now+19days",
              "duration=90", "nodes=fakedown2", "users=alice,bob", "flags=ignore_jobs,overlap", user="root")
    assert resv.returncode == 0, resv.stderr
    try:
        for args in (("-H", "--mem-per-cpu=8M", "-c", "2", "--comment", "agree", "--no-requeue", "--wrap", "true"),
                     ("-t", "5", "--mem=16M", "--wrap", "sleep 600"), ("-t", "1", "--mem=16M", "--wrap", "true")):
            out = sh("sbatch", "--parsable", "-J", NAME, "-D", "/tmp", "-o", "/dev/null", *args)
            assert out.returncode == 0, out.stderr
            jobs.append(int(re.match(r"\d+", out.stdout.strip()).group(0)))
        deadline = time.time() + 60
        while time.time() < deadline and \
                sh("squeue", "-h", "-t", "all", "-o", "%T", "-j", str(jobs[1])).stdout.strip() != "RUNNING":
            time.sleep(1)
        yield {"jobs": jobs, "reservation": NAME}
    finally:
        sh("scancel", *map(str, jobs))
        sh("scontrol", "delete", f"reservationname={NAME}", user="root")


def flat(obj, path=""):
    """{"a/b": value}: nested objects walked, but for {set, infinite, number} and maps by number."""
    if isinstance(obj, dict) and obj and set(obj) != {"set", "infinite", "number"} and \
            not all(k.isdigit() for k in obj):
        out = {}
        for k, v in obj.items():
            out.update(flat(v, f"{path}/{k}" if path else k))
        return out
    return {path: obj}


def plain(value):
    """A v0.0.4x value said as v0.0.38 would: numbers plain (null when not set or infinite), names
    upper case, lists of names as lists."""
    if isinstance(value, dict) and set(value) == {"set", "infinite", "number"}:
        return None if not value["set"] or value["infinite"] else value["number"]
    if isinstance(value, str):
        return value.upper()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def agree(old, new):
    old, new = plain(old), plain(new)
    if old == new:
        return True
    if old is None or (isinstance(old, int) and not isinstance(old, bool) and old in NO_VAL):
        return new in (None, "", [], {}, 0) or (isinstance(new, (int, float)) and new in NO_VAL)
    if isinstance(old, str) and isinstance(new, list):  # "a,b" and ["a", "b"]
        return (old.split(",") if old else []) == new
    if isinstance(old, list) and isinstance(new, list):
        if all(isinstance(x, dict) for x in old + new):  # by the keys both have, "" and null alike
            def key(x, other):
                return sorted((k, plain(v) or "") for k, v in x.items() if any(k in y for y in other))
            return sorted(map(repr, (key(x, new) for x in old))) == sorted(map(repr, (key(x, old) for x in new)))
        return sorted(map(repr, old)) == sorted(map(repr, new))
    if isinstance(old, bool) or isinstance(new, bool):  # v0.0.38's is_default is a number, later a boolean
        return bool(old) == bool(new)
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return abs(old - new) < 1e-6
    return False


# what moves between two requests on a live cluster
LIVE = {"cpu_load", "free_memory", "alloc_memory", "alloc_cpus", "idle_cpus", "last_busy", "tres_used",
        "reason_changed_at", "last_sched_evaluation", "state_reason", "state_description", "end_time",
        "priority", "accrue_time", "eligible_time"}

# per kind: v0.0.38 path -> {version: counterpart path, or (path, function of v0.0.38's object or None
# for its value[, function of the counterpart's flattened object])} ("*": every version not named)
STATE = lambda o: [o["state"], *o["state_flags"]]  # noqa: E731
REBOOT = lambda o: [o["next_state_after_reboot"], *o["next_state_after_reboot_flags"]]  # noqa: E731
RENAMED = {
    "node": {
        "free_memory": {"*": "free_mem"},
        "state": {"*": ("state", STATE)},
        "state_flags": {"*": ("state", STATE)},
        "next_state_after_reboot": {"*": ("next_state_after_reboot", REBOOT)},
        "next_state_after_reboot_flags": {"*": ("next_state_after_reboot", REBOOT)},
        "slurmd_version": {"*": "version"},
        "idle_cpus": {"*": "alloc_idle_cpus"},
    },
    "job": {
        "cpu_frequency_minumum": {"*": "cpu_frequency_minimum"},
        "profile": {"*": ("profile", lambda o: o["profile"] or ["NOT_SET"])},
        "flags": {"*": ("flags", lambda o: sorted(JOB_FLAGS.get(f, f) for f in o["flags"]),
                        lambda n: sorted(f for f in n["flags"] if f in JOB_FLAGS.values()))},
        # a wait status in v0.0.38 (and v0.0.39), its return code and signal later
        "exit_code": {"v0.0.39": "exit_code", "*": ("exit_code/return_code", lambda o: EXIT(o["exit_code"]),
                                                    lambda n: EXIT_NEW(n, "exit_code"))},
        "derived_exit_code": {"v0.0.39": "derived_exit_code",
                              "*": ("derived_exit_code/return_code", lambda o: EXIT(o["derived_exit_code"]),
                                    lambda n: EXIT_NEW(n, "derived_exit_code"))},
        "job_resources/nodes": {"v0.0.39": "job_resources/nodes", "*": "job_resources/nodes/list"},
        "job_resources/allocated_hosts": {"v0.0.39": "job_resources/allocated_hosts", "*": "job_resources/nodes/count"},
        "job_resources/allocated_cores": {"v0.0.39": "job_resources/allocated_cores", "*": "job_resources/cpus"},
        "job_resources/allocated_nodes": {"v0.0.39": "job_resources/allocated_nodes",
                                          "*": ("job_resources/nodes/allocation", ALLOCATION, ALLOCATION_NEW)},
    },
    "partition": {
        "allowed_allocation_nodes": {"*": "nodes/allowed_allocation"},
        "allowed_accounts": {"*": "accounts/allowed"},
        "allowed_groups": {"*": "groups/allowed"},
        "allowed_qos": {"*": "qos/allowed"},
        "alternative": {"*": "alternate"},
        "billing_weights": {"*": "tres/billing_weights"},
        "default_memory_per_cpu": {"v0.0.39": ("defaults/memory_per_cpu", None,
                                               lambda n: PER_CPU(n["defaults/memory_per_cpu"])),
                                   "*": "defaults/partition_memory_per_cpu"},
        "default_memory_per_node": {"v0.0.39": ("defaults/memory_per_cpu", None,
                                                lambda n: PER_NODE(n["defaults/memory_per_cpu"])),
                                    "*": "defaults/partition_memory_per_node"},
        "default_time_limit": {"*": "defaults/time"},
        "denied_accounts": {"*": "accounts/deny"},
        "denied_qos": {"*": "qos/deny"},
        "preemption_grace_time": {"*": "grace_time"},
        "maximum_cpus_per_node": {"*": "maximums/cpus_per_node"},
        "maximum_memory_per_cpu": {"v0.0.39": ("maximums/memory_per_cpu", None,
                                               lambda n: PER_CPU(n["maximums/memory_per_cpu"])),
                                   "*": "maximums/partition_memory_per_cpu"},
        "maximum_memory_per_node": {"v0.0.39": ("maximums/memory_per_cpu", None,
                                                lambda n: PER_NODE(n["maximums/memory_per_cpu"])),
                                    "*": "maximums/partition_memory_per_node"},
        "maximum_nodes_per_job": {"*": "maximums/nodes"},
        "max_time_limit": {"*": "maximums/time"},
        "min nodes per job": {"*": "minimums/nodes"},
        "nodes": {"*": "nodes/configured"},
        "over_time_limit": {"*": "maximums/over_time_limit"},
        "priority_job_factor": {"*": "priority/job_factor"},
        "priority_tier": {"*": "priority/tier"},
        "qos": {"*": "qos/assigned"},
        "state": {"*": ("partition/state", lambda o: [o["state"]])},
        "total_cpus": {"*": "cpus/total"},
        "total_nodes": {"*": "nodes/total"},
        "tres": {"*": "tres/configured"},
    },
    "reservation": {},
    "account": {},
    "association": {},
    "qos": {
        "preempt/mode": {"*": ("preempt/mode", lambda o: o["preempt"]["mode"] or ["DISABLED"])},
    },
}
# v0.0.38's job flags (22.05's names) as v0.0.4x names them
JOB_FLAGS = {"JOB_CPUS_SET": "EXACT_CPU_COUNT_REQUESTED", "JOB_MEM_SET": "EXACT_MEMORY_REQUESTED",
             "JOB_WAS_RUNNING": "JOB_WAS_RUNNING", "JOB_ACCRUE_OVER": "JOB_ACCRUE_TIME_RESET",
             "SPREAD_JOB": "SPREAD_JOB", "USE_MIN_NODES": "USE_MIN_NODES", "JOB_RESIZED": "JOB_RESIZED",
             "TOP_PRIO_TMP": "TOP_PRIORITY_JOB", "GRES_ENFORCE_BIND": "GRES_BINDING_ENFORCED",
             "GRES_DISABLE_BIND": "GRES_BINDING_DISABLED", "KILL_INV_DEP": "KILL_INVALID_DEPENDENCY",
             "NO_KILL_INV_DEP": "NO_KILL_INVALID_DEPENDENCY", "HAS_STATE_DIR": "HAS_STATE_DIRECTORY",
             "BACKFILL_TEST": "TESTING_BACKFILL", "TEST_NOW_ONLY": "TESTING_WHOLE_NODE_BACKFILL",
             "JOB_KILL_HURRY": "KILLING_NOW", "SIB_JOB_FLUSH": "SIBLING_CLUSTER_UPDATE_ONLY",
             "HET_JOB_FLAG": "HETEROGENEOUS_JOB", "TRES_STR_CALC": "TRES_STRING_CALCULATED"}



# per kind: v0.0.38 path -> why it has no counterpart to compare (for the versions named, "*": all)
NOT_COMPARED = {
    "node": {
        "tres_weighted": {"v0.0.45": "v0.0.45 has no tres_weighted (Slurm 25.05 dropped it)"},
    },
    "job": {
        "show_flags": {"*": "the flags of the request that loaded the job, not a fact of the job (v0.0.45 has none)"},
        "standard_error": {"v0.0.39": "v0.0.39-v0.0.41 write where stderr goes (stdout's path when not given), "
                                      "v0.0.38 and v0.0.45 the path asked", "v0.0.41": "as v0.0.39"},
        "cpus_per_task": {"*": "22.05's v0.0.38 writes null when cpu_frequency_minimum is unset (its jobs.c tests "
                               "cpu_freq_min), so it says nothing of the job"},
    },
    "partition": {
        "flags": {"*": "v0.0.38's flags are spread over v0.0.4x's flags (v0.0.43 on) and partition/exclusive: "
                       "compared apart"},
        "state": {"v0.0.39": "v0.0.39 has no partition state (24.05's document has none)"},
        "preemption_mode": {"*": "v0.0.38 names the mode in force (the cluster's when the partition has none), "
                                 "v0.0.4x the partition's own"},
    },
    "reservation": {
        "core_spec_cnt": {"*": "v0.0.39 on list the specialized cores (core_specializations), not their count"},
        "watts": {"v0.0.45": "v0.0.45 has no watts (power management went in Slurm 23.02)"},
    },
    "account": {
        # 24.05's dbv0.0.39 accounts handler reads only with_deleted: it never asks for associations
        "associations": {"v0.0.39": "v0.0.39 lists no associations of an account (no with_assocs)"},
    },
    "association": {
        "usage": {"*": "v0.0.38's usage (null: not asked) has no counterpart"},
        "flags": {"*": "v0.0.38's DEFAULT flag is v0.0.39 on's is_default"},
    },
    "qos": {},
}

KINDS = {  # kind: (v0.0.38 path, its payload key, v0.0.4x path (query), its payload key, what names one)
    "job": ("/slurm/{v}/jobs", "jobs", "/slurm/{v}/jobs", "jobs", "job_id"),
    "node": ("/slurm/{v}/nodes", "nodes", "/slurm/{v}/nodes", "nodes", "name"),
    "partition": ("/slurm/{v}/partitions", "partitions", "/slurm/{v}/partitions?flags=ALL", "partitions", "name"),
    "reservation": ("/slurm/{v}/reservations", "reservations", "/slurm/{v}/reservations", "reservations", "name"),
    "account": ("/slurmdb/{v}/accounts", "accounts", "/slurmdb/{v}/accounts?{assocs}", "accounts", "name"),
    "association": ("/slurmdb/{v}/associations", "associations", "/slurmdb/{v}/associations", "associations",
                    ("account", "user", "partition")),
    "qos": ("/slurmdb/{v}/qos", "QOS", "/slurmdb/{v}/qos", "qos", "name"),
}


def _pick(table, version):
    return table.get(version, table.get("*"))


def differences(kind, version, old, new):
    """Where `new` (an object of `version`) does not say what `old` (v0.0.38's) says."""
    out = []
    renamed, skipped = RENAMED[kind], NOT_COMPARED[kind]
    o, n = flat(old), flat(new)
    for path, value in o.items():
        if path.split("/")[0] in LIVE:
            continue
        if path in skipped and _pick(skipped[path], version):
            continue
        target = _pick(renamed.get(path, {}), version) or path
        theirs = n.get(target) if isinstance(target, str) else n.get(target[0])
        if isinstance(target, tuple):
            target, make, *convert = target
            value = make(old) if make else value
            theirs = convert[0](n) if convert and target in n else theirs
        if target not in n:
            out.append(f"{path}: no counterpart {target!r} in {version}")
        elif not agree(value, theirs):
            out.append(f"{path}: {value!r} != {version}'s {target} {theirs!r}")
    return out


def ident(obj, by):
    return tuple(obj.get(k) or None for k in by) if isinstance(by, tuple) else obj[by]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_agrees_with_v0_0_38(kind, version, objects):
    old_path, old_key, new_path, new_key, by = KINDS[kind]
    for attempt in range(3):  # the shared cluster moves between two requests
        old = {ident(x, by): x for x in ours(old_path.format(v="v0.0.38"))[old_key]}
        assocs = "with_assocs" if version == "v0.0.39" else "WithAssociations"
        new = {ident(x, by): x for x in ours(new_path.format(v=version, assocs=assocs))[new_key]}
        if kind == "job":  # of the jobs, ours
            old = {k: v for k, v in old.items() if k in objects["jobs"]}
        both = [k for k in old if k in new]
        diff = [f"{kind} {k}: {d}" for k in both for d in differences(kind, version, old[k], new[k])]
        if not diff:
            break
        time.sleep(1)
    assert diff == [], "\n".join(diff)
    assert both, f"no {kind} both versions list"
    if kind == "job":
        assert set(objects["jobs"]) <= set(both)
    if kind == "reservation":
        assert objects["reservation"] in both


# -- a submission in v0.0.38 and in a later version make the same job --------------------------
SCRIPT = "#!/bin/sh\nsleep 30\n"
OLD_JOB = {"name": NAME + "-submit", "account": "testacct", "comment": "oldver-agree", "cpus_per_task": 1,
           "current_working_directory": "/tmp", "environment": {"PATH": "/bin:/usr/bin", "OLDVER": "1"},
           "hold": True, "memory_per_node": 32, "minimum_nodes": 1, "nice": 10, "partition": "debug",
           "qos": "normal", "no_requeue": True, "standard_output": "/dev/null", "standard_error": "/dev/null",
           "tasks": 1, "tasks_per_node": 1, "time_limit": 5, "time_minimum": 2, "mail_type": "END",
           "mail_user": "alice"}
# the same description in v0.0.39 on: numbers with flags, the environment and mail types as lists, and
# "requeue": false for v0.0.38's "no_requeue" (v0.0.38 takes sbatch's options: a flag named is set, so
# there "requeue": false asks for requeue, as 22.05's reference does)
NEW_JOB = {**{k: v for k, v in OLD_JOB.items() if k != "no_requeue"}, "requeue": False,
           "environment": ["PATH=/bin:/usr/bin", "OLDVER=1"], "mail_type": ["END"],
           "memory_per_node": {"set": True, "infinite": False, "number": 32},
           "time_limit": {"set": True, "infinite": False, "number": 5},
           "time_minimum": {"set": True, "infinite": False, "number": 2},
           "nice": 10}
# scontrol show job -dd fields two submissions of one description cannot share: ids and clocks
PER_SUBMISSION = {"JobId", "SLUID", "ArrayJobId", "SubmitTime", "EligibleTime", "AccrueTime", "StartTime",
                  "EndTime", "LastSchedEval", "RunTime", "Deadline", "SuspendTime", "SecsPreSuspend",
                  "PreemptEligibleTime", "PreemptTime", "ResizeTime", "Reason"}


def show(job):
    """scontrol show job -dd, as {field: value}, but for PER_SUBMISSION."""
    out = subprocess.run(["scontrol", "show", "job", "-dd", str(job)], capture_output=True, text=True, timeout=60,
                         check=False).stdout
    fields = {}
    for token in re.split(r"\s+", out.strip()):
        key, sep, value = token.partition("=")
        if sep and key not in PER_SUBMISSION and key not in fields:
            fields[key] = value
    return fields


def submit(version, job):
    status, _, doc = _ours("POST", f"/slurm/{version}/job/submit", {"script": SCRIPT, "job": job},
                           env={"SLURMRESTD_OPENAPI_PLUGINS": PLUGINS})
    # 22.05's v0.0.38 lists a held job's "pending scheduler release" among its errors (as its reference)
    assert status == 200 and isinstance(doc.get("job_id"), int), (version, status, doc.get("errors"))
    assert all(e.get("error_code", e.get("error_number")) == 2042 for e in doc["errors"]), doc["errors"]
    return doc["job_id"]


@pytest.mark.parametrize("version", ("v0.0.41", "v0.0.45"))  # v0.0.39 has no job/submit here (yet)
def test_submission_makes_the_job_v0_0_38_makes(version):
    """The same held job submitted in v0.0.38 and in `version`: scontrol show job -dd says the same
    of both, field for field, but for ids and clocks (both cancelled)."""
    made = []
    try:
        made.append(submit("v0.0.38", OLD_JOB))
        made.append(submit(version, NEW_JOB))
        old, new = show(made[0]), show(made[1])
        assert old["JobState"] == new["JobState"] == "PENDING"
        assert old["JobName"] == NAME + "-submit" and old["Comment"] == "oldver-agree"
        diff = [f"{k}: v0.0.38 {old.get(k)!r} != {version} {new.get(k)!r}"
                for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
        assert diff == [], "\n".join(diff)
    finally:
        sh("scancel", *map(str, made))
