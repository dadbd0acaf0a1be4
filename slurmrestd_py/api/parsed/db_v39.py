"""slurmdb operations of API v0.0.39 whose handlers (Slurm 23.02-24.05's openapi/dbv0.0.39) are not
the family's: POST config (below); and reads of cluster.c and wckeys.c, which read no query: GET clusters and cluster/{cluster_name} ask with deleted clusters and
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


# POST config: openapi/dbv0.0.39's _op_handler_config runs each kind's POST handler in this order on
# the one body, each reading its own key, stops at the first failure and commits when none failed
# (its TRES step does nothing there: release builds do not update TRES). The family's POST config
# (24.11 on) stops at TRES instead and never commits.
_CONFIG_STEPS = (("clusters", "post_clusters"), ("accounts", "post_accounts"), ("users", "post_users"),
                 ("qos", "post_qos"), ("wckeys", "post_wckeys"), ("associations", "post_associations"))


def _post_config(ctx):
    from . import db_writes
    from . import wckeys as family_wckeys

    body = ctx.body if isinstance(ctx.body, dict) else {}
    whole = ctx.__dict__.get("body")
    try:
        for key, name in _CONFIG_STEPS:
            if not body.get(key):  # nothing of this kind to load
                continue
            if key == "clusters":  # added now, committed with the rest (update_clusters without commit)
                ctx.__dict__["body"] = {"clusters": body[key]}
                parsed = db_writes.parse_body(ctx, "clusters")
                if parsed is None or not db_writes.add_clusters(ctx, parsed.get("clusters") or []):
                    break
                continue
            ctx.__dict__["body"] = {key: body[key]}
            handler = getattr(family_wckeys if key == "wckeys" else db_writes, name).handler
            handler(ctx)
            if ctx.rc:
                break
    finally:
        ctx.__dict__["body"] = whole
    return None


post_config = Operation(_post_config, body=("config", "Load all configuration information"))
