"""The job description keys, one by one: the same held description submitted through the reference
and through ours (as alice, names "jobdesc-..."), the two jobs compared field by field (GET /job
from the reference, and scontrol's view for what the REST record leaves out); bad values answer
the reference's errors and submit nothing.
"""
import os
import re
import subprocess

import pytest

from compare import differences
from reference import reference
from service import ours

from slurmrestd_py.api import job_desc, option_values as values

V = "/slurm/v0.0.38"
CONF = os.environ.get("SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")
ENV = {"PATH": "/bin:/usr/bin", "LANG": "C"}
SCRIPT = "#!/bin/sh\nsleep 300\n"
PER_JOB = {f"$.jobs[].{k}" for k in (
    "job_id", "submit_time", "accrue_time", "eligible_time", "last_sched_evaluation", "start_time",
    "end_time", "array_job_id", "het_job_id", "het_job_id_set", "priority", "array_task_id")}
# scontrol's lines that differ between two jobs of one description
SCONTROL_PER_JOB = re.compile(r"(JobId|ArrayJobId|SubmitTime|EligibleTime|AccrueTime|StartTime|"
                              r"EndTime|LastSchedEval|AllocNode:Sid|Priority)=\S*")


def body(**extra):
    job = {"name": "jobdesc-k", "environment": ENV, "current_working_directory": "/tmp",
           "memory_per_node": "16M", "standard_output": "/dev/null", "hold": True, **extra}
    return {"script": SCRIPT, "job": job}


def cancel(ids):
    if ids:
        subprocess.run(["runuser", "-u", "alice", "--", "env", f"SLURM_CONF={CONF}", "scancel",
                        *map(str, ids)], check=False, capture_output=True)


def scontrol_view(job_id):
    out = subprocess.run(["env", f"SLURM_CONF={CONF}", "scontrol", "-dd", "show", "job", str(job_id)],
                         capture_output=True, text=True, check=False).stdout
    return SCONTROL_PER_JOB.sub(r"\1=*", out)


def count():
    """The ids of the test's jobs slurmctld knows. (A set, not a number: finished jobs leave
    slurmctld's memory after MinJobAge, so only a new id says a job was made.)"""
    out = subprocess.run(["env", f"SLURM_CONF={CONF}", "squeue", "-h", "-a", "-t", "all", "-o", "%i %j"],
                         capture_output=True, text=True, check=True).stdout
    return {i for i, n in (line.split(None, 1) for line in out.splitlines() if " " in line)
            if n.startswith("jobdesc-")}


GOOD = [
    {"begin_time": "2031-01-01T10:00:00"}, {"begin_time": "uts1950000000"},
    {"begin_time": "12/25/31"}, {"begin_time": "2031-03-04"},
    {"deadline": "2031-01-01T10:00:00"}, {"deadline": "2031-02-03T04:05"},
    {"cpus_per_gpu": 0}, {"gpus": ""}, {"gpus_per_node": ""},
    {"gpu_binding": "closest"}, {"gpu_binding": "map_gpu:0,1"}, {"gpu_binding": "verbose,single:2"},
    {"gpu_frequency": "low"}, {"gpu_frequency": "1000,memory=high"}, {"gpu_frequency": "verbose"},
    {"distribution": "plane=4"}, {"distribution": "block:cyclic"}, {"distribution": "*:*:fcyclic"},
    {"distribution": "cyclic,pack"}, {"distribution": "arbitrary", "nodelist": "vm"},
    {"cpu_frequency": "low-high:ondemand"}, {"cpu_frequency": "2000"},
    {"cpu_frequency": "1000-2000"}, {"cpu_frequency": "performance"}, {"cpu_frequency": "medium"},
    {"profile": "task,energy"}, {"profile": "none"}, {"profile": "all"}, {"profile": "lustre"},
    {"signal": "USR1@30"}, {"signal": "R:TERM"}, {"signal": "10"}, {"signal": "SIGHUP@0"},
    {"delay_boot": "10:00"}, {"delay_boot": "1-0"}, {"delay_boot": "UNLIMITED"},
    {"gres_flags": "enforce-binding"}, {"gres_flags": "Disable-Binding"},
    {"memory_binding": "local"}, {"memory_binding": "map_mem:0,1"},
    {"memory_binding": "rank,v"}, {"memory_binding": "mask_mem:0x1*2"},
    {"core_specification": 0}, {"core_specification": 1}, {"core_specification": -1},
    {"thread_specification": 1},
    {"cpu_binding_hint": "compute_bound"}, {"cpu_binding_hint": "anything"},
    {"test_only": True}, {"test_only": False},
    {"wait_all_nodes": 1}, {"wait_all_nodes": "0"},
    {"get_user_environment": None}, {"get_user_environment": "10L"}, {"get_user_environment": ""},
    {"umask": "0022"}, {"umask": 77},
    # out-of-range numbers: C's saturation and wrap-around, as the reference computes them
    {"delay_boot": "99999999999"}, {"delay_boot": "99999999999999999999-1"},
    {"signal": "99999999999999999999999999"}, {"signal": "USR1@"}, {"distribution": "plane= 7"},
    {"cpu_frequency": "1000-99999999999999999999999"}, {"umask": "40000000000"},
    {"get_user_environment": "-1"}, {"get_user_environment": "99999999999999999999999"},
    {"gpu_binding": "closest;gpu:none"}, {"gpu_binding": "map_gpu:1*"}, {"gpu_frequency": "low;"},
    # host lists go out ranged and without repeats (slurmctld ranges what it shows anyway)
    {"nodelist": "vm,vm"}, {"nodelist": ""},
    {"nodelist": "fakefut3,fakefut1,fakefut2,fakefut1", "exclude_nodes": "fakedown2,fakedown1",
     "partition": "fakepart"},
]


