"""GET partitions and one partition (v0.0.38 partitions.c)."""
from . import Operation
from .load_failure import load_failure
from .update_time import update_time


def _partitions(ctx):
    with load_failure(ctx, "partitions"):
        records = ctx.slurm.partitions(update_time(ctx))
    return {"partitions": ctx.plugin.render("partition", records)}


def _partition(ctx):
    name = ctx.params["partition_name"]
    return {"partitions": ctx.plugin.render("partition", ctx.slurm.partitions(update_time(ctx), name))}


partitions = Operation(_partitions, {"partitions": []})
partition = Operation(_partition, {"partitions": []})
