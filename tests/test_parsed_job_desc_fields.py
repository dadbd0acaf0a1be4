"""Job description fields read since the first parser versions refused them (parsers/tables/job_desc.py
rows that were NOT_YET): one held submission per field, ours and the reference's, compared as
test_parsed_job_writes compares submissions (answers, job_id values aside, and `scontrol show job
-dd` of both jobs), and the field's own scontrol key checked to say what was asked, on both jobs.
Wrong values are refused alike. Jobs are named alloc_* and cancelled.
"""
import re
import subprocess

import pytest
from compare import differences
from parsed import IGNORE, VERSIONS, order_differences, ours, served
from reference import reference
from test_parsed_job_writes import ENV, ID_KEYS, SCRIPT, _cancel, _ids, _show

# field -> (value, scontrol key, what it shows, first version that reads it)
FIELDS = {
    "nice": (5, "Nice", "5", "v0.0.40"),
    "network": ("alloc_net", "Network", "alloc_net", "v0.0.40"),
    "extra": ("alloc_extra", "Extra", "alloc_extra", "v0.0.40"),
    "required_nodes": (["vm"], "ReqNodeList", "vm", "v0.0.40"),
    "excluded_nodes": ("fakedown1,fakedown2", "ExcNodeList", "fakedown[1-2]", "v0.0.40"),
    # (slurmctld shows no board counts: "0:0:*:*" for both, whatever was asked)
    "minimum_boards_per_node": (1, "ReqB:S:C:T", None, "v0.0.40"),
    "minimum_sockets_per_board": (1, "ReqB:S:C:T", None, "v0.0.40"),
    "tasks_per_board": (1, "NtasksPerN:B:S:C", None, "v0.0.40"),
    "oom_kill_step": (1, "OOMKillStep", "1", "v0.0.42"),
    "mail_type": (["BEGIN", "END"], "MailType", "BEGIN,END", "v0.0.40"),
    "open_mode": (["APPEND"], "OpenMode", None, "v0.0.40"),
    "kill_warning_signal": ("USR1", "KillWarning", None, "v0.0.40"),
    "kill_warning_flags": (["BATCH_JOB"], "KillWarning", None, "v0.0.40"),
    "wait_all_nodes": (True, "WaitAllNodes", None, "v0.0.40"),
    "selinux_context": ("alloc_ctx", "SELinuxContext", None, "v0.0.40"),
}
# Fields read since issue 14's job_desc slice: field -> (value, scontrol key (None: only the whole
# job is compared), first version that reads it). slurmctld may refuse some (x11 without
# PrologFlags=X11): ours must then be refused alike.
MORE = {
    "begin_time": (2000000000, "EligibleTime", "v0.0.40"),
    "begin_time_text": ("2033-05-18T03:33:20", "EligibleTime", "v0.0.40"),
    "begin_time_unset": ({"set": False, "infinite": False, "number": 0}, "EligibleTime", "v0.0.41"),
    "deadline": (2000000000, "Deadline", "v0.0.40"),
    "end_time": (2000000000, None, "v0.0.40"),
    "container_id": ("jobdesc_cid", "ContainerID", "v0.0.40"),
    "core_specification": (1, "CoreSpec", "v0.0.40"),
    "thread_specification": (1, "ThreadSpec", "v0.0.40"),
    "cpu_binding": ("map_cpu:0", None, "v0.0.40"),
    "cpu_binding_flags": (["CPU_BIND_MAP", "VERBOSE"], None, "v0.0.40"),
    # (SORT: 26.05 ignores it with a warning, v0.0.45 does not know it: not compared, issue 16)
    "memory_binding_type": (["LOCAL", "VERBOSE"], None, "v0.0.40"),
    "hetjob_group": (0, None, "v0.0.40"),
    "reserve_ports": (1234, None, "v0.0.40"),
    "profile": (["TASK", "ENERGY"], "Profile", "v0.0.40"),
    "shared": (["user"], "OverSubscribe", "v0.0.40"),
    "spank_environment": (["JOBDESC_SPANK=1"], None, "v0.0.40"),
    "user_id": ("alice", "UserId", "v0.0.40"),
    # (a group's name: 24.11's reference gives no answer at all, test_group_id_by_name)
    "group_id": ("USER_GID", "GroupId", "v0.0.40"),
    "user_id_number": ("USER_UID", "UserId", "v0.0.40"),
    "segment_size": (1, None, "v0.0.41"),
    "rlimits": ({"nofile": 1024, "core": {"set": True, "infinite": False, "number": 0}}, None, "v0.0.41"),
    "distribution": ("cyclic:block,pack", None, "v0.0.40"),
    "distribution_plane": ("plane=2", None, "v0.0.40"),
    "distribution_plane_size": (2, None, "v0.0.40"),
    "distribution_null": (None, None, "v0.0.40"),
    "x11": (["BATCH_NODE"], None, "v0.0.40"),
    "x11_target_host": ("localhost", None, "v0.0.40"),
    "x11_target_port": (6010, None, "v0.0.40"),
    "x11_magic_cookie": ("0123abcd", None, "v0.0.40"),
}
MORE_WRONG = {
    "begin_time": "not a time",
    "deadline": None,
    "core_specification": 0,
    "core_specification_large": 40000,
    "thread_specification": "x",
    "user_id": "jobdesc_nosuchuser",
    "group_id": -1,
    "user_id_dict": {"a": 1},
    "shared": ["nope"],
    "profile": 5,
    "cpu_binding_flags": ["CPU_BIND_NOPE"],
    "job_id": 5000000,  # (slurmctld's refusal: only SlurmUser may)
    "distribution": "nope",
    "distribution_arbitrary": "arbitrary",
    "distribution_list": ["block"],
    "distribution_plane_size": "x",
}
WRONG = {
    "nice": "abc",
    "nice_out_of_range": 2147483647,
    "required_nodes": [["vm"]],
    "excluded_nodes": {"a": "b"},
    "network": ["x"],
    "mail_type": ["BEGIN", "NOPE"],
    "open_mode": 5,
    "wait_all_nodes": "abc",
    "kill_warning_signal": "NOPE",
}


