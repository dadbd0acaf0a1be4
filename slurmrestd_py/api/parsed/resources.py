"""GET resources/{job_id} (v0.0.44 on: the reference's op_handler_resources and its _handle_get)."""
from ...parsers import queries
from ...slurm.failure import SlurmFailure
from .. import Operation
from .jobs import _JOB_ID, MAX_JOB_ID

SOURCE = "op_handler_resources"
NO_VAL = 0xFFFFFFFE


def _resources(ctx):
    from ...slurm.resources import layout

    text = ctx.params["job_id"]
    m = _JOB_ID.match(text)
    if not m or int(m.group(1)) == 0:  # the reference's SELECTED_STEP does not parse it
        ctx.error(queries.FAILED_QUERY, SOURCE, "Rejecting request. Failure parsing parameters")
        return None
    job_id = int(m.group(1))
    if job_id >= MAX_JOB_ID:
        ctx.error(ctx.slurm.lib.ESLURM_INVALID_JOB_ID, SOURCE, f"Invalid JobID={job_id & 0xFFFFFFFF} rejected")
        return None
    # only the step id goes to slurmctld: an array task or het component names its whole job
    step = m.group(4)
    step_id = int(step) if step is not None and step.isdigit() else NO_VAL
    try:
        nodes = layout(ctx.slurm.ffi, ctx.slurm.lib, job_id, step_id)
    except SlurmFailure as e:
        ctx.error(e.code, "_handle_get", f"Unable to query JobId={text}")
        nodes = []
    return {"nodes": nodes}


resources = Operation(_resources, kind="resources")
