"""TRES (slurmdb_tres_rec_t), for slurmdb GET tres."""
from ..types import INT64, REQUIRED, STRING, List, table
from . import UNTIL_V41, V39, V40_ON, V42_ON
from .meta import response
from .numbers import UINT32

TRES = (
    ("type", "type", STRING, "TRES type (CPU, MEM, etc)", REQUIRED),
    ("name", "name", STRING, "TRES name (if applicable)"),
    ("id", "id", UINT32, "ID used in database", UNTIL_V41),
    ("id", "id", UINT32, "ID used in the database", V42_ON),
    ("count", "count", INT64, "TRES count (0 if listed generically)"),
)


def objects(version):
    return {"tres": table("tres", TRES, version)}


def responses(version, objects):
    return {"tres": response("openapi_tres_resp", (
        ("TRES", "TRES", List(objects["tres"], "tres_list"), "TRES", REQUIRED, V40_ON),
        ("tres", "TRES", List(objects["tres"], "tres_list"), "TRES", V39),
    ), version)}
