"""slurmdbd's jobs and statistics: GET /jobs with the reference's query filters, GET /job/{job_id}
and GET /diag.

The reference reads the URL query into typed values (YAML 1.1 style: "" is null, "yes" a Boolean,
"12" an integer, "1.5" a float), then converts each back to the type a filter wants: a job name
"yes" becomes "true", "1.50" becomes "1.500000". `typed()` and the `_as_*` converters do the same.
Filters are applied in the order sent; the first bad one ends the request (500, as the reference's
handler returns SLURM_ERROR). A failed slurmdbd query is reported in errors[] with a 200.
"""
import math
import re

from .. import media
from . import Operation
from .db import ESLURM_REST_INVALID_QUERY, Reply
from ..slurm.slurmdb import DbError

SLURM_ERROR = -1

_TRUE = re.compile(r"[Yy](|[eE][sS])|[tT]([rR][uU][eE]|)|[Oo][nN]")
_FALSE = re.compile(r"[nN]([Oo]|)|[fF](|[aA][lL][sS][eE])|[oO][fF][fF]")
_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?[0-9]*[.][0-9]*(|[eE][+-]?[0-9]+)")
_INT64 = (-(1 << 63), (1 << 63) - 1)

# query field -> slurmdb_job_cond_t List (the reference's csv_lists; "state" has its own parser)
_LISTS = {"account": "acct_list", "association": "associd_list", "cluster": "cluster_list",
          "constraints": "constraint_list", "format": "format_list", "groups": "groupid_list",
          "job_name": "jobname_list", "partition": "partition_list", "qos": "qos_list",
          "reason": "reason_list", "reservation": "resv_list", "state": "state_list",
          "wckey": "wckey_list"}
_FLAGS = {"skip_steps": "JOBCOND_FLAG_NO_STEP", "disable_wait_for_result": "JOBCOND_FLAG_NO_WAIT"}
_NUMBERS = {"cpus_max": "cpus_max", "cpus_min": "cpus_min", "exit_code": "exitcode",
            "nodes_min": "nodes_min", "nodes_max": "nodes_max"}


def typed(text):
    """A query value as the reference's URL parser types it."""
    if text == "":
        return None
    if _TRUE.fullmatch(text):
        return True
    if _FALSE.fullmatch(text):
        return False
    if _INT.fullmatch(text):
        return min(max(int(text), _INT64[0]), _INT64[1])  # sscanf("%ld") saturates
    if _FLOAT.fullmatch(text):
        try:
            return float(text)
        except ValueError:  # "." or ".e5": sscanf("%lf") fails too, it stays a string
            pass
    return text


def _as_string(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "%f" % value
    return str(value)


def _as_int(value):
    """An int64, or None when the reference cannot convert (strings, Booleans, null)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float):
        if not math.isfinite(value) or not _INT64[0] <= round(value) <= _INT64[1]:
            return _INT64[0]  # lrint() out of range: x86's "integer indefinite"
        return round(value)  # lrint(): to nearest, ties to even
    return value


def _as_bool(value):
    if value is None:
        return False
    if isinstance(value, (bool, int, float)):
        return bool(value)
    return value != ""  # any other text is true


def _apply(r, cond, key, value):
    """One query field into `cond`; False (with the error recorded) if the reference refuses it."""
    name = key.lower()
    if name in ("start_time", "submit_time"):
        if name == "start_time" and cond.has_flag("JOBCOND_FLAG_NO_DEFAULT_USAGE") or \
                name == "submit_time" and cond.c.usage_start:
            r.error(ESLURM_REST_INVALID_QUERY, "start_time and submit_time are mutually exclusive",
                    key)
            return False
        if not cond.set_time("usage_start", _as_string(value)):
            r.error(ESLURM_REST_INVALID_QUERY, "Unable to parse time format", key)
            return False
        if name == "submit_time":
            cond.set_flag("JOBCOND_FLAG_NO_DEFAULT_USAGE", True)
        return True
    if name == "end_time":
        if not cond.set_time("usage_end", _as_string(value)):
            r.error(ESLURM_REST_INVALID_QUERY, "Unable to parse time format", key)
            return False
        return True
    if name == "node":
        cond.set_nodes(_as_string(value))
        return True
    if name == "step":
        if not cond.add_steps(_as_string(value)):
            r.error(ESLURM_REST_INVALID_QUERY, "Unable to parse job/step format", key)
            return False
        return True
    if name in _LISTS:
        text = _as_string(value)
        added = cond.add_states(text) if name == "state" else cond.add_list(_LISTS[name], text)
        if added < 1:
            r.error(ESLURM_REST_INVALID_QUERY, "Unable to parse CSV list", key)
            return False
        return True
    if name in _FLAGS:
        cond.set_flag(_FLAGS[name], _as_bool(value))
        return True
    if name in _NUMBERS:
        number = _as_int(value)
        if number is None:
            r.error(ESLURM_REST_INVALID_QUERY, "must be an integer", key)
            return False
        cond.set_number(_NUMBERS[name], number)
        return True
    r.error(ESLURM_REST_INVALID_QUERY, "Unknown Query field")
    return False


def _dump(r, cond):
    """The reference's _dump_jobs(): a failed query is an error entry beside an empty list (200);
    a record it cannot render fails the request with the jobs rendered so far."""
    r.data["jobs"] = []
    try:
        records = r.db.each_job(cond)
        # each job made, rendered and encoded as the answer is streamed: memory flat in the jobs
        r.data["jobs"] = media.Lazy(r.ctx.plugin.render("job", record) for record in records)
    except DbError as e:
        r.errors.extend(e.entries())
        if e.payload:
            r.data.update(e.payload)
            if "jobs" in e.payload:
                r.data["jobs"] = r.ctx.plugin.render("job", e.payload["jobs"])
            r.fail(e.rc)
    return r.done()


def _bad_step(r, e, source):
    """libslurm would end the reference's process here (no answer at all); we answer 400."""
    r.error(ESLURM_REST_INVALID_QUERY, str(e), source)
    r.fail(ESLURM_REST_INVALID_QUERY)


def _jobs(ctx):
    from ..slurm.slurmdb_jobs import BadStep, JobCond

    r = Reply(ctx)
    query = ctx.request.query
    if not query:
        return _dump(r, None)
    with JobCond() as cond:
        for key, values in query.items():
            value = typed(values[-1] if values else "")
            try:
                ok = _apply(r, cond, key, value)
            except BadStep as e:
                _bad_step(r, e, key)
            if not ok:
                r.fail(SLURM_ERROR)
        return _dump(r, cond)


def _path_id(text):
    """The job_id path segment as the reference's router hands it over: typed like a query value,
    and a number read as an integer ("1143.7" is job 1144, "01144" is "1144")."""
    value = typed(text)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(_as_int(value))
    return _as_string(value)


def _job(ctx):
    from ..slurm.slurmdb_jobs import BadStep, JobCond

    r = Reply(ctx)
    with JobCond() as cond:
        try:
            cond.add_steps(_path_id(ctx.params["job_id"]))
        except BadStep as e:
            _bad_step(r, e, "job_id")
        return _dump(r, cond)


def _diag(ctx):
    r = Reply(ctx)
    statistics = r.call(r.db.stats)
    if statistics is None:
        # no slurmdbd: the reference reports it, yet its return code stays 0 (200)
        r.error(r.db.lib.ESLURM_DB_CONNECTION_INVALID, None, "openapi_get_db_conn")
    else:
        r.data["statistics"] = statistics
    return r.done()


jobs = Operation(_jobs)
job = Operation(_job)
diag = Operation(_diag)
