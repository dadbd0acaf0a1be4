"""GET ping, diag, licenses and reconfigure (the reference's op_handler_ping, op_handler_diag,
op_handler_licenses and op_handler_reconfigure)."""
from ...slurm.failure import SlurmFailure
from .. import Operation


def _ping(ctx):
    from ...slurm.controller import pings

    # The controllers of the slurm.conf read at start, one slurm_ping() each: nothing to fail.
    return {"pings": pings(ctx.slurm.ffi, ctx.slurm.lib)}


def _diag(ctx):
    from ...slurm.controller import statistics

    try:
        return {"statistics": statistics(ctx.slurm.ffi, ctx.slurm.lib)}
    except SlurmFailure as e:
        ctx.error(e.code, "op_handler_diag", "slurm_get_statistics() failed to get slurmctld statistics")
        return None


def _licenses(ctx):
    from ...slurm.controller import licenses

    try:
        msg = licenses(ctx.slurm.ffi, ctx.slurm.lib)
    except SlurmFailure as e:
        ctx.error(e.code, "op_handler_licenses", "slurm_load_licenses() was unable to load licenses")
        msg = None
    msg = msg or {"last_update": 0, "licenses": []}
    if not msg["licenses"]:  # the reference's dumper of the list says so, with no source
        ctx.warn("", "Zero licenses to dump")
    return msg


def _reconfigure(ctx):
    from ...slurm.controller import reconfigure

    try:
        reconfigure(ctx.slurm.ffi, ctx.slurm.lib)
    except SlurmFailure as e:
        # 26.05 kept these handlers' names, unlike the ones Rules.source renames
        ctx.error(e.code, "op_handler_reconfigure", "slurm_reconfigure() failed")
    # no payload either way: errors, warnings and meta


ping = Operation(_ping, kind="ping")
diag = Operation(_diag, kind="diag")
licenses = Operation(_licenses, kind="licenses")
reconfigure = Operation(_reconfigure, kind="reconfigure")
