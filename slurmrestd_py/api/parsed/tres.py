"""slurmdb GET and POST tres (the reference's op_handler_tres)."""
from .. import Operation
from .db import query_list


def _tres(ctx):
    ffi = ctx.slurm.ffi
    cond = ffi.new("slurmdb_tres_cond_t *", {"with_deleted": 1, "count": ctx.slurm.lib.NO_VAL})
    records = query_list(ctx, ctx.parser.rules.source("tres"), "slurmdb_tres_get", cond, "slurmdb_tres_rec_t *")
    return None if records is None else {"TRES": records}


tres = Operation(_tres, kind="tres")


ESLURM_NOT_SUPPORTED = 2036


def _post_tres(ctx):
    """The reference's release builds refuse TRES updates whatever the body says (TRES ids could
    not be kept): an error, nothing read, nothing written."""
    # (26.05 names its handler so too)
    ctx.error(ESLURM_NOT_SUPPORTED, "op_handler_tres", "Updating TRES is not currently supported")
    return None


post_tres = Operation(_post_tres, body=("tres", "TRES descriptions. Only works in developer mode."))
