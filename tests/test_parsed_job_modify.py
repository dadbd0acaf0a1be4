"""slurmdb POST job/{job_id} and jobs/ (v0.0.44 on, new in 26.05): accounting records of two short
jobs of alice's (named v45db-jm-*, run to their end here), changed by the reference and by us in
turn, as an Administrator (v45dbadm, tests/db_admin.py), as their owner and as another user (bob).

Each write is done by the reference, what slurmdbd then holds read back (sacct), the records
restored (sacctmgr), then the same by us: status, document and state compared, key order included.
On releases whose reference serves no v0.0.44 (22.05, 24.11) our answers are checked against what
sacct says of the same jobs instead.

Not asked of the reference: a TRES the database does not know (26.05's slurmdbd dies on it; ours
refuses it), jobs/ without job_id_list (it changes every job of the cluster: shared here), jobs/
without job_rec (the reference's process dies: ours answers as a change of nothing, README)."""
import os
import subprocess
import time

import pytest

from compare import differences
from db_admin import administrator
from parsed import IGNORE, _addresses, order_differences, ours, reference_serves
from reference import reference

ADMIN = "v45dbadm"
VERSIONS = ("v0.0.44", "v0.0.45")
CONF = os.environ.get("SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")
UNKNOWN_JOB = 4000000  # no job of the test clusters has this id


def _env():
    return {**os.environ, "SLURM_CONF": CONF}


def _run(*cmd, user=None):
    prefix = ["runuser", "-u", user, "--"] if user else []
    return subprocess.run([*prefix, "env", f"SLURM_CONF={CONF}", *cmd], capture_output=True, text=True,
                          cwd="/tmp", env=_env(), check=False)


def _has_extra():
    return "extra" in _run("sacct", "--helpformat").stdout.lower().split()


def _fields():
    return "jobid,comment,admincomment,systemcomment," + ("extra," if _has_extra() else "") + "derivedexitcode,wckey"


def _state(jobs):
    """What sacct says of our jobs' modifiable fields."""
    out = _run("sacct", "-X", "-n", "-P", "-j", ",".join(map(str, jobs)), "-o", _fields()).stdout
    return sorted(line for line in out.splitlines() if line.strip())


def _restore(jobs):
    sets = ["comment=", "admincomment=", "systemcomment=", "derivedexitcode=0"] + (["extra="] if _has_extra() else [])
    _run("sacctmgr", "-i", "modify", "job", "where", "jobid=" + ",".join(map(str, jobs)), "set", *sets)


@pytest.fixture(scope="module")
def jobs():
    """Two finished jobs of alice's in the accounting database: [id, id]."""
    made = []
    for name in ("v45db-jm-a", "v45db-jm-b"):
        out = _run("sbatch", "--parsable", "-J", name, "--mem=16M", "-o", "/dev/null", "--wrap", "true", user="alice")
        assert out.returncode == 0, out.stderr
        made.append(int(out.stdout.strip().split(";")[0]))
    deadline = time.time() + 120
    while time.time() < deadline:
        out = _run("sacct", "-X", "-n", "-P", "-j", ",".join(map(str, made)), "-o", "jobid,state").stdout
        if sum(1 for line in out.splitlines() if line.endswith("|COMPLETED")) == len(made):
            break
        time.sleep(1)
    else:
        _run("scancel", *map(str, made))
        pytest.skip("our jobs did not complete in time on the shared cluster")
    # Just after sacct says COMPLETED, 22.05's slurmdbd can still refuse the owner's modify for a
    # moment (sacctmgr's too: "Access/permission denied"): wait until alice's own is accepted.
    while time.time() < deadline + 60:
        if _run("sacctmgr", "-i", "modify", "job", "where", "jobid=" + ",".join(map(str, made)), "set", "comment=",
                user="alice").returncode == 0:
            break
        time.sleep(1)
    with administrator(ADMIN):
        try:
            _restore(made)
            yield made
        finally:
            _restore(made)


def _same(method, path, body, user, jobs, state=True):
    """The reference's write and ours, the records restored after each: same status, document
    and (`state`) what sacct says afterwards. Returns (our document, the state after ours)."""
    answers, states = [], []
    for ask in (reference, ours):
        _restore(jobs)
        answers.append(ask(method, path, body, user=user))
        states.append(_state(jobs))
    _restore(jobs)
    (rs, _, rd), (os_, _, od) = answers
    rd, od = _addresses(rd), _addresses(od)
    diff = [f"status {rs} != {os_}"] if rs != os_ else []
    diff += differences(rd, od, IGNORE) + order_differences(rd, od)
    assert not diff, f"{method} {path} {body} as {user}:\n" + "\n".join(diff[:40])
    if state:
        assert states[0] == states[1], states
    return od, states[1]


