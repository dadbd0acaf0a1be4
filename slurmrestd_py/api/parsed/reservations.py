"""GET reservations and reservation/{reservation_name} (24.11's op_handler_reservations and
op_handler_reservation; 26.05's _get_reservations and _get_single_reservation)."""
from ...parsers import queries
from ...slurm.failure import SlurmFailure
from .. import Operation

# The reference's handlers, as errors[] name them, by Rules.sources
_SOURCES = {"op_handler": ("op_handler_reservations", "op_handler_reservation"),
            "method": ("_get_reservations", "_get_single_reservation"),
            "op_handler_v0039": ("_op_handler_reservations", "_op_handler_reservations")}
_LOAD = "slurm_load_reservations()"


def _load(ctx, update_time):
    from ...slurm.reservations import reservation_msg

    try:
        return reservation_msg(ctx.slurm.ffi, ctx.slurm.lib, update_time), None
    except SlurmFailure as e:
        return None, e


def _reservations(ctx):
    source = _SOURCES[ctx.parser.rules.sources][0]
    query = queries.parse(ctx, "reservations", source)
    if query is None:
        return None
    msg, failed = _load(ctx, query["update_time"])
    if failed:  # SLURM_NO_CHANGE_IN_DATA among them: a 304
        ctx.error(failed.code, _LOAD, "Unable to query reservations")
        return None
    return msg or {"last_update": 0, "reservations": []}


def _reservation(ctx):
    name = ctx.params["reservation_name"]
    source = _SOURCES[ctx.parser.rules.sources][1]
    query = queries.parse(ctx, "reservations", source)
    if query is None:
        return None
    msg, failed = _load(ctx, query["update_time"])
    if failed or not msg or not msg["reservations"]:
        # none at all: the reference reports it with return code 0 (and so answers 200), with no
        # payload, which its schema (reservations and last_update required) forbids: we follow the
        # schema, nothing found (a repair, README)
        code = failed.code if failed else 0
        ctx.error(code, _LOAD, "Unable to query reservations")
        return {"last_update": msg["last_update"] if msg else 0, "reservations": []} if code == 0 else None
    found = [r for r in msg["reservations"] if (r["name"] or "").lower() == name.lower()]
    if not found:
        ctx.error(queries.FAILED_QUERY, source, f"Unable to find reservation {name}")
        return None
    return {"last_update": msg["last_update"], "reservations": found[:1]}


reservations = Operation(_reservations, kind="reservations")
reservation = Operation(_reservation, kind="reservations")
