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
# Booleans, read as the reference converts a string to a bool (see _truth), warning that a string
# is not a boolean (Rules.bool_warning_names_value). OLD_SWITCH: a switch the reference keeps as a
# flag bit of its condition and parses in table order, where a false one does `flags &= bit`: it
# clears every switch before it. EFLAG_QUERY: a condition's flag, one parameter each (v0.0.41 on
# for accounts, v0.0.42 for associations), which does not warn.
BOOL_QUERY = "bool"
BOOL16_QUERY = "bool"
OLD_SWITCH = "old_switch"
EFLAG_QUERY = "eflag"
CSV = "csv"  # a list of strings, comma separated (the parameter may repeat)
CSV_IDS = "csv_ids"  # a list of numeric ids (QOS, associations): anything else refuses the query


class _Refused(Exception):
    pass


def parse(ctx, kind, handler, struct=None, quiet=False):
    """{name: value} of the request's query for the operation's `kind` (absent: the type's zero),
    or None once the failure is reported as the reference reports it, from `handler`.
    `struct`: the reference's name of what the query is parsed into; parameters it does not know
    are then warned about ("Ignoring unknown field"), as the reference does. `quiet`: a refused
    query adds no error of the handler's own (the slurmdbd handlers just stop)."""
    out = {}
    rows = ctx.parser.queries[kind]
    if struct is not None:
        known = {name for name, _, _ in rows}
        for name in ctx.request.query:
            if name not in known:
                ctx.warn(f"#/{name}/", f"Ignoring unknown field \"{name}\" of type string in DATA_PARSER_{struct}")
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
            ctx.error(FAILED_QUERY, handler, "Rejecting request. Failure parsing query")
        return None
    return out


def allows_empty(type_):
    """The document's allowEmptyValue: true for the switches (a bare `?with_assocs` is true)."""
    return type_ in (BOOL_QUERY, OLD_SWITCH, EFLAG_QUERY)


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


_FALSE = {"n", "no", "f", "false", "off", "null", "~"}


def _truth(value):
    """A string as the reference's data_convert_type(DATA_TYPE_BOOL) reads it: yes/no words and
    numbers as themselves, null as false, any other text true."""
    text = value.strip().lower()
    if text in _FALSE:
        return False
    try:
        return float(text) != 0
    except ValueError:
        return True


def _bool(ctx, name, type_):
    value = ctx.query(name)
    if value is None:
        return None if type_ == OLD_SWITCH else False
    if value == "":  # a bare `?name` (true); `?name=` (false) reads the same here
        return True
    suffix = f": \"{value}\"" if ctx.parser.rules.bool_warning_names_value else ""
    ctx.warn(f"#/{name}/", "Expected OpenAPI type=boolean (Slurm type=boolean) but got OpenAPI "
                           f"type=string (Slurm type=string){suffix}")
    return _truth(value)


def _eflag(ctx, name, _):
    if "/" in name:  # "Exclude parent id/name": the reference reads the name as a path, never finding it
        return False
    value = ctx.query(name)
    return value is not None and (value == "" or _truth(value))


def _csv(ctx, name, _):
    values = ctx.request.query.get(name) or ()
    return [item for v in values for item in v.split(",") if item]


def _csv_ids(ctx, name, _):
    """Ids as the reference's association condition reads them: a name (a QOS's) is not resolved
    there, and the query fails without a word."""
    items = _csv(ctx, name, _)
    if any(not item.strip().isdigit() for item in items):
        raise _Refused()
    return items


_READERS = {TIMESTAMP: _timestamp, "flags": _flags, "string": _string, BOOL_QUERY: _bool,
            OLD_SWITCH: _bool, EFLAG_QUERY: _eflag, CSV: _csv, CSV_IDS: _csv_ids}
