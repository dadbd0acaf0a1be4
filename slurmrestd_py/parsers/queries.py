"""Query parameters of the parser versions, read from the version's query tables as the reference's
data_parser reads them. A value that does not parse is reported (errors[], the parameter's path as
source) and the query is refused: the handler then reports "Rejecting request. Failure parsing query".
"""
import re

from .types import Flags

FAILED_QUERY = 9000  # ESLURM_REST_INVALID_QUERY
CONVERSION_FAILED = 9202  # ESLURM_DATA_CONV_FAILED
INVALID_FLAG = 9207  # ESLURM_DATA_FLAGS_INVALID: 23.02 on; 22.05's libslurm has no text for it
INVALID_FLAG_TEXT = "Data parser unable to parse invalid flag"
TIMESTAMP = "timestamp"  # a query row's type: seconds since the epoch
CSV = "csv"  # a list of strings, comma separated (the parameter may repeat; the reference's CSV_STRING_LIST)
CSV_IDS = "csv_ids"  # a list of numeric ids (QOS, associations): anything else refuses the query
# Booleans. BOOL (clusters, wckeys, qos ...): a value is warned about, as the reference does for a
# string where it wants a boolean (Rules.type_warning_quotes_value), then read; empty: false. The
# account, user and association conditions read theirs otherwise (_truth): BOOL_SWITCH, where a bare
# `?name` is true; OLD_SWITCH, a flag bit of the condition parsed in table order, where a false one
# does `flags &= bit` and so clears every switch before it; EFLAG, one parameter per flag of the
# condition (v0.0.41 on for accounts, v0.0.42 for associations), which does not warn.
BOOL = "bool"
BOOL_SWITCH = "bool_switch"
OLD_SWITCH = "old_switch"
EFLAG = "eflag"

_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?([0-9]+\.[0-9]*|\.[0-9]+)")
_INT64_MAX = (1 << 63) - 1


def seconds(value):
    """Seconds since the epoch from the query's text, or None when it is no number: integers
    (saturating at int64, as strtoll does) and plain decimals (truncated); not 1e3, 0x10, inf."""
    if _INT.fullmatch(value):
        return max(-_INT64_MAX - 1, min(_INT64_MAX, int(value)))
    if _FLOAT.fullmatch(value):
        return int(float(value))
    return None


class _Refused(Exception):
    pass


def parse(ctx, kind, handler, message="Rejecting request. Failure parsing query", returns_rc=False,
          struct=None, quiet=False):
    """{name: value} of the request's query for the operation's `kind` (absent: the type's zero),
    or None once the failure is reported as the reference reports it, from `handler` (`message`:
    its words). `returns_rc`: the handler returns resp_error()'s code, which then sets the status
    (422) whatever error came first. `struct`: the reference's name of what the query is parsed
    into; parameters it does not know are then warned about ("Ignoring unknown field"). `quiet`: a
    refused query adds no error of the handler's own (the slurmdbd account handlers just stop)."""
    rows = ctx.parser.queries[kind]
    if struct is not None:
        known = {name for name, _, _ in rows}
        for name in ctx.request.query:
            if name not in known:
                ctx.warn(f"#/{name}/", f"Ignoring unknown field \"{name}\" of type string in DATA_PARSER_{struct}")
    out = {}
    try:
        on = []
        for name, type_, _ in rows:
            out[name] = _READERS[_kind(type_)](ctx, name, type_)
            if type_ == OLD_SWITCH and out[name] is not None:
                if out[name]:
                    on.append(name)
                else:
                    on.clear()
        for name, type_, _ in rows:
            if type_ == OLD_SWITCH:
                out[name] = name in on
    except _Refused:
        if not quiet:
            ctx.error(FAILED_QUERY, handler, message)
            if returns_rc:
                ctx.rc = FAILED_QUERY
        return None
    return _hidden(ctx, kind, out)


def read(ctx, kind):
    """{name: value} of the request's query for `kind`, or None once a failure is reported (the
    handler's own rejection, if any, is its to report)."""
    try:
        out = {name: _READERS[_kind(type_)](ctx, name, type_) for name, type_, _ in ctx.parser.queries[kind]}
    except _Refused:
        return None
    return _hidden(ctx, kind, out)


