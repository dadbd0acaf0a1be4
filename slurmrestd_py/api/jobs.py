"""Jobs: list, show, submit, update, signal (the reference's src/plugins/openapi/v0.0.38/jobs.c).

Errors come in the reference's mixed shapes: its option parser writes {"error", "error_code"},
resp_error() writes {"description", "error_number", "error", "source"}; some failures still
answer 200 (an update whose description does not parse), as the reference's return code says.
The description parser (job_desc) is imported by the two operations that parse: every request on
jobs imports this module, few submit.
"""
from ..errors import (DATA_PATH_NOT_FOUND, REST_FAIL_PARSING, REST_INVALID_JOBS_DESC, REST_INVALID_QUERY,
                      ApiError, HandlerError, NotModified, SlurmError)
from .. import media
from ..routing import NOT_FOUND
from . import Operation, update_time as _update_time

JOB_SCRIPT_MISSING = 2009  # ESLURM_JOB_SCRIPT_MISSING
CONTEXT = "fd:0->fd:1"  # the reference names a connection by its fds in messages
SIGKILL = 9
from ..slurm.sentinels import NO_VAL


def _worded(ctx, situation, entries=(), **names):
    """An older version's own failure (its "job_errors" wording, {"error", "error_code": 0}, and
    500 whatever happened), or None where the version reports it as v0.0.38 does."""
    template = (ctx.plugin.rule("job_errors") or {}).get(situation)
    if template is None:
        return None
    return HandlerError(-1, [*entries, {"error": template.format(context=CONTEXT, **names), "error_code": 0}])


def _entry(code, source, description=None):
    """resp_error(): description, error_number/error only for a nonzero code, source."""
    e = {}
    if description is not None:
        e["description"] = description
    if code:
        e["error_number"], e["error"] = code
    if source:
        e["source"] = source
    return e


def _code(number, text):
    return {"error_code": number, "error": text}


# -- GET /jobs -----------------------------------------------------------------------------
def _jobs(ctx):
    value = ctx.query("update_time")
    update_time = 0
    if value is not None and not ctx.plugin.rule("no_update_time"):  # v0.0.36 has none
        try:
            update_time = int(value)
        except ValueError:
            raise HandlerError(REST_INVALID_QUERY[0]) from None
    try:
        records = ctx.slurm.each_job(update_time)
    except SlurmError as e:
        if ctx.plugin.rule("jobs_failure_unreported"):
            raise HandlerError(e.error_number) from None
        raise
    if records is None:
        raise NotModified()
    # Made and encoded one at a time as the answer is streamed: memory flat in the number of jobs.
    return {"jobs": media.Lazy(ctx.plugin.render("job", record) for record in records)}


# -- GET/POST/DELETE /job/{job_id} ---------------------------------------------------------
def _job_id(ctx):
    job_id = ctx.params.get("job_id") or ""
    if ctx.plugin.rule("job_id_integer"):
        return _integer_job_id(ctx, job_id)
    if not job_id:
        raise HandlerError(REST_INVALID_QUERY[0], [_entry(REST_INVALID_QUERY, "HTTP request",
                                                          f"[{CONTEXT}] job_id is empty")])
    return job_id


def _integer_job_id(ctx, text):
    """v0.0.36's job_id: an integer path parameter (its router finds no URL for anything else),
    neither 0 nor NO_VAL or more; as a uint32_t."""
    value = _update_time.parse(text)  # the same string -> int64 conversion
    if value is None:
        raise ApiError(404, NOT_FOUND, DATA_PATH_NOT_FOUND, close=True)
    if value == 0:
        raise _worded(ctx, "job_id_zero")
    if value >= NO_VAL:
        raise _worded(ctx, "job_id_large", job_id=value)
    return str(value & 0xFFFFFFFF)


def _signed(job_id):
    """A job id as the reference's "%d" prints it; one that is no number ("12_3", ":") as it was given."""
    try:
        number = int(job_id)
    except ValueError:
        return job_id
    return number - (1 << 32) if number >= 1 << 31 else number


def _job(ctx):
    job_id = _job_id(ctx)
    number = int(job_id) if ctx.plugin.rule("job_id_integer") else ctx.slurm.xlate_job_id(job_id)
    if not number:
        raise HandlerError(REST_INVALID_JOBS_DESC[0], [
            _entry(REST_INVALID_JOBS_DESC, "_handle_job_get", f"Unable to find JobId={job_id}")])
    try:
        records = ctx.slurm.job(number, job_id)
    except SlurmError as e:
        error = _worded(ctx, "not_found", job_id=_signed(number)) or HandlerError(e.error_number, e.entries())
        error.payload = {"jobs": []}
        raise error from None
    if not records:
        error = _worded(ctx, "not_found", job_id=_signed(number))
        if error is None:
            error = HandlerError(0, [{"description": f"Unable to find JobId={job_id}", "source": "slurm_load_job"}])
            error.status = 200
        error.payload = {"jobs": []}
        raise error
    return {"jobs": ctx.plugin.render("job", records)}


def _signal_number(value):
    import signal as _signal

    if value is None:
        return SIGKILL
    text = value.strip()
    try:
        return int(text)
    except ValueError:
        pass
    name = text.upper()
    name = name if name.startswith("SIG") else "SIG" + name
    number = getattr(_signal.Signals, name, None) if name in _signal.Signals.__members__ else None
    return int(number) if number is not None else 0


