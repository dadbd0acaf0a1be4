"""The `update_time` query parameter of the v0.0.38 list endpoints (api.c's get_date_param)."""
import re

from ..errors import REST_INVALID_QUERY, HandlerError

_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?([0-9]+\.[0-9]*|\.[0-9]+)")
_INT64_MAX = (1 << 63) - 1


def parse(value):
    """Seconds since the epoch from the query's text, or None when it is no number: integers
    (saturating at int64, as strtoll does) and plain decimals (truncated); not 1e3, 0x10, inf."""
    if _INT.fullmatch(value):
        return max(-_INT64_MAX - 1, min(_INT64_MAX, int(value)))
    if _FLOAT.fullmatch(value):
        return int(float(value))
    return None


def update_time(ctx):
    """0 when absent; a 400 with an empty errors[] (as the reference answers) when it is no number."""
    value = ctx.query("update_time")
    if value is None or ctx.plugin.rule("no_update_time"):  # v0.0.36 has none
        return 0
    seconds = parse(value)
    if seconds is None:
        raise HandlerError(REST_INVALID_QUERY[0])
    return seconds
