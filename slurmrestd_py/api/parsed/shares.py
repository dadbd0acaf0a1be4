"""GET shares (the reference's op_handler_shares, whose work is done by _dump_shares in 24.11 and
26.05 alike)."""
from ...slurm.failure import SlurmFailure
from .. import Operation

_SOURCE = "_dump_shares"


def _shares(ctx):
    """Every association: the reference parses `accounts` and `users` from the path's parameters
    (which have neither), so its query parameters change nothing; ours neither."""
    from ...slurm.shares import shares

    try:
        msg = shares(ctx.slurm.ffi, ctx.slurm.lib)
    except SlurmFailure as e:
        ctx.error(e.rc, _SOURCE, "slurm_associations_get_shares() failed: GET")
        return None
    if ctx.parser.rules.infinite_floats_as_numbers:
        _INF, _AS = float("inf"), float(2 ** 64)
        for share in msg["assoc_shares_list"] or ():
            for key in ("shares_norm", "usage_efctv", "usage_norm", "fs_factor", "level_fs"):
                if share[key] == _INF:
                    share[key] = _AS
                    if ctx.parser.rules.infinite_float_warning:
                        ctx.warn("", "Dumping (0xffffffffffffffff) as place holder for Infinity")
    return {"shares": msg}


shares = Operation(_shares, kind="shares")