@pytest.mark.parametrize("extra", GOOD, ids=[str(e) for e in GOOD])
def test_key_matches_reference(extra):
    (rs, _, rb) = reference("POST", f"{V}/job/submit", body(**extra))
    (os_, _, ob) = ours("POST", f"{V}/job/submit", body(**extra))
    made = [b["job_id"] for b in (rb, ob) if isinstance(b, dict) and b.get("job_id")]
    try:
        assert rs == os_ == 200, (rb, ob)
        assert differences(rb, ob, {"$.job_id"}) == []
        ref_job = reference("GET", f"{V}/job/{rb['job_id']}")[2]
        our_job = reference("GET", f"{V}/job/{ob['job_id']}")[2]
        # absolute begin times make the eligible time comparable too
        ignore = PER_JOB - ({"$.jobs[].eligible_time"} if "begin_time" in extra else set())
        assert differences(ref_job, our_job, ignore) == []
        assert scontrol_view(rb["job_id"]) == scontrol_view(ob["job_id"])
    finally:
        cancel(made)


BAD = [
    {"begin_time": "garbage"}, {"begin_time": "25:00"}, {"begin_time": {}},
    {"deadline": "soon"}, {"deadline": "13/45"},
    {"cpus_per_gpu": 2}, {"cpus_per_gpu": "x"}, {"gpus": "1"}, {"gpus_per_node": "tesla:1"},
    {"gpus_per_socket": "1"}, {"gpus_per_task": "1"}, {"memory_per_gpu": "1G"},
    {"gres": "gpu:1"},
    {"gpu_binding": "bogus"}, {"gpu_binding": "map_gpu:x"}, {"gpu_frequency": "fast"},
    {"gpu_frequency": "memory=x"}, {"gpu_frequency": ""},
    {"distribution": "bogus"}, {"distribution": "plane"}, {"distribution": "plane=0"},
    {"distribution": "a:b:c:d"}, {"distribution": "arbitrary"}, {"distribution": ",pack"},
    {"cpu_frequency": "low-high:conservative"}, {"cpu_frequency": "high-low"},
    {"cpu_frequency": "x"}, {"cpu_frequency": "ondemand:performance"}, {"cpu_frequency": "1000:ondemand"},
    {"signal": "B:USR1@30"}, {"signal": "NOPE"}, {"signal": "USR1@x"}, {"signal": "0"},
    {"delay_boot": "soon"}, {"delay_boot": "1:2:3:4"},
    {"gres_flags": "bogus"},
    {"memory_binding": "help"}, {"memory_binding": "bogus"}, {"memory_binding": "map_mem"},
    {"memory_binding": "map_mem:x"},
    {"core_specification": "x"},
    {"thread_specification": 0}, {"thread_specification": 40000}, {"thread_specification": "x"},
    {"wait_all_nodes": 2}, {"wait_all_nodes": -1}, {"wait_all_nodes": "x"},
    {"get_user_environment": True}, {"get_user_environment": "10x"},
    {"umask": "9"}, {"umask": "-5"}, {"umask": "17777"},
    {"signal": "USR1@ "}, {"distribution": "plane=99999999999999999999999"},
    {"cpu_frequency": "4294967296"}, {"gpu_binding": "closest;x"}, {"gpu_binding": "map_gpu:1*08"},
    {"gpu_binding": "per_task:99999999999999999999999"}, {"gpu_frequency": "99999999999999999999999"},
    {"memory_binding": "map_mem:1*99999999999999999999"}, {"memory_binding": "map_mem:1*200000"},
    {"umask": "17777777777777777777777777"}, {"umask": " "}, {"get_user_environment": " "},
    {"begin_time": "uts" + "9" * 30},
]