# What a parameter reads as when it is not given, by kind of reader
_ABSENT = {TIMESTAMP: 0, "flags": 0, "string": None, CSV: (), CSV_IDS: (), BOOL: False, BOOL_SWITCH: False,
           OLD_SWITCH: False, EFLAG: False, "signal": 0}


def _hidden(ctx, kind, out):
    """`out` with the parameters the version does not have (Parser.hidden_queries) as not given."""
    for name, type_, *_ in ctx.parser.hidden_queries.get(kind, ()):
        value = _ABSENT[_kind(type_)]
        out.setdefault(name, list(value) if isinstance(value, tuple) else value)
    return out


def allows_empty(type_):
    """The document's allowEmptyValue: true for the switches (`?with_deleted` alone; the slurmdb job
    condition's flags)."""
    if isinstance(type_, tuple):
        return type_[0] in ("flag", "db_flag")
    return type_ in (BOOL, BOOL_SWITCH, OLD_SWITCH, EFLAG)


def schema(type_):
    """The OpenAPI schema of a query parameter of this type, as the reference documents it."""
    if isinstance(type_, Flags):
        return {"type": "string", "enum": type_.names()}
    return {"type": "string"}


def _kind(type_):
    return "flags" if isinstance(type_, Flags) else type_ if isinstance(type_, str) else "string"


def _timestamp(ctx, name, _):
    value = ctx.query(name)
    if value is None:
        return 0
    parsed = seconds(value) if ctx.parser.rules.query_timestamps else None
    if parsed is None:
        ctx.error(CONVERSION_FAILED, f"#/{name}/", f"Parsing of {value} for timestamp failed")
        raise _Refused()
    return parsed


def _flags(ctx, name, flags):
    """The bits of every flag named (the parameter may repeat); names are case-blind."""
    items = ctx.request.query.get(name) or ()
    by_name = {row[0].lower(): row[1] for row in flags.rows}
    bits = 0
    for i, item in enumerate(items):
        const = by_name.get(item.strip().lower())
        if const is None:
            ctx.error(INVALID_FLAG, f"#/{name}[{i}]/", f"Unknown flag \"{item}\"", INVALID_FLAG_TEXT)
            if ctx.parser.rules.bad_flag_rejects_query:
                why = f"Parsing single flag \"{item}\" failed" if len(items) == 1 else "Parsing flags failed"
                ctx.error(INVALID_FLAG, f"#/{name}/", why, INVALID_FLAG_TEXT)
                raise _Refused()
            continue
        bits |= getattr(ctx.slurm.lib, const)
    return bits


def _string(ctx, name, _):
    return ctx.query(name)


def _csv(ctx, name, _):
    """The strings of every value given (the parameter may repeat), commas splitting them; [] when absent."""
    return [v.strip() for item in ctx.request.query.get(name) or () for v in item.split(",") if v.strip()]


def _csv_ids(ctx, name, _):
    """Ids as the reference's association condition reads them: a name (a QOS's) is not resolved
    there, and the query fails without a word."""
    items = _csv(ctx, name, _)
    if any(not item.isdigit() for item in items):
        raise _Refused()
    return items


def _type_warning(ctx, name, value):
    suffix = f": \"{value}\"" if ctx.parser.rules.type_warning_quotes_value else ""
    ctx.warn(f"#/{name}/", "Expected OpenAPI type=boolean (Slurm type=boolean) but got OpenAPI "
                           f"type=string (Slurm type=string){suffix}")


_TRUE = {"y", "yes", "t", "true", "on"}


def _bool(ctx, name, _):
    """BOOL: yes/true/on and nonzero numbers are true, anything else false; empty: false, unremarked."""
    value = ctx.query(name)
    if not value:
        return False
    _type_warning(ctx, name, value)
    text = value.strip().lower()
    try:
        return text in _TRUE or float(text) != 0
    except ValueError:
        return False


_FALSE = {"n", "no", "f", "false", "off", "null", "~"}