def _job(name, **more):
    return {"name": name, "current_working_directory": "/tmp", "environment": ENV, "hold": True,
            "standard_output": "/dev/null", **more}


def _compare(path, body):
    """Both answers equal but for the new jobs' ids, both jobs equal (scontrol, ids, times and
    scheduling state aside) -> (ours, reference's job id, our job id); the jobs are cancelled."""
    ref, our = reference("POST", path, body), ours("POST", path, body)
    try:
        diff = [f"status {ref[0]} != {our[0]}"] if ref[0] != our[0] else []
        diff += differences(ref[2], our[2], IGNORE | ID_KEYS) + order_differences(ref[2], our[2])
        ref_id, our_id = _ids(ref[2]), _ids(our[2])
        assert bool(ref_id) == bool(our_id), (ref[2], our[2])
        if ref_id:
            theirs, mine = _show(ref_id), _show(our_id)
            diff += [f"scontrol {k}: {theirs.get(k)!r} != {mine.get(k)!r}"
                     for k in sorted(set(theirs) | set(mine)) if theirs.get(k) != mine.get(k)]
        assert not diff, f"POST {path} {body}:\n" + "\n".join(diff[:40])
        return our[2], ref_id, our_id
    finally:
        _cancel(_ids(ref[2]), _ids(our[2]))


def _shown(job_id, key):
    out = subprocess.run(["scontrol", "show", "job", "-dd", str(job_id)], capture_output=True, text=True,
                         check=False).stdout
    m = re.search(rf"(?:^|\s){re.escape(key)}=(\S*)", out)
    return m.group(1) if m else None


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("field", FIELDS)
def test_field(version, field):
    served(version)
    value, key, shown, first = FIELDS[field]
    if version < first:
        pytest.skip(f"{version} has no {field}")
    body = {"script": SCRIPT, "job": _job(f"alloc_{field}", **{field: value})}
    # both jobs are compared whole (scontrol), then each shows the field as asked (a cancelled job
    # is still shown)
    doc, ref_id, our_id = _compare(f"/slurm/{version}/job/submit", body)
    assert doc.get("job_id") and not doc["errors"], doc
    theirs, mine = _shown(ref_id, key), _shown(our_id, key)
    assert theirs == mine, (key, theirs, mine)
    if shown is not None:
        assert mine == shown, (key, mine)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("wrong", WRONG)
def test_field_refused(version, wrong):
    served(version)
    field = wrong.removesuffix("_out_of_range")
    _compare(f"/slurm/{version}/job/submit", {"script": SCRIPT, "job": _job("alloc_wrong", **{field: WRONG[wrong]})})


@pytest.mark.parametrize("version", VERSIONS)
def test_fields_same_facts_as_v0_0_38(version):
    """Where no reference serves the version (22.05 too): `nice` makes the job our v0.0.38 `nice`
    makes, and the fields v0.0.38 refuses show in scontrol as asked."""
    old_body = {"script": SCRIPT, "job": {"name": "alloc_38", "current_working_directory": "/tmp", "hold": True,
                                          "environment": {"PATH": "/bin:/usr/bin", "JOBSWRITE": "1"},
                                          "standard_output": "/dev/null", "nice": 5}}
    from service import slurm_release

    # (no `extra` on 22.05: see test_extra_where_the_release_frees_it)
    more = {} if slurm_release().startswith("22.") else {"extra": "alloc_extra"}
    new_body = {"script": SCRIPT, "job": _job("alloc_38", nice=5, network="alloc_net", required_nodes=["vm"],
                                              excluded_nodes="fakedown1,fakedown2", **more)}
    old = ours("POST", "/slurm/v0.0.38/job/submit", old_body)
    new = ours("POST", f"/slurm/{version}/job/submit", new_body)
    try:
        assert old[0] == 200 and new[0] == 200 and not new[2]["errors"], (old, new)
        theirs, mine = _show(old[2]["job_id"]), _show(new[2]["job_id"])
        for key in ("ReqNodeList", "ExcNodeList", "Extra"):  # what v0.0.38 cannot ask
            theirs.pop(key, None)
            mine.pop(key, None)
        assert theirs == mine and mine["Nice"] == "5"
        # (22.05's scontrol does not show Extra: test_field checks it where a reference serves)
        shown = {key: _shown(new[2]["job_id"], key) for key in ("Network", "ReqNodeList", "ExcNodeList")}
        assert shown == {"Network": "alloc_net", "ReqNodeList": "vm", "ExcNodeList": "fakedown[1-2]"}
    finally:
        _cancel(_ids(old[2]), _ids(new[2]))


