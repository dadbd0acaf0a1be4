"""POST job/submit, POST job/{job_id} and DELETE job/{job_id} of API v0.0.39: Slurm 23.02-24.05's
openapi/v0.0.39 plugin (its jobs.c: _op_handler_submit_job, _op_handler_job), a plugin of its own
before openapi/slurmctld took over with v0.0.40, so its handlers are its own: the job description
is read by the family's parser (parsers/tables/job_desc.py, rows of v0.0.39), and what it answers
and reports follows that plugin. PARSED_OPERATIONS' v0.0.39 rows name these operations.
"""
from ...errors import SlurmError
from ...parsers.parsing import Report, child
from .. import Operation

INVALID_QUERY = 9000  # ESLURM_REST_INVALID_QUERY
EXPECTED_DICT = 9201  # ESLURM_DATA_EXPECTED_DICT
MAX_HET_JOB_COMPONENTS = 128
MAX_JOB_ID = 0x03FFFFFF
SOURCE_JOB = "_op_handler_job"


def _step_name(lib, step_id):
    """A step id as v0.0.39's STEP_ID dumper writes it."""
    names = {lib.SLURM_EXTERN_CONT: "extern", lib.SLURM_BATCH_SCRIPT: "batch", lib.SLURM_PENDING_STEP: "pending",
             lib.SLURM_INTERACTIVE_STEP: "interactive"}
    return names.get(step_id, str(step_id))


def _send(ctx, descs, script, call, failed):
    """slurm_submit_batch_job() / slurm_submit_batch_het_job() and what _job_post_submit writes:
    result, then job_id, step_id and job_submit_user_msg again (its "backwards compatibility output")."""
    from ...slurm._lib import strerror

    lib = ctx.slurm.lib
    try:
        job_id, step_id, error_code, user_msg = ctx.slurm.submit(descs, script)
    except SlurmError as e:
        ctx.error(e.error_number, f"{call}()", failed)
        return None
    step = _step_name(lib, step_id)
    out = {"result": {"job_id": job_id, "step_id": step, "error_code": error_code, "error": strerror(error_code),
                      "job_submit_user_msg": user_msg},
           "job_id": job_id, "step_id": step, "job_submit_user_msg": user_msg}
    if error_code == lib.ESLURM_JOB_HELD:  # _job_submit_rc(): a held job is not an error
        ctx.warn("slurm_submit_batch_job()", strerror(error_code))
    elif error_code:
        ctx.error(error_code, f"{call}()", None)
    return out


def _submit(ctx):
    """_job_submit_post()."""
    from ...parsers.tables.job_desc import _desc_list, parse_job_desc

    source = "_job_submit_post"
    body = ctx.body
    if body is None:
        ctx.error(INVALID_QUERY, source, "unexpected empty query for job")
        return None
    if not isinstance(body, dict):
        ctx.error(EXPECTED_DICT, source, "Job query must be a dictionary")
        return None
    script = body.get("script")
    if "script" in body and (not isinstance(script, str) or not script):
        ctx.error(INVALID_QUERY, source, "Populated \"script\" field is required for job submission")
        return None
    djob, djobs = body.get("job"), body.get("jobs")
    if "job" in body and "jobs" in body:
        ctx.error(INVALID_QUERY, source, "Specify only one \"job\" or \"jobs\" fields but never both")
        return None
    if "job" not in body and "jobs" not in body:
        ctx.error(INVALID_QUERY, source, "Specifying either \"job\" or \"jobs\" fields are required to submit a new "
                                         "job")
        return None
    version = ctx.parser.version
    report = Report(ctx)
    if "job" in body:
        if not isinstance(djob, dict):
            ctx.error(EXPECTED_DICT, source, "\"job\" field must be a dictionary with job properties")
            return None
        job = report.run(lambda: parse_job_desc(version, djob, child("#/", "job"), report))
        if job is None:
            return None
        if script:
            job["script"] = script
        return _send(ctx, [job], job.pop("script", None), "slurm_submit_batch_job", "Batch job submission failed")
    het = "_job_post_het_submit"
    jobs = report.run(lambda: _desc_list(version, djobs, child("#/", "jobs"), report))
    if jobs is None:
        return None
    if not jobs:
        ctx.error(0, het, "Refusing HET job submission without any components")
        return None
    if len(jobs) > MAX_HET_JOB_COMPONENTS:
        ctx.error(0, het, f"Refusing HET job submission too many components: {len(jobs)} > {MAX_HET_JOB_COMPONENTS}")
        return None
    if script and not jobs[0].get("script"):
        jobs[0]["script"] = script
    return _send(ctx, jobs, jobs[0].pop("script", None), "slurm_submit_batch_het_job", "HET job submission failed")


