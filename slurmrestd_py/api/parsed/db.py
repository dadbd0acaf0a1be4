"""What the slurmdbd handlers of the parser versions share: the request's connection and the
reference's db_query_list() habits (its messages name the call and the connection's address)."""
from ...slurm.failure import SlurmFailure
from ..db import connection


def query_list(ctx, caller, func, cond, ctype, ignore_empty=False, extras=None):
    """Records of a slurmdb_*_get copied out whole, or None after reporting the failure; an empty
    result is a warning ("found nothing") unless `ignore_empty`."""
    db = connection(ctx)
    call = f"{func}(0x{db.handle:x})" if ctx.parser.rules.db_handle_in_messages else f"{func}()"
    try:
        records = db.query_list(func, cond, ctype, extras)
    except SlurmFailure as e:
        ctx.error(e.rc, caller, f"{call} failed")
        return None
    if not records and not ignore_empty:
        ctx.warn(caller, f"{call} found nothing")
    return records
