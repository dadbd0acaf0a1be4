"""POST reservation and reservations/ (v0.0.43 on: 26.05's op_handler_reservation's
_mod_reservation and op_handler_reservations' _mod_reservations): each description creates the
reservation it names, or updates it when one of that name (case-blind) exists; the answer
repeats the descriptions as read. DELETE reservation/{reservation_name} (26.05's _delete_resv:
v0.0.42 there, v0.0.43 on; no payload)."""
from ...parsers.parsing import Report
from ...parsers.queries import FAILED_QUERY
from ...slurm.failure import SlurmFailure
from .. import Operation

NO_LIST = "No reservation descriptions specified in reservations array"
REJECTED = "Rejecting request. Failure parsing parameters"
# The reference's note when a create without nodes named finds none to take
_SINGLE_PARTITION = ("Error creating reservation %s. Note, unless nodes are directly requested a reservation must "
                     "exist in a single partition. If no partition is requested the default partition is assumed.")


def _desc(ctx, parsed):
    """The description's C fields over slurm_init_resv_desc_msg()'s (flags: NO_VAL64 when none)."""
    from ...slurm.writes import resv_desc_defaults

    out = {**resv_desc_defaults(ctx.slurm.ffi, ctx.slurm.lib), **parsed}
    if not out.get("flags"):
        out["flags"] = ctx.slurm.lib.NO_VAL64
    return out


def _validate(lib, d):
    """validate_resv_create_desc(): the reason a create is refused before slurmctld is asked, or
    None (it may add PART_NODES and node_list "ALL", as Slurm's does)."""
    no_val, no_val64 = lib.NO_VAL, lib.NO_VAL64
    # time_t is signed: null (NO_VAL64) reads as -2 here
    start, end = (t - (1 << 64) if t >= 1 << 63 else t for t in (d["start_time"], d["end_time"]))
    if start == no_val:
        return "A start time must be given.  No reservation created."
    if end == no_val and d["duration"] == no_val:
        return "An end time or duration must be given.  No reservation created."
    if end != no_val and d["duration"] != no_val and start + d["duration"] * 60 != end:
        return "StartTime + Duration does not equal EndTime.  No reservation created."
    if start > end and end != no_val:
        return "Start time cannot be after end time.  No reservation created."

    def add_part_nodes():
        d["flags"] = lib.RESERVE_FLAG_PART_NODES if d["flags"] == no_val64 else d["flags"] | lib.RESERVE_FLAG_PART_NODES

    if d["partition"] is not None and d["node_list"] is not None and d["node_list"].lower() == "all":
        add_part_nodes()
    if d["flags"] != no_val64 and d["flags"] & lib.RESERVE_FLAG_PART_NODES and \
            (not d["partition"] or (d["node_list"] or "").lower() != "all"):
        return "PART_NODES flag requires specifying a Partition and ALL nodes.  No reservation created."
    reoccurring = (lib.RESERVE_FLAG_HOURLY | lib.RESERVE_FLAG_DAILY | lib.RESERVE_FLAG_WEEKLY
                   | lib.RESERVE_FLAG_WEEKDAY | lib.RESERVE_FLAG_WEEKEND)
    if d["flags"] != no_val64 and d["flags"] & lib.RESERVE_FLAG_FORCE_START and not d["flags"] & reoccurring:
        return "FORCE_START flag requires a reoccuring reservation. No reservation created."
    if d["core_cnt"] in (0, no_val) and not d["burst_buffer"] and d["node_cnt"] in (0, no_val) \
            and not d["node_list"] and not d["licenses"] and not d["tres_str"]:
        if d["partition"] is None:
            return "CoreCnt, Nodes, NodeCnt, TRES or Watts must be specified.  No reservation created."
        add_part_nodes()
        d["node_list"] = "ALL"
    # (qos and allowed_parts: 25.05's, no description field sets them)
    if not d["users"] and not d["groups"] and not d["accounts"]:
        return ("Either Users/Groups, AllowedPartitions, QOS and/or Accounts must be specified.  No reservation "
                "created.")
    if d["users"] is not None and d["groups"] is not None:
        return ("Users and Groups are mutually exclusive.  You can have one or the other, but not both.  No "
                "reservation created.")
    return None


