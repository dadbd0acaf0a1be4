"""GET job/{job_id}/requeue and POST jobs/requeue (v0.0.45: the reference's op_handler_job_requeue
and op_handler_jobs_requeue)."""
from ...parsers import queries
from ...parsers.queries import INVALID_FLAG, INVALID_FLAG_TEXT
from .. import Operation
from .jobs import _JOB_ID

BAD_REQUEST = "SpecialExit requires Hold mode"


def selected(text):
    """A job id as the reference's SELECTED_STEP reads it, written back as its fmt_job_id_string()
    does ("123", "123_[4]", "123+1", "123.0"); None when it does not parse."""
    m = _JOB_ID.match(text.strip()) if isinstance(text, str) else None
    if not m or int(m.group(1)) == 0:
        return None
    out = m.group(1)
    if m.group(2) is not None:
        out += f"_[{int(m.group(2))}]"
    if m.group(3) is not None:
        out += f"+{int(m.group(3))}"
    if m.group(4) is not None:
        out += f".{m.group(4)}"
    return out


def _flag_bits(lib):
    """{lower-case flag name: bit} (names are case-blind; the hidden "Fail" too)."""
    from ...parsers.tables.requeue import HIDDEN_FLAGS, REQUEUE_FLAGS

    return {name.lower(): getattr(lib, const) for name, const, *_ in (*REQUEUE_FLAGS.rows, *HIDDEN_FLAGS)}


def _entries(results):
    import re

    from ...slurm._lib import strerror

    out = []
    for r in results or ():
        m = re.match(r"\d+", r["id"] or "")
        out.append({"job_id": int(m.group(0)) if m else 0, "step_id": r["id"] or "",
                    "error": strerror(r["error_code"]), "error_code": r["error_code"], "why": r["why"] or ""})
    return out


def _requeue(ctx, job, flags, source, word):
    rc, errno, results = _call(ctx, job, flags)
    if rc:
        ctx.error(errno if rc == -1 and errno else rc, source, f"Requeue {word}={job} failed")
    return _entries(results)


def _call(ctx, job, flags):
    from ...slurm.writes import requeue

    return requeue(ctx.slurm.ffi, ctx.slurm.lib, job, flags)


def _special_exit_alone(lib, flags):
    return flags & lib.JOB_SPECIAL_EXIT and not flags & lib.JOB_REQUEUE_HOLD


def _job_requeue(ctx):
    source = "op_handler_job_requeue"
    lib = ctx.slurm.lib
    job = selected(ctx.params["job_id"])
    if job is None:
        ctx.error(queries.FAILED_QUERY, source, "Rejecting request. Failure parsing parameters")
        return None
    # each flag is a parameter of its own (?Hold); any other is warned about and ignored
    bits = _flag_bits(lib)
    flags = 0
    for name, values in ctx.request.query.items():
        value = values[-1] if values else ""
        if name.lower() not in bits:
            kind = "boolean" if value == "" else "string"
            ctx.warn(f"#/{name}/", f"Ignoring unknown field \"{name}\" of type {kind} in "
                                   "DATA_PARSER_OPENAPI_JOB_REQUEUE_QUERY")
        elif value == "" or queries._truth(value):
            flags |= bits[name.lower()]
    if _special_exit_alone(lib, flags):
        ctx.error(lib.ESLURM_REST_BAD_REQUEST, source, BAD_REQUEST)
        return None
    return {"status": _requeue(ctx, job, flags, source, "JobID")}


def _as_list(value):
    return value if isinstance(value, list) else [] if value is None else [value]


def _jobs_requeue(ctx):
    source = "op_handler_jobs_requeue"
    lib = ctx.slurm.lib
    body = ctx.body if isinstance(ctx.body, dict) else {}
    bits = _flag_bits(lib)
    flags = 0
    for i, name in enumerate(_as_list(body.get("flags"))):
        bit = bits.get(str(name).strip().lower())
        if bit is None:  # reported, and the request goes on
            ctx.error(INVALID_FLAG, f"#/flags[{i}]/", f"Unknown flag \"{name}\"", INVALID_FLAG_TEXT)
            continue
        flags |= bit
    jobs = []
    for item in _as_list(body.get("jobs")):
        job = selected(str(item) if isinstance(item, (int, str)) and not isinstance(item, bool) else None)
        if job is None:
            ctx.error(queries.FAILED_QUERY, source, "Rejecting request. Failure parsing query")
            return None
        jobs.append(job)
    if not jobs:
        ctx.error(lib.ESLURM_INVALID_JOB_ID, source, "Query missing JobIds")
        return None
    if _special_exit_alone(lib, flags):
        ctx.error(lib.ESLURM_REST_BAD_REQUEST, source, BAD_REQUEST)
        return None
    status = []
    for job in jobs:
        status += _requeue(ctx, job, flags, source, "JobId")
    return {"status": status}


job_requeue = Operation(_job_requeue, kind="job_requeue")
jobs_requeue = Operation(_jobs_requeue, kind="jobs_requeue", body=("jobs_requeue_query",
                                                                   "batch job requeue request parameters"))
