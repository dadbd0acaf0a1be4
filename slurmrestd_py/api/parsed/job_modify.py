"""slurmdb POST job/{job_id} and jobs/ (v0.0.44 on: the reference's _job_post_update and
_jobs_post_update): accounting records of jobs changed by slurmdb_job_modify() (comments, extra,
wckey, derived exit code, allocated TRES), answered with slurmdbd's "<id> submitted at <time>"
strings and committed when slurmdbd changed something (db_modify_list())."""
from ...parsers import queries
from ...parsers.parsing import CONVERSION_FAILED, Report
from .. import Operation
from ..db import connection
from .db_writes import _commit

NO_CHANGE = 1900  # SLURM_NO_CHANGE_IN_DATA
_NO_VAL = 0xFFFFFFFE
_STRINGS = ("admin_comment", "derived_es", "extra", "system_comment", "tres_alloc_str", "wckey")
_REFUSED = "Rejecting request. Failure parsing job update request."


def _parse(ctx, kind):
    report = Report(ctx)
    table = ctx.parser.responses[kind] if kind in ctx.parser.responses else ctx.parser.objects[kind]
    body = {} if ctx.body is None else ctx.body
    return report.run(lambda: table.parse(body, "#/", report))


def _modify(ctx, caller, cond, fields):
    """db_modify_list() of slurmdb_job_modify(): the strings slurmdbd answered (committed when
    there are some), or None after reporting its failure."""
    from ...slurm.slurmdb_copy import _strings

    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    tres = fields.get("tres_alloc_str")
    if tres and any(part.split("=")[0] == "0" for part in tres.split(",")):
        # a TRES the database does not know (id 0): 26.05's slurmdbd dies on it (its list of the
        # string's TRES is NULL), the reference sends it anyway; ours refuses (README)
        ctx.error(CONVERSION_FAILED, "#/tres/allocated/", "TRES not found in the database",
                  "Unable to convert Data type")
        return None
    rec = cond.keep(ffi.new("slurmdb_job_rec_t *"))
    rec.derived_ec = fields.get("derived_ec", _NO_VAL)
    for name in _STRINGS:
        if fields.get(name) is None:
            continue
        if not hasattr(rec, name):  # 22.05's job records keep no `extra`
            ctx.error(CONVERSION_FAILED, "#/extra/", "this release's slurmdbd keeps no extra of a job",
                      "Unable to convert Data type")
            return None
        setattr(rec, name, cond.cstr(fields[name]))
    cond.c.flags = lib.JOBCOND_FLAG_NO_DEFAULT_USAGE
    cond.c.db_flags = lib.SLURMDB_JOB_FLAG_NOTSET
    db = connection(ctx)
    conn = db._db("slurmdb_job_modify")
    db._wrote = True
    ffi.errno = 0
    result = lib.slurmdb_job_modify(conn, cond.c, rec)
    rc = ffi.errno
    if rc and result != ffi.NULL:
        lib.slurm_list_destroy(result)
    elif not rc and result == ffi.NULL:
        rc = queries.FAILED_QUERY
    if rc:
        ctx.error(rc, caller, "slurmdb_job_modify failed")
        ctx.error(0, "slurmdb_job_modify()", "Job update requested failed")  # (its rc is never set)
        return None
    try:
        results = _strings(result)
    finally:
        lib.slurm_list_destroy(result)
    if not results:
        ctx.warn(caller, "slurmdb_job_modify() found nothing")
    else:
        _commit(ctx, caller)
    return results


def _post_job(ctx):
    from ...slurm.slurmdb_jobs import JobCond
    from .slurmdb_jobs import one_job

    with JobCond() as cond:
        if not one_job(ctx, cond):
            return None
        fields = _parse(ctx, "job_modify")
        if fields is None:
            ctx.error(queries.FAILED_QUERY, "_job_post_update", _REFUSED)
            return None
        results = _modify(ctx, "_job_post_update", cond, fields)
    return None if results is None else {"results": results}


def _post_jobs(ctx):
    from ...slurm.slurmdb_jobs import JobCond
    from .requeue import selected

    with JobCond() as cond:
        body = _parse(ctx, "job_modify_req")
        ids = [] if body is None else body.get("job_id_list")
        # each id as SELECTED_STEP reads it (its text kept for libslurm's step list)
        steps = [i.strip() if selected(i) is not None else None for i in ids or ()]
        if body is None or None in steps:  # (an id SELECTED_STEP cannot read fails the parse, unreported)
            ctx.error(queries.FAILED_QUERY, "_jobs_post_update", _REFUSED)
            return None
        for step in steps:
            cond.add_steps(step)
        # no job_rec: the reference hands slurmdbd none and its process dies; ours an empty one,
        # which slurmdbd answers as a change of nothing (README)
        results = _modify(ctx, "_jobs_post_update", cond, body.get("job_rec") or {})
    return None if results is None else {"results": results}


post_job = Operation(_post_job, kind="job_modify_results", body=("job_modify", "Job update description"))
post_jobs = Operation(_post_jobs, kind="job_modify_results", body=("job_modify_req", "Job update description"))
