"""slurmdb GET tres (the reference's op_handler_tres)."""
from .. import Operation
from .db import query_list


def _tres(ctx):
    ffi = ctx.slurm.ffi
    cond = ffi.new("slurmdb_tres_cond_t *", {"with_deleted": 1, "count": ctx.slurm.lib.NO_VAL})
    records = query_list(ctx, ctx.parser.rules.source("tres"), "slurmdb_tres_get", cond, "slurmdb_tres_rec_t *")
    return None if records is None else {"TRES": records}


tres = Operation(_tres, kind="tres")
