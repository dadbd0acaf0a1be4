"""slurmctld's own state: ping, diag, licenses."""
import os

from . import Operation
from ..errors import SLURM_ERROR, HandlerError, SlurmError


def _ping(ctx):
    try:
        pings = ctx.slurm.ping()
    except SlurmError as e:
        if not ctx.plugin.rule("ping_errno_errors"):
            raise
        raise HandlerError(SLURM_ERROR[0], _ping_errors(e.slurm_errno)) from None
    return {"pings": ctx.plugin.render("ping", pings)}


def _ping_errors(errno):
    """v0.0.36's two reports of a config it could not load: the failure with errno, as glibc's %m
    words it, then "missing" (errno cleared by then)."""
    loading = {"error": f"_op_handler_ping: slurmctld config is unable to load: {os.strerror(errno)}"}
    if errno:
        loading["errno"] = errno
    return [loading, {"error": "_op_handler_ping: slurmctld config is missing"}]


def _diag(ctx):
    try:
        statistics = ctx.slurm.diag()
    except SlurmError as e:
        if not ctx.plugin.rule("diag_errno_error"):
            raise
        error = HandlerError(e.error_number, [{"error": e.error, "errno": e.error_number}])
        error.payload = {"statistics": {}}
        raise error from None
    return {"statistics": ctx.plugin.render("diag", statistics)}


def _licenses(ctx):
    return {"licenses": ctx.plugin.render("license", ctx.slurm.licenses())}


# A failure's payload, as the reference's: ping and licenses fail before their list exists; diag
# has made its statistics object and two lists by then.
ping = Operation(_ping)
diag = Operation(_diag, {"statistics": {"rpcs_by_message_type": [], "rpcs_by_user": []}})
licenses = Operation(_licenses)
