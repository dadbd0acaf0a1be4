"""What the slurmdbd handlers of the parser versions share: the request's connection and the
reference's db_query_list() habits (its messages name the call and the connection's address)."""
from ...slurm.failure import SlurmFailure
from ..db import connection


def query_list(ctx, caller, func, cond, ctype, ignore_empty=False, extras=None):
    """Records of a slurmdb_*_get copied out whole (`extras` as copy.copier's), or None after
    reporting the failure; an empty result is a warning ("found nothing") unless `ignore_empty`."""
    db = connection(ctx)
    try:
        records = db.query_list(func, cond, ctype, extras)
    except SlurmFailure as e:
        ctx.error(e.rc, caller, f"{func}{_address(ctx, db, '')} failed")
        return None
    if not records and not ignore_empty:
        ctx.warn(caller, f"{func}{_address(ctx, db, '()')} found nothing")
    return records


def query_removed(ctx, caller, func, cond):
    """What a slurmdb_*_remove removed (names), or None after reporting the failure as the
    reference's db_query_list() does; nothing removed is a warning. The request then commits if
    it succeeds, and rolls back if not."""
    db = connection(ctx)
    try:
        removed = db.query_removed(func, cond)
    except SlurmFailure as e:
        ctx.error(e.rc, caller, f"{func}{_address(ctx, db, '')} failed")
        return None
    if not removed:
        ctx.warn(caller, f"{func}{_address(ctx, db, '()')} found nothing")
    return removed


# -- what the reference's parser loads to write TRES and QOS by name (its "prerequisites") ------
_TRES_FIELDS = ("grp_tres", "grp_tres_mins", "grp_tres_run_mins", "max_tres_run_mins", "max_tres_mins_pj",
                "max_tres_pj", "max_tres_pn")


def _loaded(ctx, what, load):
    cache = ctx.__dict__.setdefault("_db_lists", {})
    if what not in cache:
        cache[what] = load()
    return cache[what]


def tres_by_id(ctx):
    def load():
        ffi = ctx.slurm.ffi
        cond = ffi.new("slurmdb_tres_cond_t *", {"with_deleted": 1, "count": ctx.slurm.lib.NO_VAL})
        try:
            records = connection(ctx).query_list("slurmdb_tres_get", cond, "slurmdb_tres_rec_t *")
        except SlurmFailure:
            records = []
        return {t["id"]: t for t in records}
    return _loaded(ctx, "tres", load)


def qos_by_id(ctx):
    def load():
        ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
        cond = ffi.new("slurmdb_qos_cond_t *")
        lib.srpy_qos_cond_with(cond, 1)
        try:
            records = connection(ctx).query_list("slurmdb_qos_get", cond, "slurmdb_qos_rec_t *")
        except SlurmFailure:
            records = []
        return {q["id"]: q for q in records}
    return _loaded(ctx, "qos", load)


def tres_list(ctx, text):
    """A TRES string of the database ("1=10,4=2") as TRES records, type and name found by id."""
    if not text:
        return []
    known = tres_by_id(ctx)
    out = []
    for item in text.split(","):
        ident, _, count = item.partition("=")
        try:
            ident, count = int(ident), int(count)
        except ValueError:
            continue
        t = known.get(ident, {})
        out.append({"type": t.get("type"), "name": t.get("name"), "id": ident, "count": count})
    return out


def qos_name(ctx, ident):
    """A QOS id as the reference writes it: its name, else its id, "" for none."""
    if not ident or ident == ctx.slurm.lib.INFINITE:
        return ""
    q = qos_by_id(ctx).get(ident)
    if q is None:
        return "Unknown"
    return q["name"] or str(q["id"])


def resolved_assocs(ctx, records):
    """Associations with their TRES strings, QOS ids and default QOS resolved for the parser."""
    for r in records:
        for f in _TRES_FIELDS:
            r[f] = tres_list(ctx, r.get(f))
        r["def_qos_id"] = qos_name(ctx, r.get("def_qos_id"))
        if r.get("qos_list") is not None:
            r["qos_list"] = [qos_name(ctx, int(q.lstrip("+-"))) if q.lstrip("+-").isdigit() else q
                             for q in r["qos_list"]]
    return records


def _address(ctx, db, otherwise):
    """How the reference's messages name the connection after the function's name."""
    return f"(0x{db.handle:x})" if ctx.parser.rules.db_messages_name_connection else otherwise


def query_rc(ctx, caller, func, c_list):
    """A slurmdb_*_add(conn, list) as the reference's db_query_rc(): False after reporting its
    failure ("slurmdb_x_add(0x..) failed" / 26.05: "slurmdb_x_add() failed")."""
    db = connection(ctx)
    conn = db._db(func)
    db._wrote = True
    rc = getattr(ctx.slurm.lib, func)(conn, c_list)
    if rc:
        ctx.error(rc, caller, f"{func}{_address(ctx, db, '()')} failed")
        return False
    return True
