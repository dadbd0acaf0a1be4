"""POST job/submit (the reference's op_handler_submit_job: _job_post, _job_post_submit,
_job_post_het_submit), version-neutral. The body is read by parsers/tables/job_desc.py as the
reference's data_parser reads it; errors' sources are the reference's own function names.
"""
import re

from ...errors import SlurmError
from ...parsers.parsing import CONVERSION_FAILED, Report
from .. import Operation

INVALID_QUERY = 9000  # ESLURM_REST_INVALID_QUERY
SCRIPT_MISSING = 2009  # ESLURM_JOB_SCRIPT_MISSING
MAX_HET_JOB_COMPONENTS = 128
# job_allocate()'s errors that leave the job pending: a warning, not an error
NONFATAL = ("ESLURM_NODES_BUSY", "ESLURM_RESERVATION_BUSY", "ESLURM_JOB_HELD", "ESLURM_NODE_NOT_AVAIL",
            "ESLURM_QOS_THRES", "ESLURM_ACCOUNTING_POLICY", "ESLURM_RESERVATION_NOT_USABLE",
            "ESLURM_REQUESTED_PART_CONFIG_UNAVAILABLE", "ESLURM_BURST_BUFFER_WAIT", "ESLURM_PARTITION_DOWN",
            "ESLURM_LICENSES_UNAVAILABLE", "ESLURM_PORTS_BUSY")


def _step_name(lib, step_id):
    """A step id as the reference's STEP_ID dump writes it."""
    names = {lib.SLURM_BATCH_SCRIPT: "batch", lib.SLURM_EXTERN_CONT: "extern",
             lib.SLURM_INTERACTIVE_STEP: "interactive", lib.SLURM_PENDING_STEP: "TBD"}
    return names.get(step_id, str(step_id))


def _nonfatal(lib, rc):
    return any(getattr(lib, name) == rc for name in NONFATAL)


def _submit_rc(ctx, rc, source):
    """_job_submit_rc(): a job_allocate() error that leaves the job pending is a warning."""
    from ...slurm._lib import strerror

    if not rc:
        return
    if _nonfatal(ctx.slurm.lib, rc):
        ctx.warn("slurm_submit_batch_job()", strerror(rc))
    else:
        ctx.error(rc, source, "")


def _send(ctx, descs, script, what, failed, call):
    """Submit and answer as _job_post_submit / _job_post_het_submit do after their checks."""
    from ...slurm._lib import strerror

    try:
        job_id, step_id, error_code, user_msg = ctx.slurm.submit(descs, script)
    except SlurmError as e:
        ctx.error(e.error_number, f"{call}()", failed)
        return None
    if error_code:
        ctx.warn(f"{call}()", f"{what} submission resulted in non-zero return code: {strerror(error_code)}")
    step = _step_name(ctx.slurm.lib, step_id)
    _submit_rc(ctx, error_code, f"{call}()")
    return {"job_id": job_id, "step_id": step, "job_submit_user_msg": user_msg,
            "result": {"job_id": job_id, "step_id": step, "error_code": error_code, "error": strerror(error_code),
                       "job_submit_user_msg": user_msg}}


