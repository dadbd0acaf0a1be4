"""WCKeys (slurmdb_wckey_rec_t) and their accounting records (slurmdb_accounting_rec_t), as users'
`wckeys` write them. Shared with slurmdb GET wckeys (owned elsewhere): one table per kind."""
from ..types import INT64, REQUIRED, STRING, Flags, List, table
from . import V40, V41, V42_ON, UNTIL_V41
from .numbers import UINT32
from .tres import TRES

WCKEY_FLAGS = Flags("wckey_flags", [("DELETED", "SLURMDB_WCKEY_FLAG_DELETED")])

ACCOUNTING = (
    ("allocated/seconds", "alloc_secs", INT64, "Number of cpu seconds allocated", UNTIL_V41),
    ("allocated/seconds", "alloc_secs", INT64, "Number of seconds allocated", V42_ON),
    ("id", "id", UINT32, "Association ID or Workload characterization key ID"),
    ("id_alt", "id_alt", UINT32, "Alternate ID (not currently used)", V42_ON),
    ("start", "period_start", INT64, "When the record was started", UNTIL_V41),
    ("start", "period_start", INT64, "When the record was started (UNIX timestamp)", V42_ON),
    ("TRES", "tres_rec", None, "Trackable resources"),  # the TRES object: see objects()
)

WCKEY = (
    ("accounting", "accounting_list", None, "Accounting records containing related resource usage"),
    ("cluster", "cluster", STRING, "Cluster name", REQUIRED),
    ("id", "id", UINT32, "Unique ID for this user-cluster-wckey combination"),
    ("name", "name", STRING, "WCKey name", REQUIRED),
    ("user", "user", STRING, "User name", REQUIRED),
    ("flags", "flags", WCKEY_FLAGS, "Flags associated with the WCKey", V40 | V41),
    ("flags", "flags", WCKEY_FLAGS, "Flags associated with this WCKey", V42_ON),
)


def _with(rows, **types):
    return tuple((r[0], r[1], types.get(r[1], r[2]), *r[3:]) for r in rows)


def objects(version):
    tres = table("tres", TRES, version)
    accounting = table("accounting", _with(ACCOUNTING, tres_rec=tres), version)
    wckey = table("wckey", _with(WCKEY, accounting_list=List(accounting, "accounting_list")), version)
    return {"wckey": wckey, "accounting": accounting, "tres": tres}


def responses(version, objects):
    return {}
