"""GET partitions and one partition (v0.0.38 partitions.c)."""
from . import Operation
from .update_time import update_time


def _partitions(ctx):
    return {"partitions": ctx.plugin.render("partition", ctx.slurm.partitions(update_time(ctx)))}


def _partition(ctx):
    name = ctx.params["partition_name"]
    return {"partitions": ctx.plugin.render("partition", ctx.slurm.partitions(update_time(ctx), name))}


partitions = Operation(_partitions, {"partitions": []})
partition = Operation(_partition, {"partitions": []})
