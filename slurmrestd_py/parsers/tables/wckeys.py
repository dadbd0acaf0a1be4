"""slurmdb GET wckeys/ and wckey/{id} (their records: tables/wckey.py), and the names DELETE
wckey/{id} removed."""
from ..types import REQUIRED, List
from . import UNTIL_V41, V42_ON, wckey
from .clusters import STRING_LIST
from .meta import response


def objects(version):
    # the wckey table users/ write too (tables/wckey.py): one table per kind
    return {"wckeys": wckey.objects(version)["wckey"]}


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
    ("id", "csv", "CSV ID list", V42_ON),
    ("name", "csv", "CSV name list"),
    ("only_defaults", "bool", "Only query defaults"),
    ("usage_end", "string", "Usage end (UNIX timestamp)"),
    ("usage_start", "string", "Usage start (UNIX timestamp)"),
    ("user", "csv", "CSV user list"),
    ("with_usage", "bool", "Include usage"),
    ("with_deleted", "bool", "Include deleted wckeys", UNTIL_V41),
    ("with_deleted", "bool", "Include deleted WCKeys", V42_ON),
)}
