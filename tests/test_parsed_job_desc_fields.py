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
    new_body = {"script": SCRIPT, "job": _job("alloc_38", nice=5, network="alloc_net", extra="alloc_extra",
                                              required_nodes=["vm"], excluded_nodes="fakedown1,fakedown2")}
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
