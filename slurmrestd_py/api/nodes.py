"""GET nodes and one node (v0.0.38 nodes.c)."""
from . import Operation
from .update_time import update_time


def _nodes(ctx):
    return {"nodes": ctx.plugin.render("node", ctx.slurm.nodes(update_time(ctx)))}


def _node(ctx):
    # One node: the reference ignores update_time (and never rejects it).
    return {"nodes": ctx.plugin.render("node", ctx.slurm.nodes(name=ctx.params["node_name"]))}


nodes = Operation(_nodes, {"nodes": []})
node = Operation(_node, {"nodes": []})