def _served(version):
    if not reference_serves(version):
        pytest.skip(f"this release's slurmrestd does not serve {version}: see the *_same_facts_* tests")


def _job_cases(a):
    """(user, job id in the path, body, state compared) of POST job/{job_id}."""
    full = {"comment": {"administrator": "v45db adm", "job": "v45db job", "system": "v45db sys"},
            "extra": "v45db extra", "derived_exit_code": {"status": ["ERROR"], "return_code": 5}}
    return [
        (ADMIN, a, full, True),
        (ADMIN, a, {"derived_exit_code": 3 << 8}, True),
        (ADMIN, a, {"derived_exit_code": "abc"}, True),
        (ADMIN, a, {"extra": 5, "x": {"y": 1}}, True),
        (ADMIN, a, {"wckey": "v45db_nowckey"}, True),
        (ADMIN, a, {}, True),
        (ADMIN, a, [], True),
        (ADMIN, a, {"comment": "text"}, True),
        (ADMIN, a, {"tres": {"allocated": "x"}}, True),
        (ADMIN, UNKNOWN_JOB, {"comment": {"job": "x"}}, True),
        (ADMIN, "abc", {"comment": {"job": "x"}}, True),
        (ADMIN, 0, {"comment": {"job": "x"}}, True),
        # an unknown status name is an error, yet the record is written: with the reference's
        # return code from whatever its stack held (not compared)
        (ADMIN, a, {"derived_exit_code": {"status": ["BOGUS"]}, "comment": {"job": "v45db"}}, False),
        ("alice", a, {"comment": {"job": "by its owner"}}, True),
        ("alice", a, {"comment": {"administrator": "by its owner"}}, True),
        ("bob", a, {"comment": {"job": "by another"}}, True),
    ]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", range(16))
def test_post_job(version, case, jobs):
    _served(version)
    user, job, body, state = _job_cases(jobs[0])[case]
    _same("POST", f"/slurmdb/{version}/job/{job}", body, user, jobs, state)


@pytest.mark.parametrize("version", VERSIONS)
def test_post_job_unknown_tres(version, jobs):
    """A TRES the database does not know: 26.05's slurmdbd dies on the reference's request (never
    asked here); ours refuses it and changes nothing (README)."""
    before = _state(jobs)
    status, _, doc = ours("POST", f"/slurmdb/{version}/job/{jobs[0]}",
                          {"tres": {"allocated": [{"type": "v45db_nosuch", "count": 1}]}, "comment": {"job": "x"}},
                          user=ADMIN)
    assert status == 500 and doc["errors"][0]["source"] == "#/tres/allocated/" and "results" not in doc, doc
    assert _state(jobs) == before


def _nothing(status, doc, source):
    """slurmdbd changed nothing: SLURM_NO_CHANGE_IN_DATA (304, no body), or on 22.05, whose slurmdbd
    answers an empty list, no results and the reference's warning."""
    return (status, doc) == (304, None) or status == 200 and doc["results"] == [] and \
        doc["warnings"] == [{"description": "slurmdb_job_modify() found nothing", "source": source}]


@pytest.mark.parametrize("version", VERSIONS)
def test_post_jobs_without_job_rec(version, jobs):
    """jobs/ without `job_rec`: the reference's process dies (never asked here); ours sends slurmdbd
    an empty record, a change of nothing (README)."""
    before = _state(jobs)
    status, _, doc = ours("POST", f"/slurmdb/{version}/jobs/", {"job_id_list": [str(jobs[0])]}, user=ADMIN)
    assert _nothing(status, doc, "_jobs_post_update"), (status, doc)
    assert _state(jobs) == before


def test_post_job_read_back(jobs):
    """What a write changed, read back through GET job/{job_id}: ours as the reference's."""
    _served("v0.0.45")
    a = jobs[0]
    body = {"comment": {"administrator": "v45db adm", "job": "v45db job", "system": "v45db sys"},
            "extra": "v45db extra", "derived_exit_code": 2 << 8}
    try:
        status, _, doc = ours("POST", f"/slurmdb/v0.0.45/job/{a}", body, user=ADMIN)
        assert status == 200 and len(doc["results"]) == 1, doc
        path = f"/slurmdb/v0.0.45/job/{a}"
        (rs, _, rd), (os_, _, od) = reference("GET", path, user=ADMIN), ours("GET", path, user=ADMIN)
        assert rs == os_ == 200
        assert not differences(rd, od, IGNORE), differences(rd, od, IGNORE)
        job = od["jobs"][0]
        assert job["comment"] == {"administrator": "v45db adm", "job": "v45db job", "system": "v45db sys"}
        assert job["extra"] == "v45db extra" and job["derived_exit_code"]["return_code"]["number"] == 2
    finally:
        _restore(jobs)


