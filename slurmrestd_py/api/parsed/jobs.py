"""GET jobs and job/{job_id} (the reference's op_handler_jobs and op_handler_job's
_handle_job_get)."""
import re
import time

from ... import media
from ...parsers import queries
from ...slurm.failure import SlurmFailure
from .. import Operation

_EMPTY = {"jobs": [], "last_backfill": 0, "last_update": 0}
# A job id as the reference's SELECTED_STEP reads it: 123, 123_4 (array task), 123+1 (het
# component), each optionally .step
_JOB_ID = re.compile(r"^(\d+)(?:_(\d+)|\+(\d+))?(?:\.(\w+))?$")
MAX_JOB_ID = 0x03FFFFFF
_REFUSED = "Rejecting request. Failure parsing query."
# The jobs handlers keep their names on 24.11 and 26.05 alike (unlike partitions': Rules.sources)
SOURCE_JOBS, SOURCE_JOB, SOURCE_STATES = "op_handler_jobs", "op_handler_job", "op_handler_job_states"


def _load(ctx, update_time, flags, job_id=None, lazy=False):
    from ...slurm.jobs import job_msg

    return job_msg(ctx.slurm.ffi, ctx.slurm.lib, update_time, flags, job_id, lazy)


def _show_flags(ctx, flags):
    lib = ctx.slurm.lib
    return flags or (lib.SHOW_ALL | lib.SHOW_DETAIL)


def _time_str(seconds):
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(seconds))
    except (OverflowError, ValueError, OSError):
        return str(seconds)


def _jobs(ctx):
    source = SOURCE_JOBS
    query = queries.parse(ctx, "jobs", source, _REFUSED, returns_rc=True)
    if query is None:
        return None
    try:
        msg = _load(ctx, query["update_time"], _show_flags(ctx, query.get("flags")), lazy=True)
    except SlurmFailure as e:
        ctx.error(e.code, "slurm_load_jobs()", "Unable to query jobs")
        return dict(_EMPTY)
    if msg is None:
        ctx.warn(source, f"No job changes since update_time[{query['update_time']}]="
                         f"{_time_str(query['update_time'])}")
        return dict(_EMPTY)
    # each record copied out, dumped and encoded as the answer is streamed: memory flat in the jobs
    return {**msg, "jobs": media.Lazy(msg["jobs"])}


def _job(ctx):
    rules = ctx.parser.rules
    text = ctx.params["job_id"]
    m = _JOB_ID.match(text)
    if not m or int(m.group(1)) == 0:  # 0 does not parse as a job id
        ctx.error(queries.FAILED_QUERY, SOURCE_JOB, "Rejecting request. Failure parsing parameters")
        return None
    job_id = int(m.group(1))
    if job_id <= 0 or job_id >= MAX_JOB_ID:
        ctx.error(ctx.slurm.lib.ESLURM_INVALID_JOB_ID, SOURCE_JOB, f"Invalid JobID={job_id} rejected")
        return None
    source = rules.job_get_source
    query = queries.parse(ctx, "jobs", source, _REFUSED)
    if query is None:
        return None
    if m.group(3) is not None:
        job_id += int(m.group(3))
    if m.group(2) is not None:
        ctx.warn(source, "Job array Ids are not currently supported for job searches. "
                         "Showing all jobs in array instead.")
    if m.group(4) is not None:
        ctx.warn(source, "Job steps are not supported for job searches. Showing whole job instead.")
    try:
        return _load(ctx, query["update_time"], _show_flags(ctx, query.get("flags")), job_id)
    except SlurmFailure as e:
        ctx.error(e.code, source, f"Unable to query JobId={text}")
        return dict(_EMPTY) if rules.job_get_failure_payload else None


jobs = Operation(_jobs, kind="jobs")
job = Operation(_job, kind="jobs")


def _selected(text):
    """One job id of jobs/state's job_id list -> (job_id, task or NO_VAL, het offset or NO_VAL),
    or None when it does not parse."""
    m = _JOB_ID.match(text.strip())
    if not m or m.group(4) is not None or int(m.group(1)) == 0:
        return None
    no_val = 0xFFFFFFFE
    return (int(m.group(1)), int(m.group(2)) if m.group(2) is not None else no_val,
            int(m.group(3)) if m.group(3) is not None else no_val)


def _job_states(ctx):
    from ...slurm.jobs import job_states

    ids = []
    for value in ctx.request.query.get("job_id") or ():
        for item in (t for t in value.split(",") if t.strip()):
            selected = _selected(item)
            if selected is None:
                ctx.error(queries.FAILED_QUERY, SOURCE_STATES, "Rejecting request. Failure parsing query")
                ctx.rc = queries.FAILED_QUERY
                return None
            ids.append(selected)
    try:
        states = job_states(ctx.slurm.ffi, ctx.slurm.lib, ids)
    except SlurmFailure as e:
        ctx.error(e.code, "slurm_load_job_state()", "Unable to query job states")
        states = []
    # the reference leaves out last_backfill and last_update, which its schema (openapi_job_info_resp)
    # requires: ours writes them as not set (a repair, README)
    return {"jobs": states, "last_backfill": 0xFFFFFFFFFFFFFFFE, "last_update": 0xFFFFFFFFFFFFFFFE}


jobs_state = Operation(_job_states, kind="job_states")