def _submit(ctx):
    from ...parsers.tables.job_desc import parse_submit

    source = "_job_post"
    version = ctx.parser.version
    body = {} if ctx.body is None else ctx.body  # no body, or null: nothing asked for
    report = Report(ctx)
    req = report.run(lambda: parse_submit(version, body, "#/", report))
    if req is None:
        return None
    script, job, jobs = req["script"], req["job"], req["jobs"]
    if jobs is None and not script and (job is None or job.get("script") is None):
        ctx.error(INVALID_QUERY, source, "Populated \"script\" field is required for job submission")
        return None
    if job is not None and jobs is not None:
        ctx.error(INVALID_QUERY, source, "Specify only one \"job\" or \"jobs\" fields but never both")
        return None
    if job is None and jobs is None:
        spelled = "Specifing" if ctx.parser.rules.specifing_typo else "Specifying"
        ctx.error(INVALID_QUERY, source, f"{spelled} either \"job\" or \"jobs\" fields are required to submit job")
        return None
    if job is not None:
        if script is not None:
            job["script"] = script
        if not job.get("script"):
            ctx.error(SCRIPT_MISSING, "script", "Batch job script empty or missing")
            return None
        return _send(ctx, [job], job.pop("script"), "Job", "Batch job submission failed", "slurm_submit_batch_job")
    het = "_job_post_het_submit"
    if not jobs:
        ctx.error(0, het, "Refusing HetJob submission without any components")
        return None
    if len(jobs) > MAX_HET_JOB_COMPONENTS:
        ctx.error(0, het, f"Refusing HetJob submission too many components: {len(jobs)} > {MAX_HET_JOB_COMPONENTS}")
        return None
    if script is not None:
        jobs[0]["script"] = script
    if not jobs[0].get("script"):
        ctx.error(SCRIPT_MISSING, het, "Refusing HetJob submission without batch script or empty batch script "
                                       "for first component")
        return None
    return _send(ctx, jobs, jobs[0].pop("script"), "HetJob", "HetJob submission failed",
                 "slurm_submit_batch_het_job")


job_submit = Operation(_submit, kind="job_submit", body=("job_submit_req", "Job description"))


# -- DELETE job/{job_id} ----------------------------------------------------------------------------
MAX_JOB_ID = 0x03FFFFFF
_JOB_ID = re.compile(r"^(\d+)(?:_(\d+))?(?:\+(\d+))?$")


def job_id_param(ctx):
    """The job_id path parameter (the reference's OPENAPI_JOB_INFO_PARAM), or None once refused."""
    source = "op_handler_job"
    m = _JOB_ID.match(ctx.params.get("job_id") or "")
    if not m or int(m.group(1)) == 0:
        ctx.error(INVALID_QUERY, source, "Rejecting request. Failure parsing parameters")
        return None
    number = int(m.group(1))
    if number >= MAX_JOB_ID:
        ctx.error(ctx.slurm.lib.ESLURM_INVALID_JOB_ID, source, f"Invalid JobID={number & 0xFFFFFFFF} rejected")
        return None
    return m.group(0)


def _delete(ctx):
    import signal as signals

    from ...parsers import queries

    job_id = job_id_param(ctx)
    if job_id is None:
        return None
    lib = ctx.slurm.lib
    query = queries.read(ctx, "job_delete")
    status = []
    if query is not None:
        flags = query["flags"] or lib.KILL_FULL_JOB
        signal = query["signal"] or signals.SIGKILL
        rc, answers = ctx.slurm.kill_jobs([job_id], signal, flags)
        _signalled(ctx, rc, signal, flags, answers)
        status = answers
    return {"status": [{**a, "string": _strerror(a["error_code"])} for a in status]}


def _strerror(code):
    from ...slurm._lib import strerror

    return strerror(code)


def _signalled(ctx, rc, signal, flags, answers):
    """_signal_job(): what slurm_kill_jobs()'s return code says."""
    import signal as signals

    lib = ctx.slurm.lib
    name = signals.strsignal(signal) or f"Unknown signal {signal}"
    if not rc:
        if flags & lib.KILL_JOBS_VERBOSE and not answers:
            ctx.warn("_signal_job", f"Zero jobs sent signal {name}")
    elif rc == lib.ESLURM_ALREADY_DONE:
        ctx.warn("_signal_job", f"Job was already sent signal {name}")
    else:
        ctx.error(rc, "slurm_kill_jobs()", "Signal request failed")


