"""Reservations as the reference's v0.0.38 `reservations[]` records
(src/plugins/openapi/v0.0.38/reservations.c)."""
from . import convert
from .failure import check_load, failure

# The reference's names, in its order (reservation_flags_string()'s words); PURGE_COMP is
# rendered as `purge_completed` instead.
_FLAGS = (
    ("MAINT", "MAINT"), ("NO_MAINT", "NO_MAINT"), ("FLEX", "FLEX"), ("OVERLAP", "OVERLAP"),
    ("IGN_JOBS", "IGNORE_JOBS"), ("HOURLY", "HOURLY"), ("NO_HOURLY", "NO_HOURLY"),
    ("DAILY", "DAILY"), ("NO_DAILY", "NO_DAILY"), ("WEEKDAY", "WEEKDAY"), ("WEEKEND", "WEEKEND"),
    ("WEEKLY", "WEEKLY"), ("NO_WEEKLY", "NO_WEEKLY"), ("SPEC_NODES", "SPEC_NODES"),
    ("ALL_NODES", "ALL_NODES"), ("ANY_NODES", "ANY_NODES"), ("NO_ANY_NODES", "NO_ANY_NODES"),
    ("STATIC", "STATIC"), ("NO_STATIC", "NO_STATIC"), ("PART_NODES", "PART_NODES"),
    ("NO_PART_NODES", "NO_PART_NODES"), ("FIRST_CORES", "FIRST_CORES"),
    ("TIME_FLOAT", "TIME_FLOAT"), ("REPLACE", "REPLACE"), ("REPLACE_DOWN", "REPLACE_DOWN"),
    ("NO_HOLD_JOBS", "NO_HOLD_JOBS_AFTER_END"), ("MAGNETIC", "MAGNETIC"),
    ("NO_MAGNETIC", "NO_MAGNETIC"),
)


def load_reservations(ffi, lib, update_time=0, name=None):
    """Every reservation, or those named `name` (case-insensitive), copied out.
    Raises NotModified, or HandlerError as the reference reports."""
    msg = ffi.new("reserve_info_msg_t **")
    try:
        rc = lib.slurm_load_reservations(update_time, msg)
        m = msg[0]
        count = m.record_count if m != ffi.NULL else 0
        # For one reservation, none at all is "invalid" whatever the load said (but errno's
        # "no change" still wins: the reference looks at it last).
        if name is not None and count == 0:
            rc = lib.ESLURM_RESERVATION_INVALID
        check_load(rc)
        resvs = [m.reservation_array + i for i in range(count)]
        if name is not None:
            resvs = [r for r in resvs if convert.string(ffi, r.name, "").lower() == name.lower()]
            if not resvs:
                raise failure(lib.ESLURM_RESERVATION_INVALID)
        return [_reservation(ffi, lib, r) for r in resvs]
    finally:
        if msg[0] != ffi.NULL:
            lib.slurm_free_reservation_info_msg(msg[0])


def _reservation(ffi, lib, r):
    s = lambda ptr: convert.string(ffi, ptr, "")  # noqa: E731 - NULL prints as ""
    record = {
        "flags": [name for flag, name in _FLAGS if r.flags & getattr(lib, "RESERVE_FLAG_" + flag)],
        "accounts": s(r.accounts),
        "burst_buffer": s(r.burst_buffer),
        "core_count": r.core_cnt,
        "core_spec_cnt": r.core_spec_cnt,
        "end_time": r.end_time,
        "features": s(r.features),
        "groups": s(r.groups),
        "licenses": s(r.licenses),
        "max_start_delay": r.max_start_delay,
        "name": s(r.name),
        "node_count": r.node_cnt,
        "node_list": s(r.node_list),
        "partition": s(r.partition),
    }
    if r.flags & lib.RESERVE_FLAG_PURGE_COMP:
        record["purge_completed"] = {"time": r.purge_comp_time}
    record.update({
        "start_time": r.start_time,
        "watts": lib.srpy_resv_watts(r),
        "tres": s(r.tres_str),
        "users": s(r.users),
    })
    return record


def _core_specs(ffi):
    from .copy import array, copier

    spec = copier(ffi, "resv_core_spec_t")

    def extras(c, record):
        record["core_spec"] = array(c.core_spec, c.core_spec_cnt, spec) if c.core_spec != ffi.NULL else []
    return extras


_EXTRAS = []


def reservation_msg(ffi, lib, update_time):
    """slurm_load_reservations() copied out whole: {"last_update", "reservations": [records]}, the
    records keyed by reserve_info_t's own fields (core_spec: its resv_core_spec_t list). Raises
    SlurmFailure."""
    from .copy import array, copier
    from .failure import SlurmFailure

    if not _EXTRAS:
        _EXTRAS.append(_core_specs(ffi))
    msg = ffi.new("reserve_info_msg_t **")
    try:
        SlurmFailure.check(lib.slurm_load_reservations(update_time, msg), "slurm_load_reservations")
        m = msg[0]
        if m == ffi.NULL:
            return None
        return {"last_update": m.last_update,
                "reservations": array(m.reservation_array, m.record_count,
                                      copier(ffi, "reserve_info_t", _EXTRAS[0]))}
    finally:
        if msg[0] != ffi.NULL:
            lib.slurm_free_reservation_info_msg(msg[0])
