"""A job's resource layout (26.05's node_resource_layout_t, node_gres_layout_t), for GET
resources/{job_id}: v0.0.44 on.

Rows: (path in the answer, field of the copied-out record, type, description[, versions]), in the
reference's order, with its published descriptions.
"""
from ..types import REQUIRED, STRING, UINT32_NO_VAL, List, Scalar, table
from . import V44_ON
from .meta import response
from .numbers import UINT16, UINT64

# A bit string as the reference's BITSTR_PTR dumps it: ranges ("0-3,7"), null when there is none
BITSTR = Scalar({"type": "string"})

GRES_LAYOUT = (
    ("name", "name", STRING, "GRES name", REQUIRED),
    ("type", "type", STRING, "GRES type (optional)"),
    ("count", "count", UINT64, "Count"),
    ("index", "index", BITSTR, "Index"),
)
NODE_LAYOUT = (
    ("node", "node", STRING, "Node name", REQUIRED),
    ("sockets_per_node", "sockets_per_node", UINT16, "Sockets per node"),
    ("cores_per_socket", "cores_per_socket", UINT16, "Cores per socket"),
    ("mem_alloc", "mem_alloc", UINT64, "Allocated memory"),
    ("core_bitmap", "core_bitmap", STRING, "Abstract core bitmap"),
    ("channel", "channel", UINT32_NO_VAL, "IMEX channel"),
    ("gres", "gres", None, "Allocated GRES"),
)


def objects(version):
    if version not in V44_ON:
        return {}
    gres = List(table("node_gres_layout", GRES_LAYOUT, version), "node_gres_layout_list")
    rows = tuple((*r[:2], gres, *r[3:]) if r[0] == "gres" else r for r in NODE_LAYOUT)
    return {"node_resource_layout": table("node_resource_layout", rows, version)}


def responses(version, objects):
    if "node_resource_layout" not in objects:
        return {}
    nodes = List(objects["node_resource_layout"], "node_resource_layout_list")
    return {"resources": response("openapi_resource_layout_resp", (
        ("nodes", "nodes", nodes, "Node resource layouts", REQUIRED),
    ), version)}
