"""WCKeys (slurmdb_wckey_rec_t), for slurmdb GET wckeys/ and wckey/{id}, and the names DELETE
wckey/{id} removed."""
from . import UNTIL_V41, V40, V41_ON, V42
from ..types import INT64, STRING, Flags, List, REQUIRED, table
from .clusters import STRING_LIST
from .meta import response
from .numbers import UINT32, UINT64
from .tres import TRES

WCKEY_FLAGS = Flags("wckey_flags", [("DELETED", "SLURMDB_WCKEY_FLAG_DELETED")])


def accounting(version):
    """slurmdb_accounting_rec_t (usage records, with_usage)."""
    return table("accounting", (
        ("allocated/seconds", "alloc_secs", UINT64, "Number of cpu seconds allocated", UNTIL_V41),
        ("allocated/seconds", "alloc_secs", UINT64, "Number of seconds allocated", V42),
        ("id", "id", UINT32, "Association ID or Workload characterization key ID"),
        ("id_alt", "id_alt", UINT32, "Alternate ID (not currently used)", V42),
        ("start", "period_start", INT64, "When the record was started", UNTIL_V41),
        ("start", "period_start", INT64, "When the record was started (UNIX timestamp)", V42),
        ("TRES", "tres_rec", table("tres", TRES, version), "Trackable resources"),
    ), version)


def objects(version):
    return {"wckeys": table("wckey", (
        ("accounting", "accounting", List(accounting(version), "accounting_list"),
         "Accounting records containing related resource usage"),
        ("cluster", "cluster", STRING, "Cluster name", REQUIRED),
        ("id", "id", UINT32, "Unique ID for this user-cluster-wckey combination"),
        ("name", "name", STRING, "WCKey name", REQUIRED),
        ("user", "user", STRING, "User name", REQUIRED),
        ("flags", "flags", WCKEY_FLAGS, "Flags associated with the WCKey", V40),
        ("flags", "flags", WCKEY_FLAGS, "Flags associated with this WCKey", V41_ON),
    ), version)}


def responses(version, objects):
    return {
        "wckeys": response("openapi_wckey_resp", (
            ("wckeys", "wckeys", List(objects["wckeys"], "wckey_list"), "wckeys", REQUIRED),
        ), version),
        "wckeys_removed": response("openapi_wckey_removed_resp", (
            ("deleted_wckeys", "deleted_wckeys", STRING_LIST, "deleted wckeys", REQUIRED),
        ), version),
    }


QUERIES = {"wckey": (), "wckeys": (
    ("cluster", "csv", "CSV cluster name list"),
    ("format", "csv", "Ignored; process JSON manually to control output format"),
    ("id", "csv", "CSV id list", UNTIL_V41),
    ("id", "csv", "CSV ID list", V42),
    ("name", "csv", "CSV name list"),
    ("only_defaults", "bool", "Only query defaults"),
    ("usage_end", "string", "Usage end (UNIX timestamp)"),
    ("usage_start", "string", "Usage start (UNIX timestamp)"),
    ("user", "csv", "CSV user list"),
    ("with_usage", "bool", "Include usage"),
    ("with_deleted", "bool", "Include deleted wckeys", UNTIL_V41),
    ("with_deleted", "bool", "Include deleted WCKeys", V42),
)}
