"""POST new/node/ (v0.0.44 on: the reference's op_handler_create_node) and DELETE
partition/{partition_name} (v0.0.45: op_handler_partition's _partition_delete). No payload."""
from ...parsers.parsing import EXPECT_STRING, Report, check, slurm_type, to_string
from ...slurm.failure import SlurmFailure
from .. import Operation

PATH_NOT_FOUND = 9200  # ESLURM_DATA_PATH_NOT_FOUND
# openapi_create_node_req's keys (a "response" of one string: meta, errors and warnings too)
_KNOWN = ("node_conf", "meta", "errors", "warnings")


def _create_node(ctx):
    from ...slurm.writes import create_node
    from .nodes import EXPECTED_DICT

    body = {} if ctx.body is None else ctx.body
    if not isinstance(body, dict):
        ctx.error(EXPECTED_DICT, "#/", f"Rejecting {slurm_type(body)} when dictionary expected")
        return None
    report = Report(ctx)
    if "node_conf" not in body:
        ctx.error(PATH_NOT_FOUND, "#/node_conf/", "Missing required field 'node_conf' in dictionary",
                  "Unable to resolve path")
        return None
    value = body["node_conf"]
    check(EXPECT_STRING, value, "#/node_conf/", report)
    text = None if value is None else to_string(value)
    if value is not None and text is None:  # a list or a dict: the parse fails without a word
        return None
    # then the keys it does not know, as the reference's parser warns of them after the fields
    for key, item in body.items():
        if key not in _KNOWN:
            ctx.warn(f"#/{key}/", f"Ignoring unknown field \"{key}\" of type {slurm_type(item)} in "
                                  "DATA_PARSER_OPENAPI_CREATE_NODE_REQ")
    if text is None:
        # A deliberate difference: the reference sends slurmctld a node line of NULL, which 26.05's
        # slurmctld dies of (seen on the test cluster); ours refuses it as a missing line (README)
        ctx.error(PATH_NOT_FOUND, "#/node_conf/", "Missing required field 'node_conf' in dictionary",
                  "Unable to resolve path")
        return None
    try:
        create_node(ctx.slurm.ffi, ctx.slurm.lib, text)
    except SlurmFailure as e:  # the reference reports errno, whatever the call returned
        ctx.error(e.errno, "_create_node", "Failure to create node")
    return None


def _delete_partition(ctx):
    from ...slurm.writes import delete_partition

    try:
        delete_partition(ctx.slurm.ffi, ctx.slurm.lib, ctx.params["partition_name"])
    except SlurmFailure as e:
        ctx.error(e.code, "slurm_delete_partition()", "Unable to delete partition")
    return None


post_new_node = Operation(_create_node, kind="node_create", body=("create_node_req", "node create request"))
delete_partition = Operation(_delete_partition, kind="partition_delete")
