"""Reservations (reserve_info_t), for GET reservations and reservation/{reservation_name}.

Rows: (path in the answer, field of the copied-out record, type, description[, versions]), in the
reference's order, with its published descriptions.
"""
from ..queries import TIMESTAMP
from ..types import REQUIRED, STRING, UINT32_NO_VAL, Flags, List, table
from . import UNTIL_V41, V40, V41, V41_ON, V42_ON, V40_ON
from .meta import response
from .numbers import TIMESTAMP_NO_VAL, UINT32, Removed

_FLAGS = [
    ("MAINT", "RESERVE_FLAG_MAINT"), ("NO_MAINT", "RESERVE_FLAG_NO_MAINT"),
    ("DAILY", "RESERVE_FLAG_DAILY"), ("NO_DAILY", "RESERVE_FLAG_NO_DAILY"),
    ("WEEKLY", "RESERVE_FLAG_WEEKLY"), ("NO_WEEKLY", "RESERVE_FLAG_NO_WEEKLY"),
    ("IGNORE_JOBS", "RESERVE_FLAG_IGN_JOBS"), ("NO_IGNORE_JOBS", "RESERVE_FLAG_NO_IGN_JOB"),
    ("ANY_NODES", "RESERVE_FLAG_ANY_NODES"), ("STATIC", "RESERVE_FLAG_STATIC"),
    ("NO_STATIC", "RESERVE_FLAG_NO_STATIC"), ("PART_NODES", "RESERVE_FLAG_PART_NODES"),
    ("NO_PART_NODES", "RESERVE_FLAG_NO_PART_NODES"), ("OVERLAP", "RESERVE_FLAG_OVERLAP"),
    ("SPEC_NODES", "RESERVE_FLAG_SPEC_NODES"), ("TIME_FLOAT", "RESERVE_FLAG_TIME_FLOAT"),
    ("REPLACE", "RESERVE_FLAG_REPLACE"), ("ALL_NODES", "RESERVE_FLAG_ALL_NODES"),
    ("PURGE_COMP", "RESERVE_FLAG_PURGE_COMP"), ("WEEKDAY", "RESERVE_FLAG_WEEKDAY"),
    ("NO_WEEKDAY", "RESERVE_FLAG_NO_WEEKDAY"), ("WEEKEND", "RESERVE_FLAG_WEEKEND"),
    ("NO_WEEKEND", "RESERVE_FLAG_NO_WEEKEND"), ("FLEX", "RESERVE_FLAG_FLEX"), ("NO_FLEX", "RESERVE_FLAG_NO_FLEX"),
    ("DURATION_PLUS", "RESERVE_FLAG_DUR_PLUS"), ("DURATION_MINUS", "RESERVE_FLAG_DUR_MINUS"),
    ("NO_HOLD_JOBS_AFTER_END", "RESERVE_FLAG_NO_HOLD_JOBS"), ("NO_PURGE_COMP", "RESERVE_FLAG_NO_PURGE_COMP"),
    ("MAGNETIC", "RESERVE_FLAG_MAGNETIC"), ("SKIP", "RESERVE_FLAG_SKIP"), ("HOURLY", "RESERVE_FLAG_HOURLY"),
    ("NO_HOURLY", "RESERVE_FLAG_NO_HOURLY"),
]
_USER_DELETE = [("USER_DELETE", "RESERVE_FLAG_USER_DEL"), ("NO_USER_DELETE", "RESERVE_FLAG_NO_USER_DEL")]
# RESERVE_REOCCURRING: every one of its bits set
_REOCCURRING = [("REOCCURRING", ("RESERVE_FLAG_HOURLY|RESERVE_FLAG_DAILY|RESERVE_FLAG_WEEKLY|RESERVE_FLAG_WEEKDAY"
                                 "|RESERVE_FLAG_WEEKEND"))]
FLAGS_V40 = Flags("reservation_flags", _FLAGS + _REOCCURRING)  # v0.0.40 has no USER_DELETE
FLAGS = Flags("reservation_flags", _FLAGS + _USER_DELETE + _REOCCURRING)

CORE_SPEC = table("reservation_core_spec", (
    ("node", "node_name", STRING, "Name of reserved node"),
    ("core", "core_id", STRING, "IDs of reserved cores"),
))

RESERVATION = (
    ("accounts", "accounts", STRING, "Comma separated list of permitted accounts"),
    ("burst_buffer", "burst_buffer", STRING, "BurstBuffer"),
    ("core_count", "core_cnt", UINT32, "CoreCnt"),
    ("core_specializations", "core_spec", List(CORE_SPEC, "reservation_info_core_spec"),
     "Reserved cores specification"),
    ("end_time", "end_time", TIMESTAMP_NO_VAL, "EndTime (UNIX timestamp)"),
    ("features", "features", STRING, "Features"),
    ("flags", "flags", FLAGS_V40, "Flags associated with the reservation", V40),
    ("flags", "flags", FLAGS, "Flags associated with the reservation", V41),
    ("flags", "flags", FLAGS, "Flags associated with this reservation", V42_ON),
    ("groups", "groups", STRING, "Groups"),
    ("licenses", "licenses", STRING, "Licenses"),
    ("max_start_delay", "max_start_delay", UINT32, "MaxStartDelay in seconds"),
    ("name", "name", STRING, "ReservationName"),
    ("node_count", "node_cnt", UINT32, "NodeCnt"),
    ("node_list", "node_list", STRING, "Nodes"),
    ("partition", "partition", STRING, "PartitionName"),
    ("purge_completed/time", "purge_comp_time", UINT32_NO_VAL,
     "If PURGE_COMP flag is set, the number of seconds this reservation will sit idle before it is revoked", V40),
    ("purge_completed/time", "purge_comp_time", UINT32_NO_VAL,
     "If PURGE_COMP flag is set, the number of seconds this reservation will sit idle until it is revoked", V41_ON),
    ("start_time", "start_time", TIMESTAMP_NO_VAL, "StartTime (UNIX timestamp)"),
    # gone in 24.05: the reference writes an empty object
    ("watts", lambda r: None, Removed(UINT32_NO_VAL), None),
    ("tres", "tres_str", STRING, "Comma separated list of required TRES"),
    ("users", "users", STRING, "Comma separated list of permitted users"),
)

QUERIES = {
    "reservations": (
        ("update_time", TIMESTAMP, "Filter reservations since update timestamp", UNTIL_V41),
        ("update_time", TIMESTAMP, "Query reservations updated more recently than this time (UNIX timestamp)", V42_ON),
    ),
}


def objects(version):
    return {"reservation": table("reservation_info", RESERVATION, version)}


def responses(version, objects):
    return {
        "reservations": response("openapi_reservation_resp", (
            ("reservations", "reservations", List(objects["reservation"], "reservation_info_msg"),
             "List of reservations", REQUIRED),
            ("last_update", "last_update", TIMESTAMP_NO_VAL, "Time of last reservation change (UNIX timestamp)",
             REQUIRED, V40_ON),
        ), version),
    }
