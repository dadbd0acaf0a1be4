"""Job requeue (v0.0.45): GET job/{job_id}/requeue (query flags) and POST jobs/requeue (a body of
flags and job ids); both answer slurm_requeue2()'s job_array_resp_msg_t entries.

Rows: (path, field of the record, type, description[, versions]), in the reference's order, with
its published descriptions.
"""
from ..queries import EFLAG
from ..types import REQUIRED, STRING, Flags, List, table
from . import V45_ON
from .job_desc import _update_response
from .meta import response

# slurm_requeue2()'s flags as the reference names them (and a hidden "Fail": JOB_RECONFIG_FAIL)
REQUEUE_FLAGS = Flags("job_requeue_flags", [
    ("Incomplete", "JOB_RUNNING"), ("Hold", "JOB_REQUEUE_HOLD"), ("SpecialExit", "JOB_SPECIAL_EXIT")])
HIDDEN_FLAGS = (("Fail", "JOB_RECONFIG_FAIL"),)

QUERIES = {
    "job_requeue": (
        ("Incomplete", EFLAG, "Operate only on jobs (or tasks of a job array) which have not completed", V45_ON),
        ("Hold", EFLAG, "Hold job after requeue, will require manual release to run again", V45_ON),
        ("SpecialExit", EFLAG, "Set SPECIAL_EXIT state after requeue; must also specify the Hold flag", V45_ON),
    ),
}


def objects(version):
    if version not in V45_ON:
        return {}
    return {"jobs_requeue_query": table("openapi_jobs_requeue_query", (
        ("flags", "flags", Flags(None, REQUEUE_FLAGS.rows), "Requeue flags"),
        ("jobs", "jobs", List(STRING, "selected_step_list"), "List of jobs to requeue"),
    ), version)}


def responses(version, objects):
    if version not in V45_ON:
        return {}
    # the entries of job/{job_id} update's results (job_array_response_msg_entry)
    entries = _update_response(version).fields[0].type
    return {
        "job_requeue": response("openapi_job_requeue_resp", (
            ("status", "status", entries, "result of job requeue request (Job update results)", REQUIRED),
        ), version),
        "jobs_requeue": response("openapi_jobs_requeue_resp", (
            ("status", "status", List(entries.item, "job_array_response_msg_ptr_list"),
             "result of batch job requeue request", REQUIRED),
        ), version),
    }