@pytest.mark.parametrize("version", ("v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45"))
def test_oom_kill_step_where_the_release_lacks_it(version):
    """oom_kill_step came with 24.11: on 22.05 the field is refused (not dropped)."""
    from service import slurm_release

    if not slurm_release().startswith("22."):
        pytest.skip("this release has oom_kill_step (test_field)")
    status, _, doc = ours("POST", f"/slurm/{version}/job/submit",
                          {"script": SCRIPT, "job": _job("alloc_oom", oom_kill_step=1)})
    try:
        assert status != 200 and doc["errors"][0]["source"] == "slurm_submit_batch_job()", doc
    finally:
        _cancel(_ids(doc))


def _get_job(version, job_id):
    """Our GET job/{id} of one job, but for what differs between two submissions."""
    status, _, doc = ours("GET", f"/slurm/{version}/job/{job_id}")
    assert status == 200 and doc["jobs"], doc
    job = doc["jobs"][0]
    for key in ("job_id", "submit_time", "eligible_time", "start_time", "end_time", "accrue_time",
                "last_sched_evaluation", "priority", "state_reason", "job_state", "deadline", "preemptable_time",
                "pre_sus_time", "resize_time", "suspend_time", "time_limit", "array_job_id", "sluid", "step_id",
                "standard_output", "standard_error", "standard_input", "scheduled_nodes", "nodes",
                "batch_host", "job_resources", "tres_alloc_str", "billable_tres"):
        job.pop(key, None)
    # (DEPENDENT: set once the scheduler has looked at a job with a begin time, whenever it does)
    job["flags"] = [f for f in job.get("flags", []) if f != "DEPENDENT"]
    return job


def _environment(job_id):
    """The environment slurmctld saved for the job (StateSaveLocation/hash.N/job.ID/environment:
    a count, then NUL-terminated strings), or None where this process cannot read it."""
    import os

    out = subprocess.run(["scontrol", "show", "config"], capture_output=True, text=True, check=False).stdout
    m = re.search(r"^StateSaveLocation\s*=\s*(\S+)", out, re.M)
    try:
        with open(os.path.join(m.group(1), f"hash.{job_id % 10}", f"job.{job_id}", "environment"), "rb") as f:
            raw = f.read()
    except (AttributeError, OSError):
        return None
    return [item.decode() for item in raw[4:].split(b"\0") if item]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("field", MORE)
def test_more_fields(version, field):
    """A held job with the field, through the reference and ours: both answers, both jobs in
    scontrol -dd and in our GET job/{id} alike; the field's scontrol key as the reference's job has it."""
    import pwd

    served(version)
    value, key, first = MORE[field]
    if version < first:
        pytest.skip(f"{version} reads {field} otherwise (or not)")
    name = field.removesuffix("_text").removesuffix("_unset").removesuffix("_number").removesuffix("_plane") \
        .removesuffix("_null")
    if value in ("USER_UID", "USER_GID"):
        value = pwd.getpwnam("alice").pw_uid if value == "USER_UID" else pwd.getpwnam("alice").pw_gid
    _submitted_alike(version, field, {name: value}, key)


def _submitted_alike(version, field, fields, key):
    """One held job through both (`fields` over _job's): answers, scontrol -dd, the saved
    environment and our GET job/{id} of both jobs alike (`key`: scontrol's key shown alike too)."""
    body = {"script": SCRIPT, "job": _job(f"jobdesc_{field}", **fields)}
    path = f"/slurm/{version}/job/submit"
    ref, our = reference("POST", path, body), ours("POST", path, body)
    ref_id, our_id = _ids(ref[2]), _ids(our[2])
    try:
        diff = [f"status {ref[0]} != {our[0]}"] if ref[0] != our[0] else []
        diff += differences(ref[2], our[2], IGNORE | ID_KEYS) + order_differences(ref[2], our[2])
        assert bool(ref_id) == bool(our_id), (ref[2], our[2])
        if ref_id:
            theirs, mine = _show(ref_id), _show(our_id)
            diff += [f"scontrol {k}: {theirs.get(k)!r} != {mine.get(k)!r}"
                     for k in sorted(set(theirs) | set(mine)) if theirs.get(k) != mine.get(k)]
            if key:
                diff += [f"scontrol {key}: {_shown(ref_id, key)!r} != {_shown(our_id, key)!r}"] \
                    if _shown(ref_id, key) != _shown(our_id, key) else []
            env = _environment(ref_id), _environment(our_id)
            if env[0] is not None:  # (rlimits and distribution are sent in it)
                diff += [f"environment: {env[0]} != {env[1]}"] if env[0] != env[1] else []
                if field == "rlimits":
                    assert "SLURM_RLIMIT_NOFILE=1024" in env[1] and "SLURM_RLIMIT_CORE=0" in env[1], env[1]
            got, want = _get_job(version, our_id), _get_job(version, ref_id)
            diff += [f"GET job {k}: {want.get(k)!r} != {got.get(k)!r}"
                     for k in want if want.get(k) != got.get(k)]
        assert not diff, f"POST {path} {body}:\n" + "\n".join(diff[:40])
        return our[2]
    finally:
        _cancel(ref_id, our_id)


