"""slurmdb GET clusters/, GET and DELETE cluster/{cluster_name} (the reference's op_handler_clusters
and op_handler_cluster, their _dump_clusters and _delete_cluster)."""
from ...parsers import queries
from ...slurm.slurmdb import CLists
from .. import Operation
from .db import query_list, query_removed, tres_list


def _cluster_extras(ffi):
    from ...slurm.copy import copier

    root = copier(ffi, "slurmdb_assoc_rec_t")

    def extras(c, record):
        record["root_assoc"] = None if c.root_assoc == ffi.NULL else root(c.root_assoc)
    return extras


def _cond(ctx, lists, names, query=None):
    """The reference's condition: flags NO_VAL (any flags); from a query (GET clusters/): the CSV
    cluster list and the with_deleted and with_usage switches."""
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    cond = lists.keep(ffi.new("slurmdb_cluster_cond_t *", {"flags": lib.NO_VAL}))
    if query:
        cond.with_deleted = int(query["with_deleted"])
        cond.with_usage = int(query["with_usage"])
        if query["cluster"]:
            names = query["cluster"]
    if names is not None:
        cond.cluster_list = lists.clusters(names)
    return cond


def records(ctx, cond, caller):
    """The clusters of `cond` as the parser writes them (their TRES resolved), or None after
    reporting the failure (also GET config's)."""
    records = query_list(ctx, caller, "slurmdb_clusters_get", cond, "slurmdb_cluster_rec_t *",
                         extras=_cluster_extras(ctx.slurm.ffi))
    for r in records or ():
        r["tres"] = tres_list(ctx, r["tres_str"])
    return records


def _dump(ctx, names, query=None):
    with CLists(ctx.slurm.ffi, ctx.slurm.lib) as lists:
        found = records(ctx, _cond(ctx, lists, names, query), "_dump_clusters")
    return {"clusters": found or []}  # the reference dumps the list even when the query failed


def _clusters(ctx):
    query = queries.parse(ctx, "cluster", "op_handler_clusters")
    if query is None:
        return None
    return _dump(ctx, None, query)


def _cluster(ctx):
    # the reference reads only the path (its documented query parameters are GET clusters/')
    return _dump(ctx, [ctx.params["cluster_name"]])


def _delete_cluster(ctx):
    ffi = ctx.slurm.ffi
    with CLists(ffi, ctx.slurm.lib) as lists:
        names = query_removed(ctx, "_delete_cluster", "slurmdb_clusters_remove",
                           _cond(ctx, lists, [ctx.params["cluster_name"]]))
    return None if names is None else {"deleted_clusters": names}


clusters = Operation(_clusters, kind="clusters")
cluster = Operation(_cluster, kind="clusters", query="cluster")
delete_cluster = Operation(_delete_cluster, kind="clusters_removed", query="cluster")
