"""slurmdb GET wckeys/, GET and DELETE wckey/{id} (the reference's op_handler_wckeys and
op_handler_wckey, their _dump_wckeys and _delete_wckey)."""
from ...parsers import queries
from ...slurm.slurmdb import CLists
from .. import Operation
from .db import query_list, query_rc, query_removed

PATH_NOT_FOUND = 9200  # ESLURM_DATA_PATH_NOT_FOUND ("Unable to resolve path": 22.05 has no text for it)
# The wckey condition's CSV lists a query fills (WCKEY_CONDITION)
_LISTS = (("cluster", "cluster_list"), ("id", "id_list"), ("name", "name_list"), ("user", "user_list"))
_SWITCHES = (("only_defaults", "only_defs"), ("with_deleted", "with_deleted"), ("with_usage", "with_usage"))


def _accounting(ffi, lib):
    """A wckey's usage records (with_usage): slurmdb_accounting_rec_t, TRES embedded."""
    from ...slurm.copy import copier
    from ...slurm.slurmdb_records import walk

    copy = copier(ffi, "slurmdb_accounting_rec_t")

    def extras(w, record):
        record["accounting_list"] = [copy(ffi.cast("slurmdb_accounting_rec_t *", a))
                                for a in walk(ffi, lib, w.accounting_list)]
    return extras


def records(ctx, cond, caller, ignore_empty=False):
    """The wckeys of `cond` (usage too), or None after reporting the failure (also GET config's)."""
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    return query_list(ctx, caller, "slurmdb_wckeys_get", cond, "slurmdb_wckey_rec_t *", ignore_empty=ignore_empty,
                      extras=_accounting(ffi, lib))


def _dump(ctx, lists, cond):
    found = records(ctx, cond, "_dump_wckeys")
    return None if found is None else {"wckeys": found}  # nothing dumped when the query failed


def _wckeys(ctx):
    query = queries.parse(ctx, "wckeys", "op_handler_wckeys")
    if query is None:
        return None
    ffi = ctx.slurm.ffi
    with CLists(ffi, ctx.slurm.lib) as lists:
        cond = ffi.new("slurmdb_wckey_cond_t *")
        for key, field in _LISTS:
            if query[key]:
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
        names = query_removed(ctx, "_delete_wckey", "slurmdb_wckeys_remove",
                           _name_cond(ctx, lists, ctx.params.get("id") or ctx.params.get("wckey")))
    return {"deleted_wckeys": names or []}  # the reference dumps it whatever happened


def _flag_bits(ctx, path, names, flags):
    """The bits of a body's flag names; None after reporting an unknown one, as the reference's parser."""
    by_name = {row[0].lower(): row[1] for row in flags.rows}
    bits = 0
    for j, name in enumerate(names if isinstance(names, list) else [names]):
        const = by_name.get(str(name).lower())
        if const is None:
            ctx.error(queries.INVALID_FLAG, f"{path}flags[{j}]/", f"Unknown flag \"{name}\"", queries.INVALID_FLAG_TEXT)
            if ctx.parser.rules.bad_flag_rejects_query:  # v0.0.40 says so a second time, of the list
                ctx.error(queries.INVALID_FLAG, f"{path}flags/", "Parsing flags failed", queries.INVALID_FLAG_TEXT)
            return None
        bits |= getattr(ctx.slurm.lib, const)
    return bits


def _post_wckeys(ctx):
    """Add the body's wckeys in one slurmdb_wckeys_add() (all of them or none); committed when it
    succeeds. A body with none is a warning."""
    from ...parsers.tables.wckey import WCKEY_FLAGS

    body = ctx.body if isinstance(ctx.body, dict) else {}
    if "wckeys" not in body:
        ctx.error(PATH_NOT_FOUND, "#/wckeys/", "Missing required field 'wckeys' in dictionary", "Unable to resolve path")
        return None
    items = body["wckeys"]
    if not items or not isinstance(items, list):
        ctx.warn("_update_wckeys", f"ignoring empty or {ctx.parser.rules.nonexistent} wckeys array for update")
        return None
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    with CLists(ffi, lib) as lists:
        c_list = lists.new()
        for i, item in enumerate(items):
            item = item if isinstance(item, dict) else {}
            rec = lists.keep(ffi.new("slurmdb_wckey_rec_t *"))
            lib.slurmdb_init_wckey_rec(rec, False)
            rec.accounting_list = lists.new()
            for field in ("cluster", "name", "user"):
                if item.get(field) is not None:
                    setattr(rec, field, lists.cstr(str(item[field])))
            if "flags" in item:
                bits = _flag_bits(ctx, f"#/wckeys[{i}]/", item["flags"], WCKEY_FLAGS)
                if bits is None:
                    return None
                rec.flags = bits
            lib.slurm_list_append(c_list, rec)
        query_rc(ctx, "update_wckeys", "slurmdb_wckeys_add", c_list)
    return None


wckeys = Operation(_wckeys, kind="wckeys")
post_wckeys = Operation(_post_wckeys, query="wckeys", body=("wckeys", "wckeys description"))
wckey = Operation(_wckey, kind="wckeys", query="wckey")
delete_wckey = Operation(_delete_wckey, kind="wckeys_removed", query="wckey")
