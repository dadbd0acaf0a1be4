"""Query parameters of the parser versions, read from the version's query tables as the reference's
data_parser reads them. A value that does not parse is reported (errors[], the parameter's path as
source) and the query is refused: the handler then reports "Rejecting request. Failure parsing query".
"""
from .types import Flags

FAILED_QUERY = 9000  # ESLURM_REST_INVALID_QUERY
CONVERSION_FAILED = 9202  # ESLURM_DATA_CONV_FAILED
INVALID_FLAG = 9207  # ESLURM_DATA_FLAGS_INVALID: 23.02 on; 22.05's libslurm has no text for it
INVALID_FLAG_TEXT = "Data parser unable to parse invalid flag"
TIMESTAMP = "timestamp"  # a query row's type: seconds since the epoch


class _Refused(Exception):
    pass


def parse(ctx, kind, handler, message="Rejecting request. Failure parsing query", returns_rc=False):
    """{name: value} of the request's query for the operation's `kind` (absent: the type's zero),
    or None once the failure is reported as the reference reports it, from `handler` (`message`:
    its words). `returns_rc`: the handler returns resp_error()'s code, which then sets the status
    (422) whatever error came first."""
    out = {}
    try:
        for name, type_, _ in ctx.parser.queries[kind]:
            out[name] = _READERS[_kind(type_)](ctx, name, type_)
    except _Refused:
        ctx.error(FAILED_QUERY, handler, message)
        if returns_rc:
            ctx.rc = FAILED_QUERY
        return None
    return out


def schema(type_):
    """The OpenAPI schema of a query parameter of this type, as the reference documents it."""
    if isinstance(type_, Flags):
        return {"type": "string", "enum": [row[0] for row in type_.rows]}
    return {"type": "string"}


def _kind(type_):
    return "flags" if isinstance(type_, Flags) else type_ if isinstance(type_, str) else "string"


def _timestamp(ctx, name, _):
    from ..api.update_time import parse as seconds

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


_READERS = {TIMESTAMP: _timestamp, "flags": _flags, "string": _string}
