"""Reservations (reserve_info_t), for GET reservations and reservation/{reservation_name}.

Rows: (path in the answer, field of the copied-out record, type, description[, versions]), in the
reference's order, with its published descriptions.
"""
from ..queries import TIMESTAMP
from ..types import REQUIRED, STRING, UINT32_NO_VAL, Flags, List, table
from . import UNTIL_V41, V40, V40_ON, V41, V41_ON, V42, V42_ON, V43, V43_ON, V44, V44_ON
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
# v0.0.44 on: NO_ANY_NODES, REPLACE_DOWN, NO_MAGNETIC, FORCE_START (26.05) and TRES_PER_NODE (24.11 on) besides
_ANY = _FLAGS.index(("ANY_NODES", "RESERVE_FLAG_ANY_NODES")) + 1
_HOLD = _FLAGS.index(("NO_HOLD_JOBS_AFTER_END", "RESERVE_FLAG_NO_HOLD_JOBS")) + 1
_MAGNETIC = _FLAGS.index(("MAGNETIC", "RESERVE_FLAG_MAGNETIC")) + 1
FLAGS_V44 = Flags("reservation_flags", _FLAGS[:_ANY] + [("NO_ANY_NODES", "RESERVE_FLAG_NO_ANY_NODES")]
                  + _FLAGS[_ANY:_HOLD] + [("REPLACE_DOWN", "RESERVE_FLAG_REPLACE_DOWN")] + _FLAGS[_HOLD:_MAGNETIC]
                  + [("NO_MAGNETIC", "RESERVE_FLAG_NO_MAGNETIC")] + _FLAGS[_MAGNETIC:]
                  + _USER_DELETE[:1] + [("FORCE_START", "RESERVE_FLAG_FORCE_START")] + _USER_DELETE[1:]
                  + _REOCCURRING + [("TRES_PER_NODE", "RESERVE_TRES_PER_NODE")])

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
    ("flags", "flags", FLAGS, "Flags associated with this reservation", V42 | V43),
    ("flags", "flags", FLAGS_V44, "Flags associated with this reservation", V44_ON),
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
    ("watts", lambda r: None, Removed(UINT32_NO_VAL), None, UNTIL_V41 | V42 | V43 | V44),
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
    return {"reservation": table("reservation_info", RESERVATION, version), **desc_objects(version)}


def responses(version, objects):
    return {
        **desc_responses(version, objects),
        "reservations": response("openapi_reservation_resp", (
            ("reservations", "reservations", List(objects["reservation"], "reservation_info_msg"),
             "List of reservations", REQUIRED),
            ("last_update", "last_update", TIMESTAMP_NO_VAL, "Time of last reservation change (UNIX timestamp)",
             REQUIRED, V40_ON),
        ), version),
    }


# -- POST reservation and reservations/ (v0.0.43 on): resv_desc_msg_t, read from a body and written
# back as the reference answers (RESERVATION_DESC_MSG, the same table both ways) --------------------
class _TresByType(List):
    """TRES_STR_BY_TYPE: a tres_str written as a TRES list. An empty list (or null) is no TRES;
    a TRES list to reserve is not read yet: refused with an error of ours (README)."""

    def dump(self, value):
        if value:  # not reached: ours never sends a tres_str
            raise NotImplementedError("tres_str of a reservation description")
        return []

    def parse(self, value, at, report):
        from ..parsing import CONVERSION_FAILED, EXPECTED_LIST, slurm_type

        if value is None or value == []:
            return None
        if not isinstance(value, list):
            report.fail(at, EXPECTED_LIST, f"TRES should be LIST but is type {slurm_type(value)}")
        report.fail(at, CONVERSION_FAILED, "slurmrestd-py does not read reservation TRES yet")


_NOVAL32 = " (32 bit integer number with flags)"
_TIME = (" (UNIX timestamp or time string recognized by Slurm (e.g., '[MM/DD[/YY]-]HH:MM[:SS]'); may "
         "also be infinite or unset) (64 bit integer number with flags)")
# v0.0.44 on name the flags 24.11 and 26.05 added (a release without one never sets it)
_FLAGS_V44 = [r for r in _FLAGS if r[0] != "NO_PURGE_COMP"]
_FLAGS_V44[_FLAGS_V44.index(("STATIC", "RESERVE_FLAG_STATIC")):0] = [("NO_ANY_NODES", "RESERVE_FLAG_NO_ANY_NODES")]
_FLAGS_V44[_FLAGS_V44.index(("MAGNETIC", "RESERVE_FLAG_MAGNETIC")):0] = [
    ("REPLACE_DOWN", "RESERVE_FLAG_REPLACE_DOWN"), ("NO_PURGE_COMP", "RESERVE_FLAG_NO_PURGE_COMP")]
