"""slurmctld's own state: ping, diag, licenses."""
from . import Operation


def _ping(ctx):
    return {"pings": ctx.plugin.render("ping", ctx.slurm.ping())}


def _diag(ctx):
    return {"statistics": ctx.plugin.render("diag", ctx.slurm.diag())}


def _licenses(ctx):
    return {"licenses": ctx.plugin.render("license", ctx.slurm.licenses())}


ping = Operation(_ping, {"pings": []})
diag = Operation(_diag)
licenses = Operation(_licenses, {"licenses": []})

FAMILY = "slurm"
OPERATIONS = (
    ("GET", "diag", diag),
    ("GET", "licenses", licenses),
    ("GET", "ping", ping),
)
