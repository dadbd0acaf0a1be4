"""slurmdb GET and DELETE associations/ and association/ (the reference's op_handler_associations
and op_handler_association: _dump_assoc_cond, _delete_assoc)."""
from ...parsers import queries
from ...parsers.tables.associations import QUERY_STRUCTS, SWITCHES
from .. import Operation
from ..db import connection
from .db import query_list, query_removed, resolved_assocs

ESLURM_DATA_AMBIGUOUS_QUERY = 9211
ESLURM_DATA_AMBIGUOUS_MODIFY = 9210


def _query(ctx, kind, handler):
    """The association condition of the query, filled into a C struct inside `lists`' lifetime, or
    None when the query is refused (the reference then answers nothing more)."""
    return queries.parse(ctx, kind, handler, struct=QUERY_STRUCTS[kind], quiet=True)


def _switch(query, what):
    return any(query.get(name) for name in SWITCHES[what])


def _cond(ctx, query, lists):
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    cond = ffi.new("slurmdb_assoc_cond_t *")
    lists.keep(cond)
    lib.srpy_assoc_cond_with(cond, _switch(query, "deleted"), _switch(query, "usage"), _switch(query, "wopi"),
                             _switch(query, "wopl"))
    lib.srpy_assoc_cond_more(cond, _switch(query, "only_defs"), _switch(query, "raw_qos"),
                             _switch(query, "sub_accts"))
    for field, name in (("acct_list", "account"), ("cluster_list", "cluster"), ("def_qos_id_list", "default_qos"),
                        ("format_list", "format"), ("id_list", "id"), ("parent_acct_list", "parent_account"),
                        ("partition_list", "partition"), ("qos_list", "qos"), ("user_list", "user")):
        if query.get(name):  # (v0.0.45 has no `format`)
            setattr(cond, field, lists.strings(query[name]))
    start, end = query["usage_start"], query["usage_end"]
    if start and not end:
        import time

        end = int(time.time())
    elif start > end:
        start, end = end, start
    cond.usage_start, cond.usage_end = start, end
    return cond


def _dump(ctx, kind, only_one):
    query = _query(ctx, kind, ctx.parser.rules.source(kind))
    if query is None:
        # The reference answers 200 with no `associations` at all (an id or QOS that is not a
        # number), which its schema forbids: we follow the schema, with none (README)
        return None if ctx.errors else {"associations": []}
    with connection(ctx).c_lists() as lists:
        found = query_list(ctx, "_dump_assoc_cond", "slurmdb_associations_get", _cond(ctx, query, lists),
                           "slurmdb_assoc_rec_t *", extras=_extras())
    if found is None:
        return {"associations": []}
    if only_one and len(found) > 1:
        ctx.error(ESLURM_DATA_AMBIGUOUS_QUERY, "_dump_assoc_cond",
                  "Ambiguous request: More than 1 association would have been dumped.")
        found = []
    return {"associations": resolved_assocs(ctx, found)}


def records(ctx, cond, caller):
    """The associations of `cond` as the parser writes them, or None after reporting the failure
    (GET config's)."""
    found = query_list(ctx, caller, "slurmdb_associations_get", cond, "slurmdb_assoc_rec_t *", extras=_extras())
    return None if found is None else resolved_assocs(ctx, found)


def _extras():
    from ...slurm.slurmdb_copy import assoc

    return assoc


def _delete(ctx, kind, only_one):
    query = _query(ctx, kind, ctx.parser.rules.source(kind.split("_")[0], "DELETE"))
    if query is None:
        return None
    with connection(ctx).c_lists() as lists:
        removed = query_removed(ctx, "_delete_assoc", "slurmdb_associations_remove", _cond(ctx, query, lists))
    if removed is None:
        ctx.error(ctx.rc, "_delete_assoc", "remove associations failed")
        return None
    if only_one and len(removed) > 1:
        ctx.error(ESLURM_DATA_AMBIGUOUS_MODIFY, "_delete_assoc",
                  "ambiguous request: More than 1 association would have been deleted.")
        return None
    return {"removed_associations": removed}


associations = Operation(lambda ctx: _dump(ctx, "associations", False), kind="associations")
association = Operation(lambda ctx: _dump(ctx, "association", True), kind="association")
delete_associations = Operation(lambda ctx: _delete(ctx, "associations_delete", False), kind="associations_delete")
delete_association = Operation(lambda ctx: _delete(ctx, "association_delete", True), kind="association_delete")
