"""WCKeys (slurmdb_wckey_rec_t), for slurmdb GET wckeys/ and wckey/{id}, and the names DELETE
wckey/{id} removed."""
from . import V40, V41_ON
from ..types import INT64, STRING, Flags, List, REQUIRED, table
from .clusters import STRING_LIST
from .meta import response
from .numbers import UINT32, UINT64
from .tres import TRES

WCKEY_FLAGS = Flags("wckey_flags", [("DELETED", "SLURMDB_WCKEY_FLAG_DELETED")])


def accounting(version):
    """slurmdb_accounting_rec_t (usage records, with_usage)."""
    return table("accounting", (
        ("allocated/seconds", "alloc_secs", UINT64, "Number of seconds allocated"),
        ("id", "id", UINT32, "Association ID or Workload characterization key ID"),
        ("id_alt", "id_alt", UINT32, "Alternate ID (not currently used)"),
        ("start", "period_start", INT64, "When the record was started (UNIX timestamp)"),
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


QUERIES = {"wckey": (), "wckeys_cond": (
    ("cluster", "csv", "CSV cluster name list"),
    ("id", "csv", "CSV ID list"),
    ("name", "csv", "CSV name list"),
    ("only_defaults", "bool", "Only query defaults"),
    ("user", "csv", "CSV user list"),
    ("with_usage", "bool", "Include usage"),
    ("with_deleted", "bool", "Include deleted WCKeys"),
), "wckeys": (
    ("cluster", "string", "CSV cluster name list"),
    ("format", "string", "Ignored; process JSON manually to control output format"),
    ("id", "string", "CSV ID list"),
    ("name", "string", "CSV name list"),
    ("only_defaults", "string", "Only query defaults"),
    ("usage_end", "string", "Usage end (UNIX timestamp)"),
    ("usage_start", "string", "Usage start (UNIX timestamp)"),
    ("user", "string", "CSV user list"),
    ("with_usage", "string", "Include usage"),
    ("with_deleted", "string", "Include deleted WCKeys"),
)}