@pytest.mark.parametrize("extra", BAD, ids=[str(e) for e in BAD])
def test_bad_value_matches_reference_and_submits_nothing(extra):
    before = count()
    (rs, _, rb) = reference("POST", f"{V}/job/submit", body(**extra))
    (os_, _, ob) = ours("POST", f"{V}/job/submit", body(**extra))
    made = [b["job_id"] for b in (rb, ob) if isinstance(b, dict) and b.get("job_id")]
    cancel(made)
    assert (rs, rb) == (os_, ob)
    assert not made and count() <= before


@pytest.mark.parametrize("extra", [{"distribution": "block:block"}, {"signal": "USR2@40"},
                                   {"delay_boot": "5:00"}, {"cpu_frequency": "low"},
                                   {"profile": "task"}, {"deadline": "2031-01-01T10:00:00"},
                                   {"signal": "NOPE"}, {"umask": "9"}])
def test_update_matches_reference(extra):
    """POST /job/{id} with the key on two held jobs of alice's: same answer, same jobs after."""
    ids = [ours("POST", f"{V}/job/submit", body())[2]["job_id"] for _ in range(2)]
    try:
        (rs, _, rb) = reference("POST", f"{V}/job/{ids[0]}", extra)
        (os_, _, ob) = ours("POST", f"{V}/job/{ids[1]}", extra)
        assert rs == os_ and differences(rb, ob) == []
        ref_job = reference("GET", f"{V}/job/{ids[0]}")[2]
        our_job = reference("GET", f"{V}/job/{ids[1]}")[2]
        assert differences(ref_job, our_job, PER_JOB) == []
        assert scontrol_view(ids[0]) == scontrol_view(ids[1])
    finally:
        cancel(ids)


# -- pure: the value syntaxes -------------------------------------------------------------------
@pytest.mark.parametrize("text, seconds", [("10:00", 600), ("1-0", 86400), ("1:2:3", 3723),
                                           ("5", 300), ("1-2:3", 93780), ("abc", values.NO_VAL),
                                           ("1:2:3:4", values.NO_VAL), ("", values.NO_VAL),
                                           ("UNLIMITED", values.INFINITE)])
def test_time_str2secs(text, seconds):
    assert values.time_str2secs(text) == seconds


def test_parse_time_forms():
    now = values.parse_time("2030-06-15T12:00:00")
    assert values.parse_time("uts1900000000") == 1900000000
    assert values.parse_time("now+1hour", now=now) == now + 3600
    assert values.parse_time("now-2days", now=now) == now - 2 * 86400
    assert values.parse_time("2030-06-16", now=now) == now + 12 * 3600
    assert values.parse_time("tomorrow", now=now) == now + 12 * 3600
    assert values.parse_time("noon", now=now - 60) == now
    assert values.parse_time("1:00pm", now=now) == now + 3600
    for bad in ("garbage", "25:00", "13/45", "now+x", ""):
        assert values.parse_time(bad, now=now) == 0