def _truth(value):
    """A string as the reference's data_convert_type(DATA_TYPE_BOOL) reads it for the account
    conditions: yes/no words and numbers as themselves, null as false, any other text true."""
    text = value.strip().lower()
    if text in _FALSE:
        return False
    try:
        return float(text) != 0
    except ValueError:
        return True


def _switch(ctx, name, type_):
    value = ctx.query(name)
    if value is None:
        return None if type_ == OLD_SWITCH else False
    if value == "":  # a bare `?name` (true); `?name=` (false) reads the same here
        return True
    _type_warning(ctx, name, value)
    return _truth(value)


def _eflag(ctx, name, _):
    if "/" in name:  # "Exclude parent id/name": the reference reads the name as a path, never finding it
        return False
    value = ctx.query(name)
    return value is not None and (value == "" or _truth(value))


def _signal(ctx, name, _):
    """A signal by number or name ("USR1", "SIGUSR1"); none: 0. An unknown one is refused (v0.0.40:
    error EINVAL; later versions: error 0, as the reference writes them)."""
    import signal

    value = ctx.query(name)
    if value is None:
        return 0
    text = value.strip()
    if text.lstrip("+-").isdigit():
        return int(text)
    upper = text.upper()
    member = signal.Signals.__members__.get(upper if upper.startswith("SIG") else "SIG" + upper)
    if member is None:
        ctx.error(22 if ctx.parser.rules.signal_error_einval else 0, f"#/{name}/", "Unknown signal (null)")
        raise _Refused()
    return int(member)


_READERS = {TIMESTAMP: _timestamp, "flags": _flags, "string": _string, CSV: _csv, CSV_IDS: _csv_ids,
            BOOL: _bool, BOOL_SWITCH: _switch, OLD_SWITCH: _switch, EFLAG: _eflag, "signal": _signal}


def _noted(ctx, code, source, description, error=None):
    """A parse error the reference's data_parser reports without making it the request's return
    code (the handler's refusal that follows sets the status)."""
    rc = ctx.rc
    ctx.error(code, source, description, error)
    ctx.rc = rc


