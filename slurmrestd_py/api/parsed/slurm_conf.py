"""slurm GET conf (v0.0.45: the reference's op_handler_config, _dump_config): slurmctld's
configuration as slurm_load_ctl_conf() gives it."""
import functools

from ...parsers import queries
from .. import Operation
from .jobs import _time_str

SOURCE = "_dump_config"


@functools.lru_cache(maxsize=None)
def _extras(ffi, lib):
    """What the plain copy cannot follow: the controllers, the srun port range, JobDefaults' list
    and (24.11 on) the prolog and epilog arrays with their counts."""
    from ...slurm.copy import strings

    def extras(c, record):
        count = c.control_cnt
        record["control_machine_list"] = strings(ffi, c.control_machine, count)
        record["control_addr_list"] = strings(ffi, c.control_addr, count)
        ports = c.srun_port_range
        record["srun_port_range_pair"] = (ports[0], ports[1]) if ports != ffi.NULL else None
        record["job_defaults"] = _job_defaults(ffi, lib, c.job_defaults_list)
        for field in ("epilog", "epilog_slurmctld", "prolog", "prolog_slurmctld"):
            if field not in record:  # 24.11 on: char ** and a count
                record[field] = strings(ffi, getattr(c, field), getattr(c, field + "_cnt"))
    return extras


def _job_defaults(ffi, lib, items):
    if items == ffi.NULL:
        return []
    out, it = [], lib.slurm_list_iterator_create(items)
    try:
        while (item := lib.slurm_list_next(it)) != ffi.NULL:
            d = ffi.cast("job_defaults_t *", item)
            out.append({"type": d.type, "value": d.value})
    finally:
        lib.slurm_list_iterator_destroy(it)
    return out


def _conf(ctx):
    from ...slurm.copy import copier

    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    query = queries.parse(ctx, "slurm_conf", SOURCE, "Rejecting request. Failure parsing query.", returns_rc=True)
    if query is None:
        return None
    update_time = query["update_time"] or 0
    out = ffi.new("slurm_conf_t **")
    rc = lib.slurm_load_ctl_conf(update_time, out)
    if rc == -1:
        rc = lib.srpy_errno() or rc
    try:
        if rc == lib.SLURM_NO_CHANGE_IN_DATA:
            # the reference writes its update_time as a span from now, with an overflow ("now-(2135..d-..)"):
            # ours, the number and the time (README); no configuration, as the reference
            ctx.warn(SOURCE, f"No config changes since update_time[{update_time}]={_time_str(update_time)}")
            return None
        if rc:
            ctx.error(rc, SOURCE, "slurm_load_ctl_conf() failed")
            return None
        record = copier(ffi, "slurm_conf_t", _extras(ffi, lib))(out[0])
    finally:
        if rc == 0 and out[0] != ffi.NULL:
            lib.slurm_free_ctl_conf(out[0])
    return {"slurm_conf": record, "slurm_conf_meta": record}


conf = Operation(_conf, kind="slurm_conf")
