"""The `update_time` query parameter of the v0.0.38 list endpoints (api.c's get_date_param)."""
from ..errors import REST_INVALID_QUERY, HandlerError
from ..parsers.queries import seconds as parse  # noqa: F401 - the one string -> int64 reading


def update_time(ctx):
    """0 when absent; a 400 with an empty errors[] (as the reference answers) when it is no number."""
    value = ctx.query("update_time")
    if value is None or ctx.plugin.rule("no_update_time"):  # v0.0.36 has none
        return 0
    seconds = parse(value)
    if seconds is None:
        raise HandlerError(REST_INVALID_QUERY[0])
    return seconds