def _delete(ctx):
    import signal as _signal

    from ..slurm._lib import strerror

    job_id = _job_id(ctx)
    signal = _signal_number(ctx.query("signal"))
    if signal < 1 or signal >= _signal.SIGRTMAX:
        raise _worded(ctx, "bad_signal", signal=signal) or HandlerError(REST_INVALID_QUERY[0], [
            _entry(REST_INVALID_QUERY, "HTTP request: signal", f"invalid signal: {signal}")])
    try:
        ctx.slurm.signal_job(job_id, signal)
    except SlurmError as e:
        raise _worded(ctx, "kill_failed", job_id=_signed(job_id), signal=signal, strerror=strerror(e.error_number)) \
            or HandlerError(e.error_number, e.entries()) from None
    return {}


def _update(ctx):
    from ..slurm._lib import strerror
    from . import job_desc

    job_id = _job_id(ctx)
    body = ctx.body if ctx.body is not None else {}
    dialect = ctx.plugin.rule("job_desc")
    errors = []
    failed = _entry(REST_FAIL_PARSING, "_parse_job_list", f"job parsing failed for {CONTEXT}")
    # The reference reports a description that does not parse and still answers 200.
    if isinstance(body, list):
        for i, item in enumerate(body):
            try:
                _parse(ctx, item, False, errors, dialect)
            except job_desc.Invalid as e:
                errors += e.entries
                errors.append(job_desc.error(dialect, "het", index=i))
                raise_worded(_worded(ctx, "parse_failed", errors))
                return {"errors": errors + [failed]}
        raise_worded(_worded(ctx, "het_update", errors))
        return {"errors": errors + [_entry(None, "_parse_job_list",
                                           f"unexpected het job request from {CONTEXT}")]}
    if not isinstance(body, dict):
        raise_worded(_worded(ctx, "parse_failed"))
        return {"errors": [_entry(REST_INVALID_JOBS_DESC, "_parse_job_list",
                                  f"job parsing failed for {CONTEXT}")]}
    try:
        desc = _parse(ctx, body, False, errors, dialect)
    except job_desc.Invalid as e:
        raise_worded(_worded(ctx, "parse_failed", errors + e.entries))
        return {"errors": errors + e.entries + [failed]}
    rc, errno, code = ctx.slurm.update_job(job_id, desc)
    if rc:
        raise _worded(ctx, "update_failed", errors, strerror=strerror(errno)) or HandlerError(rc, errors + [
            _entry((errno, strerror(errno)) if errno else None, "_parse_job_list",
                   f"job update from {CONTEXT} failed")])
    if code:
        raise_worded(_worded(ctx, "array_update_failed", errors, strerror=strerror(code)))
        errors.append(_entry((code, strerror(code)), "_parse_job_list",
                             f"job array update from {CONTEXT} failed"))
    return {"errors": errors}


def raise_worded(error):
    if error is not None:
        raise error


def _parse(ctx, item, submit, notes, dialect):
    from . import job_desc

    if not isinstance(item, dict):
        raise job_desc.Invalid([])
    return job_desc.parse(item, submit, _site(ctx), notes, dialect)


def _site(ctx):
    from . import job_desc

    return job_desc.Site(**ctx.slurm.job_option_site())


# -- POST /job/submit ----------------------------------------------------------------------
def _submit(ctx):
    from ..slurm._lib import strerror
    from . import job_desc

    body = ctx.body if ctx.body is not None else {}
    dialect = ctx.plugin.rule("job_desc")
    script = body.get("script") if isinstance(body, dict) else None
    if isinstance(script, (int, float)) and not isinstance(script, bool):
        script = str(script)
    if not isinstance(script, str):
        raise HandlerError(JOB_SCRIPT_MISSING, [_code(JOB_SCRIPT_MISSING, strerror(JOB_SCRIPT_MISSING))])
    jobs = body.get("job")
    if jobs is None:
        jobs = body.get("jobs")
    errors = []

    def fail(rc):
        errors.append(_code(rc, strerror(rc)))
        return HandlerError(rc, errors)

    if isinstance(jobs, dict):
        try:
            descs = [_parse(ctx, jobs, True, errors, dialect)]
        except job_desc.Invalid as e:
            errors += e.entries
            raise fail(REST_FAIL_PARSING[0]) from None
    elif isinstance(jobs, list):
        descs = []
        for i, item in enumerate(jobs):
            try:
                descs.append(_parse(ctx, item, True, errors, dialect))
            except job_desc.Invalid as e:
                errors += e.entries
                errors.append(job_desc.error(dialect, "het", index=i))
                raise fail(REST_FAIL_PARSING[0]) from None
        if not descs:
            raise fail(REST_INVALID_JOBS_DESC[0])
    else:
        raise fail(REST_INVALID_JOBS_DESC[0])
    try:
        job_id, step_id, error_code, user_msg = ctx.slurm.submit(descs, script)
    except SlurmError as e:
        raise fail(e.error_number) from None
    if error_code:
        errors.append(_code(error_code, strerror(error_code)))
    return {"errors": errors, "job_id": job_id, "step_id": ctx.slurm.step_name(step_id),
            "job_submit_user_msg": user_msg}


jobs = Operation(_jobs, {"jobs": []})
job = Operation(_job)
delete = Operation(_delete)
update = Operation(_update)
submit = Operation(_submit)
