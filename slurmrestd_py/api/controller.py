"""slurmctld's own state: ping, diag, licenses."""
from . import Operation


def _ping(ctx):
    return {"pings": ctx.plugin.render("ping", ctx.slurm.ping())}


def _diag(ctx):
    return {"statistics": ctx.plugin.render("diag", ctx.slurm.diag())}


def _licenses(ctx):
    return {"licenses": ctx.plugin.render("license", ctx.slurm.licenses())}


# A failure's payload, as the reference's: ping and licenses fail before their list exists; diag
# has made its statistics object and two lists by then.
ping = Operation(_ping)
diag = Operation(_diag, {"statistics": {"rpcs_by_message_type": [], "rpcs_by_user": []}})
licenses = Operation(_licenses)
