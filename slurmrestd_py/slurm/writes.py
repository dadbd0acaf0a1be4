"""Writes new in v0.0.43-45 that every release's libslurm can do: requeue (slurm_requeue2),
partition delete (slurm_delete_partition), reservation delete
(slurm_delete_reservation), node create (slurm_create_node)."""
from .failure import SlurmFailure


def requeue(ffi, lib, job_id_str, flags):
    """slurm_requeue2() -> (rc, errno, results): results [{id, error_code, why}] or None when
    slurmctld answered none (one job: its rc alone)."""
    from .jobs import _update_results

    resp = ffi.new("job_array_resp_msg_t **")
    text = ffi.new("char[]", job_id_str.encode())
    rc = lib.slurm_requeue2(text, flags, resp)
    errno = lib.srpy_errno() if rc else 0
    try:
        results = _update_results(ffi, resp[0]) if resp[0] != ffi.NULL else None
    finally:
        if resp[0] != ffi.NULL:
            lib.slurm_free_job_array_resp(resp[0])
    return rc, errno, results


def delete_partition(ffi, lib, name):
    msg = ffi.new("delete_part_msg_t *")
    text = ffi.new("char[]", name.encode())
    msg.name = text
    SlurmFailure.check(lib.slurm_delete_partition(msg), "slurm_delete_partition")


def delete_reservation(ffi, lib, name):
    """slurm_delete_reservation() of the reservation `name`."""
    msg = ffi.new("reservation_name_msg_t *")
    text = ffi.new("char[]", name.encode())
    msg.name = text
    SlurmFailure.check(lib.slurm_delete_reservation(msg), "slurm_delete_reservation")


def partition_write(ffi, lib, desc, create):
    """slurm_create_partition() (create) or slurm_update_partition() of a partition description:
    {partition_info_t field: value} over slurm_init_part_desc_msg()'s; a field the release lacks
    (topology_name before 26.05) is left out; None is a NULL string. Raises SlurmFailure."""
    msg = ffi.new("partition_info_t *")
    lib.slurm_init_part_desc_msg(msg)
    keep = []
    fields = dict(ffi.typeof("partition_info_t").fields)
    for name, value in desc.items():
        if name not in fields or value is None:
            continue
        if isinstance(value, str):
            keep.append(ffi.new("char[]", value.encode()))
            setattr(msg, name, keep[-1])
        else:  # numbers wrap to the field's width, as C stores them
            setattr(msg, name, value & ((1 << 8 * ffi.sizeof(fields[name].type)) - 1))
    call = lib.slurm_create_partition if create else lib.slurm_update_partition
    SlurmFailure.check(call(msg), "slurm_create_partition" if create else "slurm_update_partition")


def create_node(ffi, lib, node_conf):
    """slurm_create_node() of a node line (update_node_msg_t's extra, as the reference sends it)."""
    msg = ffi.new("update_node_msg_t *")
    lib.slurm_init_update_node_msg(msg)
    text = ffi.new("char[]", node_conf.encode()) if node_conf is not None else ffi.NULL
    msg.extra = text
    SlurmFailure.check(lib.slurm_create_node(msg), "slurm_create_node")


# resv_desc_msg_t's fields a request may set: {C field: kind}
_RESV_STRINGS = ("accounts", "burst_buffer", "comment", "features", "groups", "licenses", "name", "node_list",
                 "partition", "tres_str", "users")
_RESV_NUMBERS = ("core_cnt", "duration", "end_time", "flags", "max_start_delay", "node_cnt", "purge_comp_time",
                 "start_time")


def resv_desc_defaults(ffi, lib):
    """What slurm_init_resv_desc_msg() leaves in each field a request may set ({C field: value};
    22.05's core_cnt and node_cnt arrays read as NO_VAL)."""
    msg = ffi.new("resv_desc_msg_t *")
    lib.slurm_init_resv_desc_msg(msg)
    out = {name: None for name in _RESV_STRINGS}
    for name in _RESV_NUMBERS:
        value = getattr(msg, name)
        out[name] = lib.NO_VAL if isinstance(value, ffi.CData) else value
    return out


def reservation_write(ffi, lib, desc, create):
    """slurm_create_reservation() (create) or slurm_update_reservation() of a description
    ({C field: value}, as resv_desc_defaults() writes them). Raises SlurmFailure (the call's rc,
    -1 for a create that named no reservation, and errno)."""
    msg = ffi.new("resv_desc_msg_t *")
    lib.slurm_init_resv_desc_msg(msg)
    keep = []
    has = {name for name, _ in ffi.typeof("resv_desc_msg_t").fields}  # 22.05 has no comment: not kept
    for name in _RESV_STRINGS:
        if desc.get(name) is not None and name in has:
            keep.append(ffi.new("char[]", desc[name].encode()))
            setattr(msg, name, keep[-1])
    for name in _RESV_NUMBERS:
        value = desc[name]
        if isinstance(getattr(msg, name), ffi.CData):  # 22.05: an array of counts ending in 0
            if value != lib.NO_VAL:
                keep.append(ffi.new("uint32_t[2]", [value, 0]))
                setattr(msg, name, keep[-1])
        elif name in ("start_time", "end_time") and value >= 1 << 63:  # NO_VAL64 as a time_t
            setattr(msg, name, value - (1 << 64))
        else:
            setattr(msg, name, value)
    if create:
        made = lib.slurm_create_reservation(msg)
        if made == ffi.NULL:
            raise SlurmFailure("slurm_create_reservation", -1, lib.srpy_errno())
        lib.srpy_free_resv_name(made)
        return
    SlurmFailure.check(lib.slurm_update_reservation(msg), "slurm_update_reservation")