job_submit = Operation(_submit, kind="job_submit", body=("job_submit_req", "submit new job"))


def _job_id(ctx):
    """The job_id path parameter as _op_handler_job reads it -> (job id, het offset or None), or None
    once refused."""
    from .jobs import _JOB_ID

    text = ctx.params.get("job_id") or ""
    m = _JOB_ID.match(text)
    if not m:
        ctx.error(ctx.slurm.lib.ESLURM_INVALID_JOB_ID, SOURCE_JOB, f"Failure parsing \"{text}\"")
        return None
    number = int(m.group(1))
    if number <= 0 or number >= MAX_JOB_ID:
        ctx.error(INVALID_QUERY, SOURCE_JOB, f"Invalid JobID={number} rejected")
        return None
    return number, (int(m.group(3)) if m.group(3) is not None else None)


def _delete(ctx, job_id):
    """_handle_job_delete(): slurm_kill_job() of the whole job; the answer is meta, errors, warnings."""
    import signal as signals

    from ...parsers import queries

    query = queries.read(ctx, "job_delete")
    if query is None:
        return {}
    signal = int(signals.SIGKILL) if ctx.query("signal") is None else query["signal"]
    errno = ctx.slurm.kill_job(job_id, signal)
    name = signals.strsignal(signal) or f"Unknown signal {signal}"
    if errno == ctx.slurm.lib.ESLURM_ALREADY_DONE:  # already signaled: a success
        ctx.warn("_handle_job_delete", f"Job was already sent signal {name}")
    elif errno:
        ctx.error(errno, "slurm_kill_job2()", f"unable to send signal {name} to JobId={job_id}")
    return {}


def _update(ctx, job_id, het_offset):
    """_job_post_update(): results (v0.0.39's JOB_ARRAY_RESPONSE_MSG), then the first one's job id."""
    from ...parsers.tables.job_desc import parse_job_desc
    from ...slurm._lib import strerror

    out = {"results": []}
    body = {} if ctx.body is None else ctx.body
    report = Report(ctx)
    desc = report.run(lambda: parse_job_desc(ctx.parser.version, body, "#/", report))
    if desc is None:
        return out
    desc["job_id_str"] = str(job_id) if het_offset is None else f"{job_id}+{het_offset}"
    rc, errno, results = ctx.slurm.update_job_results(desc)
    if rc:
        ctx.error(errno, "slurm_update_job2()", "Job update requested failed")
        return out
    # its dumper writes job_id as the string slurmctld sent, where its schema says int32: ours
    # follows the schema (the job's number; a repair, README)
    out["results"] = [{"job_id": _number(r["id"]), "error_code": r["error_code"], "error": strerror(r["error_code"]),
                       "why": r["why"] or ""} for r in results or ()]
    if results:
        out.update({"job_id": results[0]["id"] or "", "step_id": None, "job_submit_user_msg": None})
    return out


def _number(text):
    import re

    m = re.match(r"\d+", text or "")
    return int(m.group(0)) if m else 0


def _job(ctx):
    selected = _job_id(ctx)
    if selected is None:
        return {}
    if ctx.request.method == "DELETE":
        return _delete(ctx, selected[0])
    return _update(ctx, *selected)


job = Operation(_job, kind={"DELETE": "job_delete", "POST": "job_update"},
                body={"POST": ("job_desc_msg", "update job")})
