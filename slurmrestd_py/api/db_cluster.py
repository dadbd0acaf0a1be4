"""slurmdbd's catalogue: TRES, QOS, clusters, wckeys, and the whole configuration (GET/POST /config).

POSTs follow the reference's handlers, each able to run alone (committing) or as a step of
POST /config (which commits once, after every step). Deliberate difference: the reference's POST
/clusters adds the items parsed so far even when one fails to parse (its return code is overwritten
by the add's), and commits them; here a bad item fails the request and nothing is written.
"""
from . import Operation
from .db import (ESLURM_REST_EMPTY_RESULT, ESLURM_REST_INVALID_QUERY, Reply, body_list, each_dict,
                 posting, with_deleted)
from .db_accounts import association_query, post_accounts, post_associations, post_users
from .db_parse import CLUSTER, QOS, WCKEY, Env
from ..errors import NotModified
from ..slurm.slurmdb import DbError


ESLURM_NOT_SUPPORTED = 2036
SLURM_NO_CHANGE_IN_DATA = 1900



def _tres(ctx):
    r = Reply(ctx)
    try:
        r.data["TRES"] = ctx.plugin.render("tres", r.db.tres())
    except DbError as e:  # the reference's _dump_tres reports it and answers 200 all the same
        r.errors.extend(e.entries())
    return r.done()


def _qos(ctx):
    r = Reply(ctx)
    flag = with_deleted(r)
    qos_all = r.call(r.db.qos_list, flag)
    r.data["QOS"] = []
    try:
        records = r.db.qos_records(ctx.params.get("qos_name"), qos_all=qos_all)
    except DbError as e:  # a failed TRES read: the reference's _dump_qos reports it, answers 200
        r.errors.extend(e.entries())
        return r.done()
    r.data["QOS"] = ctx.plugin.render("qos", records)
    return r.done()


def post_tres(r, commit):
    """Slurm 22.05 release builds refuse TRES updates; inside POST /config the step does nothing."""
    if commit:
        r.error(ESLURM_NOT_SUPPORTED, "Updating TRES is not currently supported.")
        r.fail(ESLURM_NOT_SUPPORTED)


def post_qos(r, commit):
    """Each QOS is modified when one has its id and/or name, added otherwise."""
    items = body_list(r, "QOS")
    if items is None:
        r.fail(ESLURM_REST_INVALID_QUERY)
    env = Env(r.call(r.db.tres), r.call(r.db.all_qos, False))
    for item in each_dict(r, items, "each QOS entry must be a dictionary"):
        fields = r.parse(QOS, item, env)
        name, qos_id = fields.get("name"), fields.get("id", 0)
        found = r.db.qos_matching(name, qos_id) if (qos_id or name) else 0
        if not found and qos_id:
            r.error(ESLURM_REST_INVALID_QUERY, "QOS was not found for the requested ID",
                    "_foreach_update_qos")
            r.fail(ESLURM_REST_INVALID_QUERY)
        elif not found and not name:
            r.error(ESLURM_REST_INVALID_QUERY, "Cannot create a QOS without a name",
                    "_foreach_update_qos")
            r.fail(ESLURM_REST_INVALID_QUERY)
        elif not found:
            r.item(r.db.add_qos, fields)
        elif found > 1:
            r.error(ESLURM_REST_INVALID_QUERY, "ambiguous modify request", "_foreach_update_qos")
            r.fail(ESLURM_REST_INVALID_QUERY)
        else:
            r.item(r.db.modify_qos, name, qos_id, fields)
    if commit:
        r.call(r.db.commit)


def _delete_qos(ctx):
    r = Reply(ctx)
    removed = r.call(r.db.remove_qos, ctx.params["qos_name"])
    r.data["removed_qos"] = removed
    r.call(r.db.commit)
    return r.done()


def _clusters(ctx):
    r = Reply(ctx)
    r.data["clusters"] = []
    r.data["clusters"] = ctx.plugin.render("cluster",
                                           r.call(r.db.clusters, ctx.params.get("cluster_name")))
    return r.done()


def post_clusters(r, commit):
    """Without a "clusters" list the reference still adds (nothing) and succeeds; so do we."""
    items = body_list(r, "clusters")
    env = Env(r.call(r.db.tres))
    clusters = [r.parse(CLUSTER, item, env)
                for item in each_dict(r, items or (), "each cluster entry must be a dictionary")]
    r.call(r.db.add_clusters, clusters)
    if commit:
        r.call(r.db.commit)


def _delete_cluster(ctx):
    """The reference's removal condition matches no cluster: slurmdbd answers "no change", which
    the reference sends as a bare 304 (and a failure such as a denied permission as a 500)."""
    r = Reply(ctx)
    r.data["deleted_clusters"] = []
    try:
        removed = r.call(r.db.remove_clusters, ctx.params["cluster_name"])
    except DbError as e:
        if e.rc == SLURM_NO_CHANGE_IN_DATA:
            raise NotModified() from None
        raise
    r.call(r.db.commit)
    r.data["deleted_clusters"] = removed
    return r.done()


def _wckeys(ctx):
    r = Reply(ctx)
    r.data["wckeys"] = []
    r.data["wckeys"] = ctx.plugin.render("wckey", r.call(r.db.wckeys, ctx.params.get("wckey")))
    return r.done()


def post_wckeys(r, commit):
    items = body_list(r, "wckeys")
    if items is None:
        r.fail(ESLURM_REST_INVALID_QUERY)
    wckeys = []
    for item in items:
        if not isinstance(item, dict):
            # the reference's one errors[] entry in another shape
            r.errors.append({"field": "wckey", "error": "each wckey entry must be a dictionary"})
            r.fail(ESLURM_REST_INVALID_QUERY)
        wckeys.append(r.parse(WCKEY, item, Env()))
    r.call(r.db.add_wckeys, wckeys)
    if commit:
        r.call(r.db.commit)


def _delete_wckey(ctx):
    r = Reply(ctx)
    r.data["deleted_wckeys"] = []
    removed = r.call(r.db.remove_wckeys, ctx.params["wckey"])
    r.call(r.db.commit)
    r.data["deleted_wckeys"] = removed
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


CONFIG_STEPS = (post_clusters, post_tres, post_accounts, post_users, post_qos, post_wckeys,
                post_associations)


def _post_config(ctx):
    """Every POST in the reference's order on the one document, uncommitted; then one commit, or
    none after any error (an empty result excepted), so the import is all or nothing."""
    r = Reply(ctx)
    for step in CONFIG_STEPS:
        try:
            step(r, commit=False)
        except DbError as e:
            if e.rc != ESLURM_REST_EMPTY_RESULT:
                r.error(e.rc, "refusing to commit after error")
                r.fail(e.rc)
    r.call(r.db.commit)
    return r.done()


tres = Operation(_tres)
qos = Operation(_qos, {"QOS": []})
clusters = Operation(_clusters, {"clusters": []})
wckeys = Operation(_wckeys, {"wckeys": []})
config = Operation(_config)
add_tres = Operation(posting(post_tres))
add_qos = Operation(posting(post_qos))
delete_qos = Operation(_delete_qos)
add_clusters = Operation(posting(post_clusters))
delete_cluster = Operation(_delete_cluster, {"deleted_clusters": []})
add_wckeys = Operation(posting(post_wckeys))
delete_wckey = Operation(_delete_wckey, {"deleted_wckeys": []})
set_config = Operation(_post_config)