def _create_or_update(ctx, d, names):
    """_create_or_update_each_resv(): 0, or the code reported."""
    from ...slurm.writes import reservation_write

    lib = ctx.slurm.lib
    if d["name"].lower() in names:
        try:
            reservation_write(ctx.slurm.ffi, lib, d, create=False)
        except SlurmFailure as e:
            code = e.errno or e.rc
            ctx.error(code, "slurm_update_reservation", f"Error updating reservation {d['name']}")
            return code
        return 0
    why = _validate(lib, d)
    if why is not None:
        ctx.error(lib.ESLURM_RESERVATION_INVALID, "validate_resv_create_desc", why)
        return lib.ESLURM_RESERVATION_INVALID
    try:
        reservation_write(ctx.slurm.ffi, lib, d, create=True)
    except SlurmFailure as e:
        code = e.errno
        if code in (lib.ESLURM_REQUESTED_NODE_CONFIG_UNAVAILABLE, lib.ESLURM_NODES_BUSY) and not d["node_list"]:
            ctx.error(code, "slurm_create_reservation", _SINGLE_PARTITION % d["name"])
        else:
            ctx.error(code, "slurm_create_reservation", f"Error creating reservation  {d['name']}")
        return code
    return 0


def _names(ctx):
    """The existing reservations' names (lower case), or None once the failure is reported."""
    from .reservations import _load

    msg, failed = _load(ctx, 0)
    if failed:
        ctx.error(failed.code, "slurm_load_reservations()", "Unable to query reservations")
        return None
    return {(r["name"] or "").lower() for r in (msg or {}).get("reservations", ())}


def _answer(ctx, descs):
    no_val64 = ctx.slurm.lib.NO_VAL64
    return {"reservations": [{**d, "flags": 0 if d["flags"] == no_val64 else d["flags"]} for d in descs]}


def _post_reservation(ctx):
    lib = ctx.slurm.lib
    body = {} if ctx.body is None else ctx.body  # no body: the reference reads an empty one
    report = Report(ctx)
    parsed = report.run(lambda: ctx.parser.objects["reservation_desc_msg"].parse(body, "#/", report))
    if parsed is None:
        ctx.error(FAILED_QUERY, "_parse_resv_desc", REJECTED)
        ctx.rc = FAILED_QUERY  # the handler returns its own code: the status follows it
        return None
    d = _desc(ctx, parsed)
    if d["name"] is None:
        ctx.error(lib.ESLURM_RESERVATION_INVALID, "_mod_reservation", "Reservation must be given.")
        return None
    names = _names(ctx)
    # an error reported while parsing (an unknown flag) leaves the write done, but no answer
    if names is None or _create_or_update(ctx, d, names) or ctx.errors:
        return None
    return _answer(ctx, [d])


def _post_reservations(ctx):
    lib = ctx.slurm.lib
    source = "_parse_resv_desc_list"
    body = {} if ctx.body is None else ctx.body  # no body: the reference reads an empty one
    report = Report(ctx)
    parsed = report.run(lambda: ctx.parser.objects["reservation_mod_req"].parse(body, "#/", report))
    if parsed is None:
        ctx.error(FAILED_QUERY, source, REJECTED)
        ctx.rc = FAILED_QUERY
        return None
    items = parsed.get("reservations")
    if items is None:
        ctx.error(FAILED_QUERY, source, NO_LIST)
        return None
    if not items:
        ctx.warn(source, NO_LIST)
    descs = [_desc(ctx, item) for item in items]
    if any(d["name"] is None for d in descs):
        ctx.error(lib.ESLURM_RESERVATION_INVALID, "_check_resv_name", "Reservation must be given")
        return None
    names = _names(ctx)
    if names is None:
        return None
    failed = False
    for d in descs:  # each is tried, as list_for_each() goes on after a failure
        failed = bool(_create_or_update(ctx, d, names)) or failed
    return None if failed or ctx.errors else _answer(ctx, descs)


def _delete_reservation(ctx):
    from ...slurm.writes import delete_reservation

    name = ctx.params["reservation_name"]
    try:
        delete_reservation(ctx.slurm.ffi, ctx.slurm.lib, name)
    except SlurmFailure as e:
        ctx.error(e.code, "slurm_delete_reservation", f"Error deleting reservation {name}")
    return None


post_reservation = Operation(_post_reservation, kind="reservation_mod",
                             body=("reservation_desc_msg", "reservation description"))
post_reservations = Operation(_post_reservations, kind="reservation_mod",
                              body=("reservation_mod_req", "reservation descriptions"))
delete_reservation = Operation(_delete_reservation, kind="reservation_delete", rule="reservation_delete")
