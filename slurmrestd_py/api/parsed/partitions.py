"""GET partitions and partition/{partition_name} (the reference's op_handler_partitions and
op_handler_partition)."""
from ...parsers import queries
from ...slurm.failure import SlurmFailure
from .. import Operation


def _load(ctx, update_time, flags):
    from ...slurm.partitions import partition_msg

    return partition_msg(ctx.slurm.ffi, ctx.slurm.lib, update_time, flags)


def _partitions(ctx):
    query = queries.parse(ctx, "partitions", ctx.parser.rules.source("partitions"))
    if query is None:
        return None
    try:
        return _load(ctx, query["update_time"], query.get("flags", ctx.slurm.lib.SHOW_ALL))
    except SlurmFailure as e:  # the reference's handler returns the code, with no errors[] entry
        ctx.fail(e.code)
        return None


def _partition(ctx):
    name = ctx.params["partition_name"]
    rules = ctx.parser.rules
    source = rules.source("partition")
    query = queries.parse(ctx, "partitions", source)
    if query is None:
        return None
    try:
        msg = _load(ctx, query["update_time"], query.get("flags") or ctx.slurm.lib.SHOW_ALL)
    except SlurmFailure as e:
        ctx.error(e.code, source, "Unable to query partitions")
        return None
    found = [p for p in msg["partitions"] if (p["name"] or "").lower() == name.lower()]
    if not found:
        if not rules.missing_is_warning:
            ctx.error(queries.FAILED_QUERY, source, f"Unable to find partition {name}")
            return None
        # 26.05 answers 200 with only the warning, which its schema (partitions and last_update
        # required) forbids: we follow the schema, with nothing found
        ctx.warn(source, f"Unable to find partition {name}")
        found = []
    return {"last_update": msg["last_update"], "partitions": found[:1]}


partitions = Operation(_partitions, kind="partitions")
partition = Operation(_partition, kind="partitions")
