"""Writes new in v0.0.44-45 with no payload of their own (the reference's openapi_resp: meta,
errors, warnings): POST new/node/ (v0.0.44 on; its body openapi_create_node_req) and DELETE
partition/{partition_name} (v0.0.45), DELETE reservation/{reservation_name} (v0.0.42 on 26.05,
v0.0.43 on)."""
from ..types import REQUIRED, STRING
from . import V42_ON, V44_ON, V45_ON
from .meta import FAILURE_SCHEMA, response


def objects(version):
    return {}


def responses(version, objects):
    out = {}
    if version in V44_ON:
        out["node_create"] = FAILURE_SCHEMA
        # the body: a "response" of one string (the reference's add_openapi_response_single)
        out["create_node_req"] = response("openapi_create_node_req", (
            ("node_conf", "node_conf", STRING, "Node configuration line", REQUIRED),
        ), version)
    if version in V45_ON:
        out["partition_delete"] = FAILURE_SCHEMA
    if version in V42_ON:  # DELETE reservation/{reservation_name}: 26.05's v0.0.42 on
        out["reservation_delete"] = FAILURE_SCHEMA
    return out
