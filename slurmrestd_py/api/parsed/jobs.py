"""GET jobs and job/{job_id} (the reference's op_handler_jobs and op_handler_job's
_handle_job_get)."""
import re
import time

from ...parsers import queries
from ...slurm.failure import SlurmFailure
from .. import Operation

_EMPTY = {"jobs": [], "last_backfill": 0, "last_update": 0}
# A job id as the reference's SELECTED_STEP reads it: 123, 123_4 (array task), 123+1 (het
# component), each optionally .step
_JOB_ID = re.compile(r"^(\d+)(?:_(\d+)|\+(\d+))?(?:\.(\w+))?$")
MAX_JOB_ID = 0x03FFFFFF
_REFUSED = "Rejecting request. Failure parsing query."


def _load(ctx, update_time, flags, job_id=None):
    from ...slurm.jobs import job_msg

    return job_msg(ctx.slurm.ffi, ctx.slurm.lib, update_time, flags, job_id)


def _show_flags(ctx, flags):
    lib = ctx.slurm.lib
    return flags or (lib.SHOW_ALL | lib.SHOW_DETAIL)


def _time_str(seconds):
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(seconds))
    except (OverflowError, ValueError, OSError):
        return str(seconds)


def _jobs(ctx):
    source = ctx.parser.rules.source("jobs")
    query = queries.parse(ctx, "jobs", source, _REFUSED, returns_rc=True)
    if query is None:
        return None
    try:
        msg = _load(ctx, query["update_time"], _show_flags(ctx, query["flags"]))
    except SlurmFailure as e:
        ctx.error(e.code, "slurm_load_jobs()", "Unable to query jobs")
        return dict(_EMPTY)
    if msg is None:
        ctx.warn(source, f"No job changes since update_time[{query['update_time']}]="
                         f"{_time_str(query['update_time'])}")
        return dict(_EMPTY)
    return msg


def _job(ctx):
    rules = ctx.parser.rules
    text = ctx.params["job_id"]
    m = _JOB_ID.match(text)
    if not m or int(m.group(1)) == 0:  # 0 does not parse as a job id
        ctx.error(queries.FAILED_QUERY, rules.source("job"), "Rejecting request. Failure parsing parameters")
        return None
    job_id = int(m.group(1))
    if job_id <= 0 or job_id >= MAX_JOB_ID:
        ctx.error(ctx.slurm.lib.ESLURM_INVALID_JOB_ID, rules.source("job"), f"Invalid JobID={job_id} rejected")
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
        return _load(ctx, query["update_time"], _show_flags(ctx, query["flags"]), job_id)
    except SlurmFailure as e:
        ctx.error(e.code, source, f"Unable to query JobId={text}")
        return dict(_EMPTY)


jobs = Operation(_jobs, kind="jobs")
job = Operation(_job, kind="jobs")
