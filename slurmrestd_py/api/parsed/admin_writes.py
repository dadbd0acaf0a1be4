"""POST new/node/ (v0.0.44 on: the reference's op_handler_create_node), DELETE
partition/{partition_name} (v0.0.45: op_handler_partition's _partition_delete) and POST partitions/
(v0.0.45: op_handler_partitions' _partitions_mod). No payload."""
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


REJECTED = "Rejecting request. Failure parsing query"
INVALID_QUERY = 9000  # ESLURM_REST_INVALID_QUERY
# _warn_on_ignore_values(): the read-only fields a description may carry, by path, in its order
_IGNORED = (("cluster_name", "cluster"), ("cr_type", "select_type"), ("resume_timeout", "timeouts/resume"),
            ("suspend_time", "suspend_time"), ("suspend_timeout", "timeouts/suspend"), ("total_cpus", "cpus/total"),
            ("total_nodes", "nodes/total"), ("tres_fmt_str", "tres/configured"))


def _partition_desc(lib, parsed):
    """A parsed description's partition_info_t fields: Exclusive= and OverSubscribe= made flags
    and max_share (over slurm_init_part_desc_msg()'s NO_VAL16), nodesets appended to nodes (the
    RPC has no nodesets) unless "ALL"."""
    d = dict(parsed)
    zero_share, bits = d.pop("exclusive", None) or (False, 0)
    if bits:
        d["flags"] = d.get("flags", 0) | bits
    share = d.pop("oversubscribe", None)
    if share is not None:
        d["max_share"] = share
    elif zero_share:
        d["max_share"] = 0
    if d.get("nodesets") and d["nodesets"] != "ALL":
        d["nodes"] = f"{d['nodes']},{d['nodesets']}" if d.get("nodes") else d["nodesets"]
    return d


def _post_partitions(ctx):
    from ...slurm.writes import partition_write
    from .partitions import _load

    lib = ctx.slurm.lib
    body = {} if ctx.body is None else ctx.body  # no body: the reference reads an empty one
    report = Report(ctx)
    parsed = report.run(lambda: ctx.parser.responses["partitions_mod_req"].parse(body, "#/", report))
    if parsed is None:
        ctx.error(INVALID_QUERY, "_partitions_mod", REJECTED)
        return None
    if parsed.get("partitions") is None:
        ctx.error(INVALID_QUERY, "_partitions_mod", "A partition description must be provided.")
        return None
    try:
        existing = {p["name"] for p in _load(ctx, 0, 0)["partitions"]}
    except SlurmFailure as e:
        ctx.error(e.code, "slurm_load_partitions()", "Unable to query partitions")
        return None
    for index, item in enumerate(parsed["partitions"]):  # each is tried, whatever the others did
        name = item.get("name")
        if name is None:
            ctx.error(lib.ESLURM_INVALID_PARTITION_NAME, "_foreach_create_update_partition",
                      f"The partition description at index {index} must specify a name. Skipping")
            continue
        ignored = [path for field, path in _IGNORED if item.get(field)]
        if ignored:
            ctx.warn("_warn_on_ignore_values", f"The partition description at index {index} contains the "
                                               f"following ignored fields: {', '.join(ignored)}")
        # "default" updates the default partition's configuration; other names match exactly
        exists = name.lower() == "default" or name in existing
        try:
            partition_write(ctx.slurm.ffi, lib, _partition_desc(lib, item), create=not exists)
        except SlurmFailure as e:
            ctx.error(e.code, e.function, f"Failed to {'update' if exists else 'create'} partition {name} with "
                                          f"description at index {index}")
    return None


post_new_node = Operation(_create_node, kind="node_create", body=("create_node_req", "node create request"))
delete_partition = Operation(_delete_partition, kind="partition_delete")
post_partitions = Operation(_post_partitions, kind="partitions_mod", body=("partitions_mod_req", "partition description"))