# -- POST job/{job_id} --------------------------------------------------------------------------------
def _update(ctx):
    """_job_post_update()."""
    from ...parsers.tables.job_desc import parse_job_desc

    source = "_job_post_update"
    job_id = job_id_param(ctx)
    if job_id is None:
        return None
    empty = {"results": None, "job_id": "", "step_id": "", "job_submit_user_msg": ""}
    body = {} if ctx.body is None else ctx.body
    report = Report(ctx)
    desc = report.run(lambda: parse_job_desc(ctx.parser.version, body, "#/", report))
    if desc is None:
        ctx.error(INVALID_QUERY, source, "Rejecting request. Failure parsing job update request.")
        return empty
    m = _JOB_ID.match(job_id)
    if m.group(2) is not None:
        ctx.error(INVALID_QUERY, source, "Rejecting request. Submit job update against Array Job's JobID instead "
                                         "of array task id.")
        return empty
    # the reference sets job_id (and het_job_offset); job_id_str says the same and every release has it
    desc["job_id_str"] = job_id
    if "step_id" in desc:  # (v0.0.44 on) the path's job id over the body's, as the reference sets it after
        sluid, _, het, step = desc["step_id"]
        desc["step_id"] = (sluid, int(m.group(1)), het, step)
    rc, errno, results = ctx.slurm.update_job_results(desc)
    if rc:
        ctx.error(errno, "slurm_update_job2()", "Job update requested failed")
        return empty
    if results is None:
        return empty
    from ...slurm._lib import strerror

    entries = [{"job_id": _array_job_id(r["id"]), "step_id": r["id"] or "", "error": strerror(r["error_code"]),
                "error_code": r["error_code"], "why": r["why"] or ""} for r in results]
    for r in results:
        if r["error_code"]:
            ctx.warn("slurm_update_job2()", f"Job update resulted in non-zero return-code[{r['error_code']}]: "
                                            f"{strerror(r['error_code'])}")
    first = results[0] if results else {}
    return {"results": entries, "job_id": first.get("id") or "", "step_id": "",
            "job_submit_user_msg": first.get("why") or ""}


def _array_job_id(text):
    m = re.match(r"\d+", text or "")
    return int(m.group(0)) if m else 0


def _job(ctx):
    return (_delete if ctx.request.method == "DELETE" else _update)(ctx)


# The reference's operationIds name both POST and DELETE job/{job_id} "job" (slurm_v0042_post_job ...)
job = Operation(_job, kind={"DELETE": "job_delete", "POST": "job_update"},
                body={"POST": ("job_desc_msg", "Job update description")})


# -- DELETE jobs/ -------------------------------------------------------------------------------------
def _delete_jobs(ctx):
    """_signal_jobs(): the body says which jobs (ids, filters); a user_name without a user_id is
    resolved first (uid_from_string())."""
    from ...parsers.tables.job_desc import KILL_FILTERS, parse_kill_jobs

    body = {} if ctx.body is None else ctx.body
    report = Report(ctx)
    req = report.run(lambda: parse_kill_jobs(ctx.parser.version, body, "#/", report))
    if req is None:  # DATA_PARSE()'s code is the handler's (a field failing silently leaves no error)
        ctx.fail(CONVERSION_FAILED)
        return {"status": []}
    if req.get("user_name") is not None and req.get("user_id") is None:
        uid = _uid_from_string(req["user_name"])
        if uid is None:
            ctx.error(-1, "uid_from_string()", f"Unable to resolve {req['user_name']} to numeric user id")
            return {"status": []}
        req["user_id"] = uid
    filters = {k: req[k] for k in KILL_FILTERS if k in req}
    rc, answers = ctx.slurm.kill_jobs(req["jobs"], req["signal"], req["flags"], filters)
    if rc:
        ctx.error(rc, "slurm_kill_jobs()", "Signal request failed")
    return {"status": [{**a, "string": _strerror(a["error_code"])} for a in answers]}


def _uid_from_string(text):
    """uid_from_string(): a user's name, else the number of a user that exists -> uid; None."""
    import pwd

    try:
        return pwd.getpwnam(text).pw_uid
    except KeyError:
        pass
    m = re.fullmatch(r"\s*([+-]?\d+)", text)  # strtol(): leading blanks and a sign, nothing after
    if not m or not 0 <= int(m.group(1)) <= 0xFFFFFFFF:
        return None
    try:
        pwd.getpwuid(int(m.group(1)))
    except KeyError:
        return None
    return int(m.group(1))