def job_condition(ctx, cond, handler):
    """GET slurmdb jobs' query (the reference's JOB_CONDITION) into `cond` (slurm/slurmdb_jobs.JobCond),
    then the handler's defaults; False once a refusal is reported."""
    import grp
    import pwd

    from .tables.slurmdb_jobs import QUERIES

    lib = ctx.slurm.lib
    rules = ctx.parser.rules
    flags = db_flags = 0
    # every version parses every parameter; the documents of v0.0.41 on leave some out. Not known to
    # a version: what a later one added (v0.0.44's job_altered) or it removed (v0.0.45's format)
    from .tables import V39

    version, removed = ctx.parser.version, ctx.parser.removed_parameters
    only = ctx.parser.query_parameters.get("slurmdb_jobs")  # (v0.0.39: its own list)
    rows = {row[0]: row[1] for row in QUERIES["slurmdb_jobs"]
            if row[0] not in removed and (only is None or row[0] in only)
            and (len(row) == 3 or version in row[3] or (min(row[3]) <= version and row[3] != V39))}
    for name in ctx.request.query:
        if name not in rows:
            ctx.warn(f"#/{name}/", f"Ignoring unknown field \"{name}\" of type string in DATA_PARSER_JOB_CONDITION")
    try:
        for name, (kind, field) in rows.items():
            value = ctx.query(name)
            if value is None:
                continue
            if kind in ("flag", "db_flag"):
                if value.strip().lower() in ("false", "no", "off", "0", "n", "f"):
                    continue
                if kind == "flag":
                    flags |= getattr(lib, field)
                else:
                    db_flags |= getattr(lib, field)
            elif kind == "csv":
                cond.add_list(field, value)
            elif kind == "state":
                _states(ctx, cond, name, value)
            elif kind == "step":
                cond.add_steps(value)
            elif kind == "node":
                cond.set_nodes(value)
            elif kind == "users":
                ids = []
                for i, item in enumerate(v for v in value.split(",") if v):
                    try:
                        ids.append(str(int(item) if item.isdigit() else pwd.getpwnam(item).pw_uid))
                    except KeyError:
                        _noted(ctx, lib.ESLURM_USER_ID_UNKNOWN, f"#/{name}[{i}]/", f"Unable to resolve user: {item}")
                        raise _Refused()
                cond.add_list(field, ",".join(ids))
            elif kind == "groups":
                ids = []
                for i, item in enumerate(v for v in value.split(",") if v):
                    if not rules.query_group_names and not item.isdigit():
                        _noted(ctx, CONVERSION_FAILED, f"#/{name}[{i}]/", "Invalid group field value type: string")
                        raise _Refused()
                    try:
                        ids.append(str(int(item) if item.isdigit() else grp.getgrnam(item).gr_gid))
                    except KeyError:
                        _noted(ctx, lib.ESLURM_GROUP_ID_UNKNOWN, f"#/{name}[{i}]/", f"Unable to resolve group: {item}")
                        raise _Refused()
                cond.add_list(field, ",".join(ids))
            elif kind in ("time", "submit_time"):
                from ..api.update_time import parse as seconds

                parsed = seconds(value) if rules.query_timestamps else None
                if parsed is None:
                    _noted(ctx, CONVERSION_FAILED, f"#/{name}/", f"Parsing of {value} for timestamp failed")
                    raise _Refused()
                if kind == "submit_time":
                    cond.c.usage_start = parsed
                    flags |= lib.JOBCOND_FLAG_NO_DEFAULT_USAGE
                else:
                    setattr(cond.c, field, parsed)
            elif kind in ("number", "exit_code"):
                # a query's text is a string to the reference's number parsers: it says so, and reads it
                if kind == "exit_code":
                    ctx.warn(f"#/{name}/", "Expected OpenAPI type=integer format=int32 (Slurm type=64 bit integer) "
                                           f"but got OpenAPI type=string (Slurm type=string): \"{value}\"")
                elif rules.query_number_warns:
                    ctx.warn(f"#/{name}/", "Expected OpenAPI type=object (Slurm type=dictionary) but got OpenAPI "
                                           "type=string (Slurm type=string)")
                try:
                    cond.set_number(field, int(value))
                except ValueError:
                    pass
    except _Refused:
        ctx.error(FAILED_QUERY, handler, "Rejecting request. Failure parsing query parameters")
        return False
    except Exception as e:  # BadStep: the reference cannot parse the step list
        if type(e).__name__ != "BadStep":
            raise
        ctx.error(FAILED_QUERY, handler, "Rejecting request. Failure parsing query parameters")
        return False
    cond.c.flags = flags or (lib.JOBCOND_FLAG_DUP | lib.JOBCOND_FLAG_NO_TRUNC)
    cond.c.db_flags = db_flags or lib.SLURMDB_JOB_FLAG_NOTSET
    lib.slurmdb_job_cond_def_start_end(cond.c)
    return True


def _states(ctx, cond, name, value):
    """JOB_STATE_ID_STRING_LIST: each item a job state's name (a flag of the job state table) or
    number. An unknown name rejects the query (v0.0.40) or is reported and read as no state."""
    from .tables.slurmdb_jobs import JOB_STATE

    names = {row[0].lower() for row in JOB_STATE.rows}
    for i, item in enumerate(v for v in value.split(",") if v):
        if not item.isdigit() and item.strip().lower() not in names:
            ctx.error(INVALID_FLAG, f"#/{name}[{i}][0]/", f"Unknown flag \"{item}\"", INVALID_FLAG_TEXT)
            if ctx.parser.rules.bad_flag_rejects_query:
                ctx.rc = 0
                ctx.errors[-1:] = []
                _noted(ctx, INVALID_FLAG, f"#/{name}[{i}][0]/", f"Unknown flag \"{item}\"", INVALID_FLAG_TEXT)
                _noted(ctx, INVALID_FLAG, f"#/{name}[{i}]/", f"Parsing single flag \"{item}\" failed",
                       INVALID_FLAG_TEXT)
                raise _Refused()
            item = "0"
        cond.add_states(item)
