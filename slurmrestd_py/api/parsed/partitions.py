"""GET partitions and partition/{partition_name} (the reference's op_handler_partitions and
op_handler_partition)."""
from ...parsers import queries
from ...slurm.failure import SlurmFailure
from .. import Operation


def _load(ctx, update_time, flags):
    from ...slurm.partitions import partition_msg

    return partition_msg(ctx.slurm.ffi, ctx.slurm.lib, update_time, flags)


def _partitions(ctx):
    query = queries.parse(ctx, "partitions", "op_handler_partitions")
    if query is None:
        return None
    try:
        return _load(ctx, query["update_time"], query["flags"])
    except SlurmFailure as e:  # the reference's handler returns the code, with no errors[] entry
        ctx.fail(e.code)
        return None


def _partition(ctx):
    name = ctx.params["partition_name"]
    query = queries.parse(ctx, "partitions", "op_handler_partition")
    if query is None:
        return None
    try:
        msg = _load(ctx, query["update_time"], query["flags"] or ctx.slurm.lib.SHOW_ALL)
    except SlurmFailure as e:
        ctx.error(e.code, "op_handler_partition", "Unable to query partitions")
        return None
    found = [p for p in msg["partitions"] if (p["name"] or "").lower() == name.lower()]
    if not found:
        ctx.error(queries.FAILED_QUERY, "op_handler_partition", f"Unable to find partition {name}")
        return None
    return {"last_update": msg["last_update"], "partitions": found[:1]}


partitions = Operation(_partitions, kind="partitions")
partition = Operation(_partition, kind="partitions")
