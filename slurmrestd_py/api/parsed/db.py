"""What the slurmdbd handlers of the parser versions share: the request's connection and the
reference's db_query_list() habits (its messages name the call and the connection's address)."""
from ...slurm.failure import SlurmFailure
from ..db import connection


def query_list(ctx, caller, func, cond, ctype, ignore_empty=False, extras=None):
    """Records of a slurmdb_*_get copied out whole (`extras` as copy.copier's), or None after
    reporting the failure; an empty result is a warning ("found nothing") unless `ignore_empty`.
    A slurmdb_*_remove (ctype "char *") gives the names it removed."""
    db = connection(ctx)
    try:
        records = db.query_list(func, cond, ctype, extras)
    except SlurmFailure as e:
        ctx.error(e.rc, caller, f"{func}{_address(ctx, db, '')} failed")
        return None
    if not records and not ignore_empty:
        ctx.warn(caller, f"{func}{_address(ctx, db, '()')} found nothing")
    return records


def tres_names(ctx):
    """{id: TRES record} of every TRES (deleted ones too), as the reference's parser reads them to
    name the TRES of a TRES string; {} when they cannot be read."""
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    cond = ffi.new("slurmdb_tres_cond_t *", {"with_deleted": 1, "count": lib.NO_VAL})
    try:
        records = connection(ctx).query_list("slurmdb_tres_get", cond, "slurmdb_tres_rec_t *")
    except SlurmFailure:
        return {}
    return {t["id"]: t for t in records}


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
