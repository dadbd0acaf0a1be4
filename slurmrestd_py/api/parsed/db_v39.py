"""slurmdb reads of API v0.0.39 whose handlers (Slurm 23.02-24.05's openapi/dbv0.0.39: cluster.c,
wckeys.c) read no query: GET clusters and cluster/{cluster_name} ask with deleted clusters and
usage; GET wckeys and wckey/{wckey} (a wckey by its name) with deleted ones. Their records are the
family's (api/parsed/clusters.py, wckeys.py), written by the v0.0.39 parser.
"""
from ...parsers import queries
from ...slurm.slurmdb import CLists
from .. import Operation
from . import clusters as _clusters_mod
from . import wckeys as _wckeys_mod

_EVERY = {"with_deleted": True, "with_usage": True, "cluster": []}  # its one cluster condition


def _clusters(ctx):
    return _clusters_mod._dump(ctx, None, _EVERY)


def _cluster(ctx):
    return _clusters_mod._dump(ctx, [ctx.params["cluster_name"]], _EVERY)


def _wckeys(ctx, name=None):
    """_dump_wckeys(): with deleted ones; the list is written even when the query failed."""
    ffi = ctx.slurm.ffi
    with CLists(ffi, ctx.slurm.lib) as lists:
        cond = lists.keep(ffi.new("slurmdb_wckey_cond_t *", {"with_deleted": 1}))
        if name is not None:
            cond.name_list = lists.strings([name])
        found = _wckeys_mod.records(ctx, cond, "_dump_wckeys")
    return {"wckeys": found or []}


def _wckey(ctx):
    name = ctx.params.get("wckey")
    if not name:
        ctx.error(queries.FAILED_QUERY, "op_handler_wckey", "wckey required for singular query")
        return None
    return _wckeys(ctx, name)


# query "v39_none": no query rows (its document lists no parameter for these)
clusters = Operation(_clusters, kind="clusters", query="v39_none")
cluster = Operation(_cluster, kind="clusters", query="v39_none")
wckeys = Operation(lambda ctx: _wckeys(ctx), kind="wckeys", query="v39_none")
wckey = Operation(_wckey, kind="wckeys", query="v39_none")