jobs = Operation(_delete_jobs, kind="jobs_delete", body=("kill_jobs_msg", "Signal or cancel jobs"))


# -- POST job/allocate ----------------------------------------------------------------------------------
def _allocate(ctx):
    """op_handler_alloc_job() and _job_post_allocate(): one allocation, asked with
    slurm_allocate_resources_blocking() with no timeout, as the reference does: it answers once
    slurmctld allocated the job (at once when resources are free or `immediate` is set; else it waits
    for them). A het allocation (`hetjob`): the components allocated together (_allocate_het)."""
    from ...parsers.parsing import Failed
    from ...parsers.tables.job_desc import parse_alloc

    source = "op_handler_alloc_job"
    body = {} if ctx.body is None else ctx.body  # no body, or null: nothing asked for
    report = Report(ctx)
    try:
        req = parse_alloc(ctx.parser.version, body, "#/", report)
    except Failed as e:  # the handler returns DATA_PARSE's rc: the status follows it
        ctx.rc = getattr(e, "rc", None) or ctx.rc
        return None
    job = req["job"]
    if job is not None and req["hetjob"] is not None:
        ctx.error(INVALID_QUERY, source, "Specify only one \"job\" or \"hetjob\" fields but never both")
        return None
    if job is None and req["hetjob"] is None:
        spelled = "Specifing" if ctx.parser.rules.specifing_typo else "Specifying"
        ctx.error(INVALID_QUERY, source, f"{spelled} either \"job\" or \"hetjob\" fields are required to allocate job")
        return None
    hetjob = req["hetjob"]
    if job is None and not hetjob:
        ctx.error(0, "_job_post_het_allocate", "Refusing HetJob submission without any components")
        return None
    if job is None and len(hetjob) > MAX_HET_JOB_COMPONENTS:
        ctx.error(0, "_job_post_het_allocate", "Refusing HetJob submission too many components: "
                                               f"{len(hetjob)} > {MAX_HET_JOB_COMPONENTS}")
        return None
    for each in [job] if job is not None else hetjob:
        # _foreach_alloc_job(): user and group by authentication, no status updates, at least one node
        # (left as slurm_init_job_desc_msg() sets them: SLURM_AUTH_NOBODY, NO_VAL on 22.05)
        each.pop("user_id", None)
        each.pop("group_id", None)
        each["other_port"] = 0
        if not each.get("min_nodes") or each["min_nodes"] >= ctx.slurm.lib.NO_VAL:
            each["min_nodes"] = 1
    if job is None:
        return _allocate_het(ctx, hetjob)
    try:
        job_id, error_code, user_msg = ctx.slurm.allocate(job)
    except SlurmError as e:
        ctx.error(e.error_number, "slurm_allocate_resources_blocking()", "Job allocation request failed")
        return None
    _allocation_rc(ctx, error_code)
    return {"job_id": job_id, "job_submit_user_msg": user_msg}


def _allocation_rc(ctx, error_code):
    """_job_alloc_rc(): an allocation's return code, warned about when slurmctld still allocated."""
    from ...slurm._lib import strerror

    if error_code:
        if _nonfatal(ctx.slurm.lib, error_code):
            ctx.warn("slurm_submit_batch_job()", strerror(error_code))
        else:
            ctx.error(error_code, "slurm_allocate_resources_blocking()", "")


def _allocate_het(ctx, hetjob):
    """_job_post_het_allocate(): the components allocated together; the answer names the last
    component's job id and the first user message set, and each component's return code is reported
    as a single allocation's is."""
    try:
        results, user_msg = ctx.slurm.allocate_het(hetjob)
    except SlurmError as e:
        ctx.error(e.error_number, "slurm_allocate_het_job_blocking()", "Job allocation request failed")
        return None
    job_id = 0
    for job_id, error_code in results:
        _allocation_rc(ctx, error_code)
    return {"job_id": job_id, "job_submit_user_msg": user_msg}


job_allocate = Operation(_allocate, kind="job_alloc", body=("job_alloc_req", "Job allocation description"))
