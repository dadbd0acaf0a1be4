"""slurmdb GET wckeys/, GET and DELETE wckey/{id} (the reference's op_handler_wckeys and
op_handler_wckey, their _dump_wckeys and _delete_wckey)."""
from ...parsers import queries
from ...slurm.slurmdb import CLists
from .. import Operation
from .db import query_list

# The wckey condition's CSV lists a query fills (WCKEY_CONDITION)
_LISTS = (("cluster", "cluster_list"), ("id", "id_list"), ("name", "name_list"), ("user", "user_list"))
_SWITCHES = (("only_defaults", "only_defs"), ("with_deleted", "with_deleted"), ("with_usage", "with_usage"))


def _accounting(ffi, lib):
    """A wckey's usage records (with_usage): slurmdb_accounting_rec_t, TRES embedded."""
    from ...slurm.copy import copier
    from ...slurm.slurmdb_records import walk

    copy = copier(ffi, "slurmdb_accounting_rec_t")

    def extras(w, record):
        record["accounting"] = [copy(ffi.cast("slurmdb_accounting_rec_t *", a))
                                for a in walk(ffi, lib, w.accounting_list)]
    return extras


def _dump(ctx, lists, cond):
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    records = query_list(ctx, "_dump_wckeys", "slurmdb_wckeys_get", cond, "slurmdb_wckey_rec_t *",
                         extras=_accounting(ffi, lib))
    return None if records is None else {"wckeys": records}  # nothing dumped when the query failed


def _wckeys(ctx):
    query = queries.parse(ctx, "wckeys", "op_handler_wckeys")
    if query is None:
        return None
    ffi = ctx.slurm.ffi
    with CLists(ffi, ctx.slurm.lib) as lists:
        cond = ffi.new("slurmdb_wckey_cond_t *")
        for key, field in _LISTS:
            if query[key] is not None:
                setattr(cond, field, lists.clusters(query[key]) if key == "cluster" else lists.strings(query[key]))
        for key, field in _SWITCHES:
            setattr(cond, field, int(query[key]))
        return _dump(ctx, lists, cond)


def _name_cond(ctx, lists, name):
    cond = lists.keep(ctx.slurm.ffi.new("slurmdb_wckey_cond_t *"))
    cond.name_list = lists.strings([name])
    return cond


def _wckey(ctx):
    name = ctx.params["id"]
    if not name:
        ctx.error(queries.FAILED_QUERY, "op_handler_wckey", "wckey required for singular query")
        return None
    with CLists(ctx.slurm.ffi, ctx.slurm.lib) as lists:
        return _dump(ctx, lists, _name_cond(ctx, lists, name))


def _delete_wckey(ctx):
    with CLists(ctx.slurm.ffi, ctx.slurm.lib) as lists:
        names = query_list(ctx, "_delete_wckey", "slurmdb_wckeys_remove",
                           _name_cond(ctx, lists, ctx.params["id"]), "char *")
    return {"deleted_wckeys": names or []}  # the reference dumps it whatever happened


wckeys = Operation(_wckeys, kind="wckeys")
wckey = Operation(_wckey, kind="wckeys", query="wckey")
delete_wckey = Operation(_delete_wckey, kind="wckeys_removed", query="wckey")
