"""Fair share (shares_response_msg_t and its assoc_shares_object_t), for GET shares.

Rows: (path in the answer, field of the copied-out record or a function of it, type, description[,
versions]), in the reference's order, with its published descriptions.
"""
import math

from ..queries import CSV
from ..types import FLOAT, FLOAT64_NO_VAL, STRING, UINT32_NO_VAL, UINT64_NO_VAL, Flags, List, Scalar, table
from . import UNTIL_V41, V42_ON
from .meta import response
from .numbers import UINT32, UINT64

_NO_VAL, _INFINITE = 0xFFFFFFFE, 0xFFFFFFFF


def _float128(value):
    # a long double whose (uint32_t) cast is NO_VAL or INFINITE is null, as the reference has it
    if value is None:
        return None
    if not math.isnan(value) and 0 <= value < 2 ** 32 and int(value) in (_NO_VAL, _INFINITE):
        return None
    return value


FLOAT128 = Scalar({"type": "number"}, _float128)

UINT64_TRES = table("shares_uint64_tres", (
    ("name", "name", STRING, "TRES name"),
    ("value", "value", UINT64_NO_VAL, "TRES value"),
))
FLOAT128_TRES = table("shares_float128_tres", (
    ("name", "name", STRING, "TRES name"),
    ("value", "value", FLOAT128, "TRES value"),
))
UINT64_TRES_LIST = List(UINT64_TRES, "shares_uint64_tres_list")
FLOAT128_TRES_LIST = List(FLOAT128_TRES, "shares_float128_tres_list")
SHARE_TYPE = Flags("assoc_shares_obj_wrap_type", [("USER", 1, "INFINITE16"), ("ASSOCIATION", 0, "INFINITE16")])


def _tres(field):
    return lambda s: [{"name": n, "value": v} for n, v in zip(s["_tres_names"], s[field])]


SHARE = (
    ("id", "assoc_id", UINT32, "Association ID"),
    ("cluster", "cluster", STRING, "Cluster name"),
    ("name", "name", STRING, "Share name"),
    ("parent", "parent", STRING, "Parent name"),
    ("partition", "partition", STRING, "Partition name"),
    ("shares_normalized", "shares_norm", FLOAT64_NO_VAL, "Normalized shares"),
    ("shares", "shares_raw", UINT32_NO_VAL, "Number of shares allocated"),
    ("tres/run_seconds", _tres("tres_run_secs"), UINT64_TRES_LIST,
     "Currently running tres-secs = grp_used_tres_run_secs"),
    ("tres/group_minutes", _tres("tres_grp_mins"), UINT64_TRES_LIST, "TRES-minute limit"),
    ("effective_usage", "usage_efctv", FLOAT, "Effective, normalized usage", UNTIL_V41),
    ("effective_usage", "usage_efctv", FLOAT64_NO_VAL, "Effective, normalized usage", V42_ON),
    ("usage_normalized", "usage_norm", FLOAT64_NO_VAL, "Normalized usage"),
    ("usage", "usage_raw", UINT64, "Measure of tresbillableunits usage"),
    ("tres/usage", _tres("usage_tres_raw"), FLOAT128_TRES_LIST, "Measure of each TRES usage"),
    ("fairshare/factor", "fs_factor", FLOAT, "Fairshare factor", UNTIL_V41),
    ("fairshare/factor", "fs_factor", FLOAT64_NO_VAL, "Fairshare factor", V42_ON),
    ("fairshare/level", "level_fs", FLOAT,
     ("Fairshare factor at this level; stored on an assoc as a long double, but that is not needed for display "
      "in sshare"), UNTIL_V41),
    ("fairshare/level", "level_fs", FLOAT64_NO_VAL,
     ("Fairshare factor at this level; stored on an assoc as a long double, but that is not needed for display "
      "in sshare"), V42_ON),
    ("type", "user", SHARE_TYPE, "User or account association"),
)


def _shares(msg):
    names = msg["tres_names"]
    return [{**s, "_tres_names": names} for s in msg["assoc_shares_list"] or ()]


# Documented, yet the reference reads them from the path's parameters, where they never are: every
# association is answered whatever they say (api/parsed/shares.py follows it)
QUERIES = {
    "shares": (
        ("accounts", CSV, "Accounts to query"),
        ("users", CSV, "Users to query"),
    ),
}


def objects(version):
    share = table("assoc_shares_obj_wrap", SHARE, version)
    return {"share": share, "shares": table("shares_resp_msg", (
        ("shares", _shares, List(share, "assoc_shares_obj_list"), "Association shares"),
        ("total_shares", "tot_shares", UINT64, "Total number of shares"),
    ), version)}


def responses(version, objects):
    from ..types import REQUIRED

    return {"shares": response("openapi_shares_resp", (
        ("shares", "shares", objects["shares"], "fairshare info", REQUIRED),
    ), version)}