# The last fields read (issue 14's jobdesc3 slice): case -> (fields, scontrol key or None, the
# versions that read them). Each a held job through both, compared as test_more_fields compares,
# wrong types and invalid values among them (refused alike, or taken alike).
_V40_41, _V45 = ("v0.0.40", "v0.0.41"), ("v0.0.45",)
_ALL = VERSIONS
LAST = {
    "clusters": ({"clusters": "jobdesc3_cluster"}, None, _ALL),
    "clusters_wrong_type": ({"clusters": {"a": 1}}, None, _ALL),
    "cpu_frequency_low": ({"cpu_frequency": "low"}, None, _ALL),
    "cpu_frequency_number": ({"cpu_frequency": 2000000}, None, _ALL),
    "cpu_frequency_governor": ({"cpu_frequency": "ondemand"}, None, _ALL),
    "cpu_frequency_range": ({"cpu_frequency": "1000-2000:performance"}, None, _ALL),
    "cpu_frequency_null": ({"cpu_frequency": None}, None, _ALL),
    "cpu_frequency_wrong_type": ({"cpu_frequency": ["low"]}, None, _ALL),
    "cpu_frequency_invalid": ({"cpu_frequency": "nope"}, None, _ALL),
    "cpu_frequency_range_no_governor": ({"cpu_frequency": "low-high"}, None, _ALL),
    "cpu_frequency_governor_twice": ({"cpu_frequency": "ondemand:performance"}, None, _ALL),
    "cpu_frequency_not_allowed": ({"cpu_frequency": "1000-2000:conservative"}, None, _ALL),
    "power_flags": ({"power_flags": ["EQUAL_POWER"]}, None, VERSIONS[:5]),
    "power_flags_wrong_type": ({"power_flags": 5}, None, VERSIONS[:5]),
    "exclusive": ({"exclusive": ["user"]}, "OverSubscribe", _V40_41),
    "exclusive_true": ({"exclusive": True}, "OverSubscribe", _V40_41),
    "exclusive_null": ({"exclusive": None}, "OverSubscribe", _V40_41),
    "exclusive_empty": ({"exclusive": []}, "OverSubscribe", _V40_41),
    "exclusive_as_shared": ({"shared": ["user"], "exclusive": ["user"]}, "OverSubscribe", _V40_41),
    "exclusive_over_shared": ({"shared": ["user"], "exclusive": ["mcs"]}, "OverSubscribe", _V40_41),
    "exclusive_wrong_type": ({"exclusive": 5}, None, _V40_41),
    "exclusive_invalid": ({"exclusive": ["nope"]}, None, _V40_41),
    "oversubscribe": ({"oversubscribe": True}, "OverSubscribe", _V40_41),
    "oversubscribe_false": ({"oversubscribe": False}, "OverSubscribe", _V40_41),
    "oversubscribe_wrong_type": ({"oversubscribe": {"a": 1}}, None, _V40_41),
    "cores_per_socket": ({"cores_per_socket": 1}, "ReqB:S:C:T", ("v0.0.40", "v0.0.45")),
    "cores_per_socket_wrong_type": ({"cores_per_socket": "x"}, None, ("v0.0.40", "v0.0.45")),
    "cores_per_socket_too_many": ({"cores_per_socket": 99}, None, ("v0.0.40", "v0.0.45")),
    "resv_mpi_ports": ({"resv_mpi_ports": 1}, None, ("v0.0.41",)),
    "resv_mpi_ports_wrong_type": ({"resv_mpi_ports": "x"}, None, ("v0.0.41",)),
    "container_type": ({"container_type": "jobdesc3_ct"}, None, _V45),
    "container_type_wrong_type": ({"container_type": ["x"]}, None, _V45),
    "memory_update_margin": ({"memory_update_margin": 10}, None, _V45),
    "memory_update_delay": ({"memory_update_delay": 5}, None, _V45),
    "memory_update_delay_wrong_type": ({"memory_update_delay": "x"}, None, _V45),
    "memory_update_margin_invalid": ({"memory_update_margin": -1}, None, _V45),
    "step_id": ({"step_id": {"step_id": "batch"}}, None, ("v0.0.44", "v0.0.45")),
    "step_id_number": ({"step_id": {"step_id": 3, "step_het_component": 0}}, None, ("v0.0.44", "v0.0.45")),
    "step_id_job": ({"step_id": {"job_id": 4000000}}, None, ("v0.0.44", "v0.0.45")),
    "step_id_wrong_type": ({"step_id": "x"}, None, ("v0.0.44", "v0.0.45")),
    "step_id_bad_sluid": ({"step_id": {"sluid": "nope"}}, None, ("v0.0.44", "v0.0.45")),
    "step_id_bad_name": ({"step_id": {"step_id": "nope"}}, None, ("v0.0.44", "v0.0.45")),
    "step_id_negative": ({"step_id": {"step_id": -1}}, None, ("v0.0.44", "v0.0.45")),
    "step_id_sluid": ({"step_id": {"sluid": "s0000000000000", "step_id": "extern"}}, None, ("v0.0.44", "v0.0.45")),
    "step_id_sluid_true": ({"step_id": {"sluid": True}}, None, ("v0.0.44", "v0.0.45")),
    "step_id_unknown_key": ({"step_id": {"nope": 1, "step_id": "5"}}, None, ("v0.0.44", "v0.0.45")),
    "step_id_with_job_id": ({"job_id": 4000001, "step_id": {"step_id": "batch"}}, None, ("v0.0.44", "v0.0.45")),
    "cpu_frequency_bool": ({"cpu_frequency": True}, None, _ALL),
    "cpu_frequency_userspace_alone": ({"cpu_frequency": "1000:userspace"}, None, _ALL),
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", LAST)
def test_last_fields(version, case):
    served(version)
    fields, key, versions = LAST[case]
    if version not in versions:
        pytest.skip(f"{version} does not read {next(iter(fields))} (LAST)")
    _submitted_alike(version, f"3_{case}", fields, key)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("wrong", MORE_WRONG)
def test_more_fields_refused(version, wrong):
    served(version)
    field = wrong.removesuffix("_large").removesuffix("_dict").removesuffix("_arbitrary").removesuffix("_list")
    _compare(f"/slurm/{version}/job/submit",
             {"script": SCRIPT, "job": _job("jobdesc_wrong", **{field: MORE_WRONG[wrong]})})


@pytest.mark.parametrize("version", ("v0.0.40", "v0.0.45"))
def test_extra_where_the_release_frees_it(version):
    """22.05's slurmctld keeps the request's own `extra` pointer (job_mgr.c, detail_ptr->extra =
    job_desc->extra) and frees it again when the job record is purged, MinJobAge after the job
    ended: it crashes. Our binding does not declare the field there, so the job is refused."""
    from service import slurm_release

    if not slurm_release().startswith("22."):
        pytest.skip("this release copies extra (test_field)")
    status, _, doc = ours("POST", f"/slurm/{version}/job/submit",
                          {"script": SCRIPT, "job": _job("alloc_extra22", extra="x")})
    try:
        assert status != 200 and doc["errors"][0]["source"] == "slurm_submit_batch_job()", doc
    finally:
        _cancel(_ids(doc))


@pytest.mark.parametrize("version", VERSIONS)
def test_group_id_by_name(version):
    """group_id as a name (24.11's reference dies on it, no answer): ours resolves it, and the job is
    the one the group's number makes."""
    import grp

    served(version)
    path = f"/slurm/{version}/job/submit"
    gid = grp.getgrnam("alice").gr_gid
    by_name = ours("POST", path, {"script": SCRIPT, "job": _job("jobdesc_gid", group_id="alice")})
    by_number = ours("POST", path, {"script": SCRIPT, "job": _job("jobdesc_gid", group_id=str(gid))})
    try:
        assert by_name[0] == by_number[0] == 200, (by_name, by_number)
        assert _show(_ids(by_name[2])) == _show(_ids(by_number[2]))
        assert _shown(_ids(by_name[2]), "GroupId") == f"alice({gid})"
    finally:
        _cancel(_ids(by_name[2]), _ids(by_number[2]))


@pytest.mark.parametrize("version", VERSIONS)
def test_more_fields_same_facts_as_v0_0_38(version):
    """Where no reference serves the version (22.05 too): begin_time, core_specification, profile
    and shared make the job v0.0.38's begin_time, core_specification, profile and exclusive make."""
    when = "2033-05-18T03:33:20"
    old_body = {"script": SCRIPT, "job": {"name": "jobdesc_38", "current_working_directory": "/tmp", "hold": True,
                                          "environment": {"PATH": "/bin:/usr/bin", "JOBSWRITE": "1"},
                                          "standard_output": "/dev/null", "begin_time": when,
                                          "core_specification": 1, "profile": "task", "exclusive": "user"}}
    new_body = {"script": SCRIPT, "job": _job("jobdesc_38", begin_time=when, core_specification=1, profile=["TASK"],
                                              shared=["user"])}
    old = ours("POST", "/slurm/v0.0.38/job/submit", old_body)
    new = ours("POST", f"/slurm/{version}/job/submit", new_body)
    try:
        assert old[0] == new[0], (old, new)
        if old[0] != 200:  # refused alike
            assert [e["error_number"] for e in old[2]["errors"]] == [e["error_number"] for e in new[2]["errors"]]
            return
        old_id, new_id = _ids(old[2]), _ids(new[2])
        assert _show(old_id) == _show(new_id)
        for key in ("EligibleTime", "CoreSpec", "OverSubscribe", "Profile"):
            assert _shown(old_id, key) == _shown(new_id, key), key
    finally:
        _cancel(_ids(old[2]), _ids(new[2]))


# Booleans and numbers as the reference converts them: each case a held job through both (the
# answers, scontrol -dd and the fields' own keys compared).
CONVERTED = {
    "hold_string": {"hold": "true"},
    "hold_one": {"hold": 1},
    "hold_yes": {"hold": "yes"},
    "hold_zero_then_held": {"hold": 0, "priority": 0},
    "requeue_string": {"requeue": "false"},
    "requeue_number": {"requeue": 0},
    "contiguous_text": {"contiguous": "t"},
    "kill_on_node_fail_text": {"kill_on_node_fail": "no"},
    "overcommit_number": {"overcommit": 1},
    "reboot_float": {"reboot": 0.0},
    "immediate_string": {"immediate": "0"},
    "wait_all_nodes_minus_one": {"wait_all_nodes": -1},
    "wait_all_nodes_string": {"wait_all_nodes": "1"},
    "time_limit_infinite": {"time_limit": {"set": False, "infinite": True, "number": 0}},
    "time_limit_set_strings": {"time_limit": {"set": "true", "number": "6"}},
    "time_limit_set_one": {"time_limit": {"set": 1, "infinite": 0, "number": 8}},
    "time_limit_no_set": {"time_limit": {"number": 5}},
    "time_limit_float": {"time_limit": 4.7},
    "time_limit_minus_one": {"time_limit": -1},
    "time_limit_null": {"time_limit": None},
    "priority_number_string": {"priority": "7"},
    "cpus_per_task_string": {"cpus_per_task": "1"},
    "cpus_per_task_float": {"cpus_per_task": 1.9},
    "minimum_cpus_bool": {"minimum_cpus": True},  # (no job: the parse fails without a word)
    "minimum_cpus_hex": {"minimum_cpus": "0x1"},
    "tasks_huge": {"tasks": 2**33},
    "nice_string": {"nice": "-3"},
    "memory_per_node_object": {"memory_per_node": {"set": True, "number": 70}},
    "memory_per_node_infinite": {"memory_per_node": {"infinite": True}},
    "kill_warning_delay_object": {"kill_warning_delay": {"set": True, "number": 30}, "kill_warning_signal": "USR1"},
    "begin_time_object": {"begin_time": {"set": True, "number": 2000000000}},
    "begin_time_string_number": {"begin_time": "2000000000"},
    "deadline_object": {"deadline": {"set": True, "number": 2000000000}},
    "segment_size_object": {"segment_size": {"set": True, "number": 1}},
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", CONVERTED)
def test_converted(version, case):
    served(version)
    more = dict(CONVERTED[case])
    if "segment_size" in more and version == "v0.0.40":
        pytest.skip("v0.0.40 has no segment_size")
    body = {"script": SCRIPT, "job": _job(f"jobdesc_{case}", **more)}
    if "hold" in more:  # (the case's own hold in place of _job's)
        body["job"]["hold"] = more["hold"]
    _, ref_id, our_id = _compare(f"/slurm/{version}/job/submit", body)
    # (_compare cancelled both; a cancelled job still shows what was asked)
    if ref_id:
        keys = ["TimeLimit", "Requeue", "Contiguous", "OverSubscribe", "Priority", "Nice", "MinMemoryNode",
                "KillWarning", "WaitAllNodes", "Deadline", "Reboot"]
        if "begin_time" in more:  # (else the submission's own time, a second apart or not)
            keys.append("EligibleTime")
        for key in keys:
            assert _shown(ref_id, key) == _shown(our_id, key), key


@pytest.mark.parametrize("version", VERSIONS)
def test_last_fields_same_facts_as_v0_0_38(version):
    """Where no reference serves the version (22.05 too): cpu_frequency, cores_per_socket (v0.0.40,
    v0.0.45) and exclusive (v0.0.40-41) make the job v0.0.38's cpu_frequency, cores_per_socket and
    exclusive make. (A frequency alone: UserSpace since 23.11's libslurm, which our v0.0.38 does not
    follow, as 22.05's slurmrestd did not: test_last_fields compares it with the references.)"""
    old_fields = {"cpu_frequency": "1000-2000:performance"}
    new_fields = {"cpu_frequency": "1000-2000:performance"}
    if version in ("v0.0.40", "v0.0.45"):
        old_fields["cores_per_socket"] = new_fields["cores_per_socket"] = 1
    if version in ("v0.0.40", "v0.0.41"):
        old_fields["exclusive"], new_fields["exclusive"] = "user", ["user"]
    old_body = {"script": SCRIPT, "job": {"name": "jobdesc3_38", "current_working_directory": "/tmp", "hold": True,
                                          "environment": {"PATH": "/bin:/usr/bin", "JOBSWRITE": "1"},
                                          "standard_output": "/dev/null", **old_fields}}
    new_body = {"script": SCRIPT, "job": _job("jobdesc3_38", **new_fields)}
    old = ours("POST", "/slurm/v0.0.38/job/submit", old_body)
    new = ours("POST", f"/slurm/{version}/job/submit", new_body)
    try:
        assert old[0] == new[0] == 200 and not new[2]["errors"], (old, new)
        old_id, new_id = _ids(old[2]), _ids(new[2])
        assert _show(old_id) == _show(new_id)
        for key in ("ReqB:S:C:T", "OverSubscribe"):
            assert _shown(old_id, key) == _shown(new_id, key), key
    finally:
        _cancel(_ids(old[2]), _ids(new[2]))


# field -> (value, the versions that read it, the first release whose job_desc_msg_t has it)
_RELEASE_FIELDS = {
    "resv_mpi_ports": (1, ("v0.0.41",), "24.11"),
    "container_type": ("jobdesc3_ct", ("v0.0.45",), "26.05"),
    "memory_update_margin": (10, ("v0.0.45",), "26.05"),
    "memory_update_delay": (5, ("v0.0.45",), "26.05"),
    "step_id": ({"step_id": "batch"}, ("v0.0.44", "v0.0.45"), "26.05"),
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("field", _RELEASE_FIELDS)
def test_last_fields_where_the_release_lacks_them(version, field):
    """A field the release's job_desc_msg_t lacks (resv_port_cnt before 24.11; container_type,
    mem_update_* and step_id before 26.05) is refused, not dropped (ESLURM_NOT_SUPPORTED)."""
    from service import slurm_release

    value, versions, since = _RELEASE_FIELDS[field]
    if version not in versions:
        pytest.skip(f"{version} does not read {field}")
    if slurm_release()[:5] >= since:
        pytest.skip(f"this release has {field} (test_last_fields)")
    status, _, doc = ours("POST", f"/slurm/{version}/job/submit",
                          {"script": SCRIPT, "job": _job(f"jobdesc3_{field}", **{field: value})})
    try:
        assert status != 200 and doc["errors"][0]["source"] == "slurm_submit_batch_job()", doc
    finally:
        _cancel(_ids(doc))


# POST job/{job_id} of a held job with the last fields (LAST's versions): answers and both jobs alike
LAST_UPDATES = {
    "clusters": ({"clusters": "jobdesc3_cluster"}, VERSIONS),
    "cpu_frequency": ({"cpu_frequency": "1000-2000:performance"}, VERSIONS),
    "cpu_frequency_invalid": ({"cpu_frequency": "nope"}, VERSIONS),
    "power_flags": ({"power_flags": ["EQUAL_POWER"]}, VERSIONS[:5]),
    "exclusive": ({"exclusive": ["user"]}, ("v0.0.40", "v0.0.41")),
    "oversubscribe": ({"oversubscribe": True}, ("v0.0.40", "v0.0.41")),
    "cores_per_socket": ({"cores_per_socket": 1}, ("v0.0.40", "v0.0.45")),
    "container_type": ({"container_type": "jobdesc3_ct"}, ("v0.0.45",)),
    "memory_update_margin": ({"memory_update_margin": 10, "memory_update_delay": 5}, ("v0.0.45",)),
    "step_id": ({"step_id": {"step_id": "batch"}}, ("v0.0.44", "v0.0.45")),
    "step_id_job": ({"step_id": {"job_id": 4000002}}, ("v0.0.44", "v0.0.45")),
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("update", LAST_UPDATES)
def test_last_fields_update(version, update):
    from test_parsed_job_writes import assert_update_alike

    served(version)
    body, versions = LAST_UPDATES[update]
    if version not in versions:
        pytest.skip(f"{version} does not read {next(iter(body))}")
    assert_update_alike(version, "jobdesc3-upd", body)


@pytest.mark.parametrize("version", VERSIONS)
def test_last_fields_het(version):
    """jobs[] (a HetJob) whose components carry the last fields every version reads: answers and the
    jobs (scontrol -dd of the leader shows every component) alike."""
    served(version)
    jobs = [_job("jobdesc3_het", clusters="jobdesc3_cluster", cpu_frequency="1000-2000:performance"),
            _job("jobdesc3_het", cpu_frequency="low", power_flags=[])]
    _compare(f"/slurm/{version}/job/submit", {"script": SCRIPT, "jobs": jobs})


# Job flags and crontab (issue 14's jobflags slice): case -> (fields, the versions compared). A held
# job through both per case, compared as test_last_fields compares (our GET job/{id} of both shows
# the bits slurmctld kept: it clears the ones it keeps for itself, CRON_JOB without a crontab entry
# among them). Names unknown to a version (SAVE_BATCH_SCRIPT after v0.0.40, STEPMGR_ENABLED in
# v0.0.40, EXTERNAL_JOB before v0.0.43, ...) are refused alike.
JOB_FLAGS_CASES = {
    "flags": ({"flags": ["SPREAD_JOB"]}, _ALL),
    "flags_several": ({"flags": ["KILL_INVALID_DEPENDENCY", "PREFER_MINIMUM_NODE_COUNT", "SPREAD_JOB"]}, _ALL),
    "flags_one_string": ({"flags": "SPREAD_JOB"}, _ALL),
    "flags_lower_case": ({"flags": ["spread_job", "No_Kill_Invalid_Dependency"]}, _ALL),
    "flags_empty": ({"flags": []}, _ALL),
    "flags_null": ({"flags": None}, _ALL),
    "flags_cleared_by_slurmctld": ({"flags": ["TESTING_BACKFILL", "JOB_KILL_HURRY", "CRON_JOB", "JOB_WAS_RUNNING",
                                              "SKIP_TRES_STRING_ACCOUNTING", "ACCRUE_COUNT_CLEARED"]}, _ALL),
    "flags_kept": ({"flags": ["MAGNETIC", "USING_DEFAULT_QOS", "EXACT_MEMORY_REQUESTED"]}, _ALL),
    "flags_wrong_type": ({"flags": 5}, _ALL),
    "flags_dict": ({"flags": {"SPREAD_JOB": True}}, _ALL),
    "flags_unknown": ({"flags": ["NOPE"]}, _ALL),
    "flags_unknown_among": ({"flags": ["SPREAD_JOB", "NOPE", "MAGNETIC"]}, _ALL),
    "flags_number_item": ({"flags": [5]}, _ALL),
    "flags_null_item": ({"flags": [None]}, _ALL),
    "flags_save_batch_script": ({"flags": ["SAVE_BATCH_SCRIPT"]}, _ALL),
    "flags_stepmgr": ({"flags": ["STEPMGR_ENABLED"]}, _ALL),
    "flags_external_job": ({"flags": ["EXTERNAL_JOB"]}, _ALL),
    "flags_segments": ({"flags": ["SPREAD_SEGMENTS", "EXPEDITED_REQUEUE"]}, _ALL),
    "flags_implicit_max_nodes": ({"flags": ["JOB_IMPLICIT_MAX_NODES"]}, _ALL),
    "crontab": ({"crontab": {"specification": "*/5 * * * *", "command": "/bin/true"}}, _ALL),
    "crontab_fields": ({"crontab": {"minute": "0-10", "hour": "*", "flags": ["WILD_HOUR"], "line": {"start": 1}}}, _ALL),
    "crontab_invalid": ({"crontab": {"minute": "nope", "flags": ["NOPE"]}}, _ALL),
    "crontab_wrong_type": ({"crontab": "*/5 * * * *"}, _ALL),
    "crontab_list": ({"crontab": [1]}, _ALL),
    "crontab_null": ({"crontab": None}, _ALL),
    "crontab_with_cron_job": ({"crontab": {"specification": "* * * * *"}, "flags": ["CRON_JOB"]}, _ALL),
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", JOB_FLAGS_CASES)
def test_job_flags_and_crontab(version, case):
    served(version)
    fields, versions = JOB_FLAGS_CASES[case]
    if version not in versions:
        pytest.skip(f"{version}: not compared ({case})")
    _submitted_alike(version, f"jobflags_{case}", fields, None)


# flag -> the versions that name it, the first release whose slurm has its bit
_RELEASE_JOB_FLAGS = {
    "STEPMGR_ENABLED": (("v0.0.41", "v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45"), "24.11"),
    "GRES_ONE_TASK_PER_SHARING": (("v0.0.40",), "24.11"),
    "EXTERNAL_JOB": (("v0.0.43", "v0.0.44", "v0.0.45"), "26.05"),
    "SPREAD_SEGMENTS": (("v0.0.44", "v0.0.45"), "26.05"),
    "JOB_IMPLICIT_MAX_NODES": (("v0.0.45",), "26.05"),
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("flag", _RELEASE_JOB_FLAGS)
def test_job_flags_where_the_release_lacks_them(version, flag):
    """A flag the version names but the release's slurm has no bit for (its release layer's 0) is
    refused (ESLURM_NOT_SUPPORTED at the flag), not dropped."""
    from service import slurm_release

    versions, since = _RELEASE_JOB_FLAGS[flag]
    if version not in versions:
        pytest.skip(f"{version} does not name {flag}")
    if slurm_release()[:5] >= since:
        pytest.skip(f"this release has {flag} (test_job_flags_and_crontab)")
    status, _, doc = ours("POST", f"/slurm/{version}/job/submit",
                          {"script": SCRIPT, "job": _job(f"jobflags_{flag}", flags=[flag])})
    try:
        assert status != 200 and "flags[0]" in doc["errors"][0]["source"], doc
        assert "not supported" in doc["errors"][0]["description"], doc
    finally:
        _cancel(_ids(doc))


@pytest.mark.parametrize("version", VERSIONS)
def test_job_flags_same_facts_as_v0_0_38(version):
    """Where no reference serves the version (22.05 too): flags SPREAD_JOB, KILL_INVALID_DEPENDENCY
    and PREFER_MINIMUM_NODE_COUNT make the job v0.0.38's spread_job, kill_on_invalid_dependency and
    minimum_nodes make (scontrol, and the bits as our v0.0.42 GET job/{id} shows them); a crontab is
    skipped with a warning, as v0.0.38 does not know it (its unknown-field warning)."""
    old_body = {"script": SCRIPT, "job": {"name": "jobflags_38", "current_working_directory": "/tmp", "hold": True,
                                          "environment": {"PATH": "/bin:/usr/bin", "JOBSWRITE": "1"},
                                          "standard_output": "/dev/null", "spread_job": True,
                                          "kill_on_invalid_dependency": True, "minimum_nodes": True}}
    new_body = {"script": SCRIPT, "job": _job("jobflags_38", crontab={"specification": "* * * * *"},
                                              flags=["SPREAD_JOB", "KILL_INVALID_DEPENDENCY",
                                                     "PREFER_MINIMUM_NODE_COUNT"])}
    old = ours("POST", "/slurm/v0.0.38/job/submit", old_body)
    new = ours("POST", f"/slurm/{version}/job/submit", new_body)
    try:
        assert old[0] == new[0] == 200 and not new[2]["errors"], (old, new)
        assert [w["description"] for w in new[2]["warnings"]][0] == "crontab submissions are not supported", new
        old_id, new_id = _ids(old[2]), _ids(new[2])
        assert _show(old_id) == _show(new_id)
        flags = [_get_job("v0.0.42", job_id)["flags"] for job_id in (old_id, new_id)]
        assert flags[0] == flags[1] and {"SPREAD_JOB", "KILL_INVALID_DEPENDENCY",
                                         "PREFER_MINIMUM_NODE_COUNT"} <= set(flags[1]), flags
    finally:
        _cancel(_ids(old[2]), _ids(new[2]))


# POST job/{job_id} of a held job with flags or a crontab: answers and both jobs alike
JOB_FLAGS_UPDATES = {
    "flags": {"flags": ["SPREAD_JOB"]},
    "flags_accrue_reset": {"flags": ["JOB_ACCRUE_TIME_RESET"]},
    "flags_unknown": {"flags": ["NOPE"]},
    "crontab": {"crontab": {"specification": "* * * * *"}},
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("update", JOB_FLAGS_UPDATES)
def test_job_flags_update(version, update):
    from test_parsed_job_writes import assert_update_alike

    served(version)

    def as_got(theirs, mine):
        got, want = _get_job(version, mine), _get_job(version, theirs)
        return [f"GET job {k}: {want.get(k)!r} != {got.get(k)!r}" for k in want if want.get(k) != got.get(k)]
    assert_update_alike(version, "jobflags-upd", JOB_FLAGS_UPDATES[update], as_got)


@pytest.mark.parametrize("version", VERSIONS)
def test_job_flags_het(version):
    """jobs[] (a HetJob) whose components carry flags and a crontab: answers and jobs alike."""
    served(version)
    jobs = [_job("jobflags_het", flags=["SPREAD_JOB"], crontab={"specification": "* * * * *"}),
            _job("jobflags_het", flags=["KILL_INVALID_DEPENDENCY", "MAGNETIC"])]
    _compare(f"/slurm/{version}/job/submit", {"script": SCRIPT, "jobs": jobs})
