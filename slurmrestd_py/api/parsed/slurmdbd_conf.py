"""slurmdb GET conf (v0.0.45: the reference's op_handler_conf, _dump_conf): slurmdbd's own
configuration as slurmdb_config_get() gives it (26.05: a slurmdbd_conf_t)."""
from .. import Operation
from ..db import connection

SOURCE = "_dump_conf"


def _conf(ctx):
    from ...slurm.copy import copier

    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    if not hasattr(lib, "slurmdb_config_get"):
        # before 26.05 slurmdb_config_get() answers key pairs of a private type: not read (README)
        ctx.error(lib.ESLURM_NOT_SUPPORTED, SOURCE, "slurmdb_config_get() failed: this release's slurmdbd "
                                                    "answers key pairs, which slurmrestd-py does not read")
        return None
    db = connection(ctx)
    out = ffi.new("slurmdbd_conf_t **")
    rc = lib.slurmdb_config_get(db._db("slurmdb_config_get"), out)
    try:
        if rc:
            ctx.error(rc, SOURCE, "slurmdb_config_get() failed")
            return None
        record = copier(ffi, "slurmdbd_conf_t")(out[0]) if out[0] != ffi.NULL else None
    finally:
        if out[0] != ffi.NULL:
            lib.slurmdbd_free_conf(out[0])
    return {"slurmdbd_conf": record}


conf = Operation(_conf, kind="slurmdbd_conf")