def _jobs_cases(a, b):
    """(user, body) of POST jobs/."""
    rec = {"comment": {"job": "v45db both"}}
    return [
        (ADMIN, {"job_id_list": [str(a), str(b)], "job_rec": rec}),
        (ADMIN, {"job_id_list": [a, str(b)], "job_rec": {"comment": {"system": "v45db"}, "extra": "e"}}),
        (ADMIN, {"job_id_list": str(a), "job_rec": rec}),
        (ADMIN, {"job_id_list": [f"{a}.0"], "job_rec": rec}),
        (ADMIN, {"job_id_list": [f"{a}_1"], "job_rec": rec}),
        (ADMIN, {"job_id_list": ["abc"], "job_rec": rec}),
        (ADMIN, {"job_id_list": ["0"], "job_rec": rec}),
        (ADMIN, {"job_id_list": {"a": 1}, "job_rec": rec}),
        (ADMIN, {"job_id_list": [str(a)], "job_rec": "x"}),
        (ADMIN, {"job_id_list": [str(a)], "job_rec": {}}),
        (ADMIN, {"job_id_list": [str(UNKNOWN_JOB)], "job_rec": rec}),
        ("alice", {"job_id_list": [str(a), str(b)], "job_rec": rec}),
        ("alice", {"job_id_list": [str(a)], "job_rec": {"comment": {"system": "by its owner"}}}),
        ("bob", {"job_id_list": [str(a), str(b)], "job_rec": rec}),
    ]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", range(14))
def test_post_jobs(version, case, jobs):
    _served(version)
    user, body = _jobs_cases(*jobs)[case]
    _same("POST", f"/slurmdb/{version}/jobs/", body, user, jobs)


def _submitted(jobs):
    """slurmdbd's result strings for our jobs, from what sacct says of them."""
    out = _run("sacct", "-X", "-n", "-P", "-j", ",".join(map(str, jobs)), "-o", "jobid,submit").stdout
    return sorted(f"{j} submitted at {s}" for j, s in (line.split("|") for line in out.splitlines() if line))


@pytest.mark.parametrize("version", VERSIONS)
def test_job_modify_same_facts_as_sacct(version, jobs):
    """Where no reference serves v0.0.44 on (22.05, 24.11; 26.05 too): our writes change what sacct
    says, answer slurmdbd's strings for the jobs sacct lists, and are refused as sacctmgr's are."""
    a, b = jobs
    extra = _has_extra()
    try:
        body = {"comment": {"administrator": "v45db adm", "job": "v45db job", "system": "v45db sys"},
                "derived_exit_code": 3 << 8, **({"extra": "v45db extra"} if extra else {})}
        status, _, doc = ours("POST", f"/slurmdb/{version}/job/{a}", body, user=ADMIN)
        assert status == 200 and doc["results"] == _submitted([a]) and not doc["errors"], doc
        row = f"{a}|v45db job|v45db adm|v45db sys|" + ("v45db extra|" if extra else "") + "3:0|"
        assert _state([a])[0] == row, _state([a])
        _restore(jobs)
        status, _, doc = ours("POST", f"/slurmdb/{version}/jobs/",
                              {"job_id_list": [str(a), str(b)], "job_rec": {"comment": {"job": "v45db both"}}},
                              user="alice")
        assert status == 200 and sorted(doc["results"]) == _submitted(jobs), doc
        assert [line.split("|")[1] for line in _state(jobs)] == ["v45db both"] * 2
        _restore(jobs)
        # another user's jobs, and a job slurmdbd does not have: as sacctmgr is refused
        status, _, doc = ours("POST", f"/slurmdb/{version}/job/{a}", {"comment": {"job": "x"}}, user="bob")
        assert status != 200 and doc["errors"][0]["error"] == "Access/permission denied", doc
        assert _run("sacctmgr", "-i", "modify", "job", "where", f"jobid={a}", "set", "comment=x",
                    user="bob").returncode != 0
        status, _, doc = ours("POST", f"/slurmdb/{version}/job/{UNKNOWN_JOB}", {"comment": {"job": "x"}}, user=ADMIN)
        assert _nothing(status, doc, "_job_post_update"), (status, doc)
        assert [line.split("|")[1] for line in _state(jobs)] == ["", ""]
    finally:
        _restore(jobs)