@pytest.mark.parametrize("text, got", [
    ("plane=4", (values.SLURM_DIST_PLANE, 4)), ("block:cyclic", (0x12, None)),
    ("*:*:fcyclic", (0x312, None)), ("pack", (0x2000 | 0x800000, None)),
    ("block,nopack", (0x2 | 0x400000, None)), ("a:b", None), ("fcyclic", None), ("plane", None)])
def test_distribution(text, got):
    assert values.distribution(text) == got


def test_parse_sets_fields_and_environment():
    site = job_desc.Site(cpu_freq_govs=0x84000000, gres_types=("gpu",))
    d = job_desc.parse({"environment": {"A": "1"}, "cpu_frequency": "low-high:ondemand",
                        "profile": "task", "gpus": "1,tesla:2", "signal": "R:USR1@5",
                        "get_user_environment": None, "thread_specification": 2}, True, site)
    assert (d["cpu_freq_min"], d["cpu_freq_max"], d["cpu_freq_gov"]) == (
        0x80000001, 0x80000003, 0x84000000)
    assert d["tres_per_job"] == "gres:gpu:1,gres:gpu:tesla:2"
    assert (d["warn_signal"], d["warn_time"], d["warn_flags"]) == (10, 5, values.KILL_JOB_RESV)
    assert d["core_spec"] == 2 | job_desc.CORE_SPEC_THREAD
    env = d["environment"]
    assert env[0] == "A=1" and "SLURM_GET_USER_ENV=1" in env and "SLURM_PROFILE=Task" in env
    assert "SLURM_CPU_FREQ_REQ=Low-High:OnDemand" in env


def test_core_spec_below_zero_is_a_note():
    notes = []
    d = job_desc.parse({"core_specification": -1}, False, notes=notes)
    assert "core_spec" not in d
    assert notes == [{"error": "Invalid core specification", "error_code": 0}]


@pytest.mark.parametrize("text, base, unsigned, got", [
    ("12", 10, False, (12, 2)), (" -12x", 10, False, (-12, 4)), ("", 10, False, (0, 0)),
    ("+", 10, False, (0, 0)), ("9" * 5000, 10, False, (values.LONG_MAX, 5000)),
    ("-" + "9" * 5000, 10, False, (values.LONG_MIN, 5001)), ("-1", 10, True, (2**64 - 1, 2)),
    ("9" * 30, 10, True, (2**64 - 1, 30)), ("0x1f", 0, False, (31, 4)), ("0x", 0, False, (0, 1)),
    ("08", 0, False, (0, 1)), ("0xg", 16, False, (0, 1)), ("-5", 8, True, (2**64 - 5, 2)),
    ("\u0661\u0662", 10, False, (0, 0)), ("0" * 5000 + "7", 10, False, (7, 5001))])
def test_strtol(text, base, unsigned, got):
    assert values.strtol(text, base, unsigned) == got


@pytest.mark.parametrize("job, field, value", [
    ({"delay_boot": "99999999999"}, "delay_boot", 4225654724),  # int arithmetic, as the reference
    ({"delay_boot": "9" * 5000}, "delay_boot", (-60) & 0xFFFFFFFF),  # LONG_MAX into an int is -1
    ({"signal": "9" * 5000}, "warn_signal", 0xFFFF),
    ({"cpu_frequency": "9" * 5000}, "cpu_freq_max", 0xFFFFFFFF),
])
def test_out_of_range_numbers(job, field, value):
    d = job_desc.parse({"environment": {"A": "1"}, **job}, True)
    assert d[field] == value


def test_negative_user_env_timeout_sets_nothing():
    d = job_desc.parse({"environment": {"A": "1"}, "get_user_environment": "9" * 5000}, True)
    assert not any(e.startswith("SLURM_GET_USER_ENV=") for e in d["environment"])


def test_mem_bind_multiplier_stops_past_slurmctld_limit():
    bind, _ = values.memory_binding("map_mem:0*" + "9" * 18)
    assert values.MEM_BIND_MAX < len(bind) < values.MEM_BIND_MAX + 8


def test_dates_localtime_cannot_hold_are_invalid():
    # the count wraps as a long (7766279631452241919 here), and no struct tm holds that year
    assert values.parse_time("now+99999999999999999999") == 0
    values.parse_time("now+" + "9" * 5000)  # wraps to something: no exception
    assert values.parse_time("uts" + "9" * 5000) == 0
