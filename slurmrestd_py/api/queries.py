"""Query parameters of the parser versions, parsed as the reference's data_parser reads them:
a failure is reported (error 9202 with the parameter's path as source) and yields None."""
from .update_time import parse as _seconds

FAILED_QUERY = 9000  # ESLURM_REST_INVALID_QUERY
CONVERSION_FAILED = 9202  # ESLURM_DATA_CONV_FAILED
INVALID_FLAG = 9207  # ESLURM_DATA_FLAGS_INVALID: 23.02 on; 22.05's libslurm has no text for it
INVALID_FLAG_TEXT = "Data parser unable to parse invalid flag"

SHOW_FLAGS = (("ALL", "SHOW_ALL"), ("DETAIL", "SHOW_DETAIL"), ("MIXED", "SHOW_MIXED"),
              ("LOCAL", "SHOW_LOCAL"), ("SIBLING", "SHOW_SIBLING"), ("FEDERATION", "SHOW_FEDERATION"),
              ("FUTURE", "SHOW_FUTURE"))


def timestamp(ctx, name):
    """Seconds (0 when absent), or None after reporting why not."""
    value = ctx.query(name)
    if value is None:
        return 0
    seconds = _seconds(value) if ctx.parser.rules.query_timestamps else None
    if seconds is None:
        ctx.error(CONVERSION_FAILED, f"#/{name}/", f"Parsing of {value} for timestamp failed")
    return seconds


def show_flags(ctx, name):
    """The show_flags bits the query names (every value, comma-separated too), or None."""
    values = ctx.request.query.get(name) or ()
    lib = ctx.slurm.lib
    bits = 0
    items = [item for value in values for item in value.split(",")]
    for i, item in enumerate(items):
        match = next((const for flag, const in SHOW_FLAGS if flag.lower() == item.strip().lower()), None)
        if match is None:
            ctx.error(INVALID_FLAG, f"#/{name}[{i}]/", f"Unknown flag \"{item}\"", INVALID_FLAG_TEXT)
            if ctx.parser.rules.bad_flag_rejects_query:
                why = f"Parsing single flag \"{item}\" failed" if len(items) == 1 else "Parsing flags failed"
                ctx.error(INVALID_FLAG, f"#/{name}/", why, INVALID_FLAG_TEXT)
                return None
            continue
        bits |= getattr(lib, match)
    return bits
