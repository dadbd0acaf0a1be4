"""GET nodes and one node (v0.0.38 nodes.c)."""
from . import Operation
from .load_failure import load_failure
from .update_time import update_time


def _nodes(ctx):
    with load_failure(ctx, "nodes"):
        records = ctx.slurm.nodes(update_time(ctx))
    return {"nodes": ctx.plugin.render("node", records)}


def _node(ctx):
    # One node: the reference ignores update_time (and never rejects it).
    return {"nodes": ctx.plugin.render("node", ctx.slurm.nodes(name=ctx.params["node_name"]))}


nodes = Operation(_nodes, {"nodes": []})
node = Operation(_node, {"nodes": []})
