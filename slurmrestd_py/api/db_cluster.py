"""slurmdbd's catalogue: TRES, QOS, clusters, wckeys, and the whole configuration (GET /config)."""
from . import Operation
from .db import ESLURM_REST_EMPTY_RESULT, Reply, with_deleted
from .db_accounts import association_query
from ..slurm.slurmdb import DbError


def _tres(ctx):
    r = Reply(ctx)
    r.data["TRES"] = ctx.plugin.render("tres", r.call(r.db.tres))
    return r.done()


def _qos(ctx):
    r = Reply(ctx)
    flag = with_deleted(r)
    r.data["QOS"] = []
    name = ctx.params.get("qos_name")
    records = r.call(r.db.qos_records, name, flag)
    r.data["QOS"] = ctx.plugin.render("qos", records)
    return r.done()


def _clusters(ctx):
    r = Reply(ctx)
    r.data["clusters"] = []
    r.data["clusters"] = ctx.plugin.render("cluster",
                                           r.call(r.db.clusters, ctx.params.get("cluster_name")))
    return r.done()


def _wckeys(ctx):
    r = Reply(ctx)
    r.data["wckeys"] = []
    r.data["wckeys"] = ctx.plugin.render("wckey", r.call(r.db.wckeys, ctx.params.get("wckey")))
    return r.done()


def _config(ctx):
    """Every dump in the reference's order; an empty one is no failure, any other error ends it."""
    r = Reply(ctx)
    deleted = bool(ctx.plugin.rule("always_with_deleted"))
    steps = (("clusters", lambda: r.db.clusters(None), "cluster"),
             ("TRES", r.db.tres, "tres"),
             ("accounts", lambda: r.db.accounts(None, deleted), "account"),
             ("users", lambda: r.db.users(None, deleted), "user"),
             ("QOS", lambda: r.db.qos_records(None, deleted), "qos"),
             ("wckeys", lambda: r.db.wckeys(None), "wckey"),
             ("associations", lambda: r.db.associations_records(**association_query(ctx)),
              "association"))
    for key, fetch, kind in steps:
        if key != "TRES" and key != "associations":
            r.data[key] = []
        try:
            r.data[key] = ctx.plugin.render(kind, fetch())
        except DbError as e:
            r.errors.extend(e.entries())
            if e.rc != ESLURM_REST_EMPTY_RESULT:
                r.fail(e.rc)
    return r.done()


tres = Operation(_tres)
qos = Operation(_qos, {"QOS": []})
clusters = Operation(_clusters, {"clusters": []})
wckeys = Operation(_wckeys, {"wckeys": []})
config = Operation(_config)

FAMILY = "slurmdb"
OPERATIONS = (
    ("GET", "tres", tres),
    ("GET", "qos", qos),
    ("GET", "qos/{qos_name}", qos),
    ("GET", "clusters", clusters),
    ("GET", "cluster/{cluster_name}", clusters),
    ("GET", "wckeys", wckeys),
    ("GET", "wckey/{wckey}", wckeys),
    ("GET", "config", config),
)
