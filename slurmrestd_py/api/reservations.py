"""GET reservations and one reservation (v0.0.38 reservations.c)."""
from . import Operation
from .update_time import update_time


def _reservations(ctx):
    return {"reservations": ctx.plugin.render("reservation", ctx.slurm.reservations(update_time(ctx)))}


def _reservation(ctx):
    name = ctx.params["reservation_name"]
    return {"reservations": ctx.plugin.render("reservation", ctx.slurm.reservations(update_time(ctx), name))}


reservations = Operation(_reservations, {"reservations": []})
reservation = Operation(_reservation, {"reservations": []})
