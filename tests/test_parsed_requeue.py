"""GET job/{job_id}/requeue and POST jobs/requeue (v0.0.45, new in 26.05), against 26.05's
reference on jobs nw2_rq-* made afresh for each side, what squeue says of them afterwards compared;
cases with a running job skip when the shared cluster does not start it in time."""
import json
import re
import time

import pytest

from parsed import ours, served
from test_parsed_new_writes import _alice, _undo, both, scontrol

# -- requeue ------------------------------------------------------------------------------------------
def _sbatch(args):
    out = _alice(f"cd /tmp && sbatch --parsable {args}")
    assert out.returncode == 0, out.stderr
    return int(re.match(r"\d+", out.stdout.strip()).group(0))


def _state(job):
    return _alice(f"squeue -h -j {job} -o %T").stdout.strip()


def _jobs(*kinds):
    def make():
        ids, made = {}, []
        for kind in kinds:
            if kind == "pending":
                ids[kind] = _sbatch("-J nw2_rq-pend -t 1 --begin=now+3600 -o /dev/null --wrap true")
            elif kind == "held":
                ids[kind] = _sbatch("-J nw2_rq-held -H -t 1 -o /dev/null --wrap true")
            elif kind == "running":
                ids[kind] = _sbatch("-J nw2_rq-run -t 2 -o /dev/null --wrap 'sleep 120'")
            made.append(ids[kind])
        deadline = time.time() + 40
        while "running" in ids and _state(ids["running"]) != "RUNNING":
            if time.time() > deadline:
                for job in made:
                    _alice(f"scancel {job}")
                pytest.skip("our job did not start in time on the shared cluster")
            time.sleep(1)
        return {**ids, "jobs": made}
    return make


def _settled(job, deadline=30):
    """Wait while a requeued job is COMPLETING (its batch step being killed): the state it settles in
    is what a requeue did, however fast the node ends the step."""
    end = time.time() + deadline
    while _state(job) == "COMPLETING" and time.time() < end:
        time.sleep(0.5)


def _job_states(ids):
    """What squeue says of our jobs afterwards, once settled: state and reason."""
    for kind, job in ids.items():
        if kind != "jobs":
            _settled(job)
    return {kind: _alice(f"squeue -h -j {job} -o '%T %r'").stdout.strip()
            for kind, job in ids.items() if kind != "jobs"}


@pytest.mark.parametrize("version", ["v0.0.45"])
@pytest.mark.parametrize("kind", ["pending", "held", "running"])
@pytest.mark.parametrize("query", ["", "?Hold", "?SpecialExit", "?SpecialExit&Hold", "?Incomplete&Hold=false",
                                   "?Bogus", "?Bogus=x"])
def test_job_requeue(version, kind, query):
    served(version)
    both("GET", f"/slurm/{version}/job/{{{kind}}}/requeue{query}", None, _jobs(kind), _job_states, "alice")


@pytest.mark.parametrize("version", ["v0.0.45"])
@pytest.mark.parametrize("job", ["999999", "abc", "0", "{pending}_3", "{pending}%2B1", "{pending}.0"])
@pytest.mark.parametrize("user", ["alice", "bob"])
def test_job_requeue_ids(version, job, user):
    served(version)
    both("GET", f"/slurm/{version}/job/{job}/requeue", None, _jobs("pending"), _job_states, user)


@pytest.mark.parametrize("version", ["v0.0.45"])
@pytest.mark.parametrize("body", [
    {"jobs": ["{running}", "{pending}", "999999"], "flags": ["Hold"]},
    {"jobs": ["{running}"]},
    {"jobs": "{pending}", "flags": "Bogus"},
    {"jobs": ["{pending}"], "flags": ["SpecialExit"]},
    {"jobs": ["{pending}"], "flags": ["specialexit", "HOLD"]},
    {"jobs": ["abc"]}, {"jobs": []}, {}, {"flags": ["Hold"]},
])
def test_jobs_requeue(version, body):
    served(version)
    kinds = [k for k in ("running", "pending") if "{" + k + "}" in json.dumps(body)]
    both("POST", f"/slurm/{version}/jobs/requeue", body, _jobs(*kinds), _job_states, "alice")


def test_requeue_same_facts_as_scontrol():
    """Every release: our requeue of a held job answers what `scontrol requeue` answers of another
    (refused: still pending), and of a running job requeues it as scontrol does."""
    ids = _jobs("held")()
    try:
        status, _, doc = ours("GET", f"/slurm/v0.0.45/job/{ids['held']}/requeue", user="alice")
        refused = _alice(f"scontrol requeue {ids['held']}")
        assert status != 200 and refused.returncode != 0 and doc["errors"][0]["error_number"] == 2024, doc
        assert _state(ids["held"]) == "PENDING"
    finally:
        _undo(ids)
    ids = _jobs("running")()
    try:
        status, _, doc = ours("POST", "/slurm/v0.0.45/jobs/requeue", {"jobs": [str(ids["running"])],
                                                                      "flags": ["Hold"]}, user="alice")
        assert (status, doc["errors"], doc["status"]) == (200, [], []), doc
        _settled(ids["running"])
        shown = scontrol("show", "job", str(ids["running"])).stdout
        # held as slurmctld says it: JobHeldUser (26.05), job_requeued_in_held_state (24.11)
        assert "JobState=PENDING" in shown and "Restarts=1" in shown and \
            ("Reason=JobHeldUser" in shown or "Reason=job_requeued_in_held_state" in shown), shown
    finally:
        _undo(ids)
