"""slurmdb GET ping/ (the reference's op_handler_ping)."""
from .. import Operation
from .db import connection

SLURM_ERROR = -1


def _ping(ctx):
    pings = connection(ctx).ping_all()
    if pings is None:
        ctx.error(SLURM_ERROR, "slurmdb_ping_all", "ping query failed")
    return {"pings": pings or []}  # dumped whatever happened


ping = Operation(_ping, kind="dbd_pings")
