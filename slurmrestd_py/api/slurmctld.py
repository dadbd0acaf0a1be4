"""slurmctld's operations for the parser versions (v0.0.40 on), version-neutral: ask the backend
for whole records, report errors as the reference's handlers do, and leave every shape to the
request's parser (ctx.parser)."""
from ..slurm.failure import SlurmFailure
from . import Operation
from .queries import FAILED_QUERY, show_flags, timestamp


def _query(ctx, handler):
    """update_time and flags of the list queries; None (errors reported) when they do not parse."""
    update = timestamp(ctx, "update_time")
    flags = show_flags(ctx, "flags")
    if update is None or flags is None:
        ctx.error(FAILED_QUERY, handler, "Rejecting request. Failure parsing query")
        return None
    return update, flags


def _load_partitions(ctx, update, flags):
    from ..slurm.partitions import partition_msg

    s = ctx.slurm
    return partition_msg(s.ffi, s.lib, update, flags)


def _partitions(ctx):
    query = _query(ctx, "op_handler_partitions")
    if query is None:
        return None
    try:
        return _load_partitions(ctx, *query)
    except SlurmFailure as e:
        ctx.fail(e.code)
        return None


def _partition(ctx):
    name = ctx.params["partition_name"]
    query = _query(ctx, "op_handler_partition")
    if query is None:
        return None
    update, flags = query
    try:
        msg = _load_partitions(ctx, update, flags or ctx.slurm.lib.SHOW_ALL)
    except SlurmFailure as e:
        ctx.error(e.code, "op_handler_partition", "Unable to query partitions")
        return None
    found = [p for p in msg["partitions"] if (p["name"] or "").lower() == name.lower()]
    if not found:
        ctx.error(FAILED_QUERY, "op_handler_partition", f"Unable to find partition {name}")
        return None
    return {"last_update": msg["last_update"], "partitions": found[:1]}


partitions = Operation(_partitions, kind="partitions")
partition = Operation(_partition, kind="partitions")