_FLAGS_V44[_FLAGS_V44.index(("SKIP", "RESERVE_FLAG_SKIP")):0] = [("NO_MAGNETIC", "RESERVE_FLAG_NO_MAGNETIC")]
DESC_FLAGS_V44 = _FLAGS_V44 + [("USER_DELETE", "RESERVE_FLAG_USER_DEL"), ("FORCE_START", "RESERVE_FLAG_FORCE_START"),
                               ("NO_USER_DELETE", "RESERVE_FLAG_NO_USER_DEL")] + _REOCCURRING + [
    ("TRES_PER_NODE", "RESERVE_TRES_PER_NODE")]


def _desc_rows(version):
    from .nodes import CSV_STRING, HOSTLIST_STRING
    from .numbers import TIMESTAMP_IN
    from .tres import TRES

    flags = Flags(None, DESC_FLAGS_V44 if version in V44_ON else FLAGS.rows)
    return (
        ("accounts", "accounts", CSV_STRING, "List of permitted accounts"),
        ("burst_buffer", "burst_buffer", STRING, "BurstBuffer"),
        ("comment", "comment", STRING, "Arbitrary string"),
        ("core_count", "core_cnt", UINT32_NO_VAL, "Number of cores to reserve" + _NOVAL32),
        ("duration", "duration", UINT32_NO_VAL, "The length of a reservation in minutes" + _NOVAL32),
        ("end_time", "end_time", TIMESTAMP_IN, "EndTime (UNIX timestamp)" + _TIME),
        ("features", "features", STRING, "Requested node features. Multiple values may be \"&\" separated if all "
         "features are required (AND operation) or separated by \"|\" if any of the specified features are "
         "required (OR operation). Parenthesis are also supported for features to be ANDed together with "
         "counts of nodes having the specified features."),
        ("flags", "flags", flags, "Flags associated with this reservation. Note, to remove flags use \"NO_\" "
         "prefixed flag excluding NO_HOLD_JOBS_AFTER_END"),
        ("groups", "groups", CSV_STRING, "List of groups permitted to use the reservation. This is mutually "
         "exclusive with users."),
        ("licenses", "licenses", CSV_STRING, "List of license names"),
        ("max_start_delay", "max_start_delay", UINT32_NO_VAL, "MaxStartDelay in seconds" + _NOVAL32),
        ("name", "name", STRING, "ReservationName"),
        ("node_count", "node_cnt", UINT32_NO_VAL, "NodeCnt" + _NOVAL32),
        ("node_list", "node_list", HOSTLIST_STRING, "The nodes to be reserved. Multiple node names may be "
         "specified using simple node range expressions."),
        ("partition", "partition", STRING, "Partition used to reserve nodes from. This will attempt to allocate "
         "all nodes in the specified partition unless you request fewer resources than are available with "
         "core_cnt, node_cnt or tres."),
        ("purge_completed/time", "purge_comp_time", UINT32_NO_VAL, "If PURGE_COMP flag is set, the number of "
         "seconds this reservation will sit idle until it is revoked" + _NOVAL32),
        ("start_time", "start_time", TIMESTAMP_IN, "StartTime (UNIX timestamp)" + _TIME),
        ("tres", "tres_str", _TresByType(table("tres", TRES, version), "tres_list"), "List of trackable resources"),
        ("users", "users", CSV_STRING, "List of permitted users"),
    )


def desc_objects(version):
    if version not in V43_ON:
        return {}
    desc = table("reservation_desc_msg", _desc_rows(version), version)
    listed = List(desc, "reservation_desc_msg_list")
    return {"reservation_desc_msg": desc, "reservation_desc_list": listed,
            "reservation_mod_req": table("reservation_mod_req", (
                ("reservations", "reservations", listed, "Array of reservation descriptions"),
            ), version)}


def desc_responses(version, objects):
    if version not in V43_ON:
        return {}
    return {"reservation_mod": response("openapi_reservation_mod_resp", (
        ("reservations", "reservations", objects["reservation_desc_list"], "Reservation descriptions", REQUIRED),
    ), version)}
