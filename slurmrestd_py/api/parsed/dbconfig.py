"""slurmdb GET and POST config (the reference's op_handler_config: _dump, and the update_*() chain
of the POST writes without their commits).

GET lists every kind of object through the GET handlers' loaders, with the reference's one
condition per kind (deleted ones, usage, associations and coordinators included); the first
failure ends it with no document. POST parses the whole document, then adds its clusters as POST
clusters/ does; the reference's next step, update_tres(), refuses in release builds without a word
(TRES ids could not be kept), which ends the chain before anything else is written and before any
commit: the request's changes are rolled back, whatever it answered."""
from .. import Operation
from ..db import connection
from . import accounts, associations, clusters, qos, users, wckeys
from .db import query_list
from .db_writes import add_clusters, parse_body

SOURCE = "_dump"


def _config(ctx):
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    with connection(ctx).c_lists() as lists:
        assoc_cond = lists.keep(ffi.new("slurmdb_assoc_cond_t *"))
        lib.srpy_assoc_cond_with(assoc_cond, 1, 1, 0, 0)  # deleted ones, usage
        lib.srpy_assoc_cond_more(assoc_cond, 0, 1, 1)  # raw QOS, sub-accounts
        account_cond = lists.keep(ffi.new("slurmdb_account_cond_t *", {"assoc_cond": assoc_cond}))
        lib.srpy_account_cond_with(account_cond, 1, 1, 1)
        qos_cond = lists.keep(ffi.new("slurmdb_qos_cond_t *"))
        lib.srpy_qos_cond_with(qos_cond, 1)
        steps = (
            ("clusters", lambda: clusters.records(ctx, lists.keep(ffi.new("slurmdb_cluster_cond_t *", {
                "flags": lib.NO_VAL, "with_deleted": 1, "with_usage": 1})), SOURCE)),
            ("tres", lambda: query_list(ctx, SOURCE, "slurmdb_tres_get", lists.keep(ffi.new(
                "slurmdb_tres_cond_t *", {"with_deleted": 1, "count": lib.NO_VAL})), "slurmdb_tres_rec_t *")),
            ("accounts", lambda: accounts.records(ctx, account_cond, SOURCE)),
            ("users", lambda: users.records(ctx, lists.keep(ffi.new("slurmdb_user_cond_t *", {
                "assoc_cond": assoc_cond, "with_deleted": 1, "with_assocs": 1, "with_coords": 1})), SOURCE)),
            ("qos", lambda: qos.records(ctx, qos_cond, SOURCE)),
            ("wckeys", lambda: wckeys.records(ctx, lists.keep(ffi.new("slurmdb_wckey_cond_t *", {
                "with_deleted": 1, "with_usage": 1})), SOURCE, ignore_empty=True)),
            ("associations", lambda: associations.records(ctx, assoc_cond, SOURCE)),
        )
        out = {}
        for key, load in steps:
            found = load()
            if found is None:
                return None  # nothing dumped after a failure
            out[key] = found
    out["instances"] = []  # the reference lists none (v0.0.45 has no such key: not written)
    return out


def _post_config(ctx):
    body = parse_body(ctx, "config")
    if body is None:
        return None
    connection(ctx).discard()  # the reference never commits (above)
    add_clusters(ctx, body.get("clusters") or [])
    return None


config = Operation(_config, kind="config")
post_config = Operation(_post_config, body=("config", "Add or update config"))
