"""Partitions as the reference's v0.0.38 `partitions[]` records (src/plugins/openapi/v0.0.38/partitions.c)."""
from . import convert
from .failure import check_load, failure

_FLAGS = (
    ("PART_FLAG_DEFAULT", "default"),
    ("PART_FLAG_HIDDEN", "hidden"),
    ("PART_FLAG_NO_ROOT", "no_root"),
    ("PART_FLAG_ROOT_ONLY", "root_only"),
    ("PART_FLAG_REQ_RESV", "reservation_required"),
    ("PART_FLAG_LLN", "least_loaded_nodes"),
    ("PART_FLAG_EXCLUSIVE_USER", "exclusive_user"),
)
_PREEMPT = (
    ("PREEMPT_MODE_SUSPEND", "suspend"),
    ("PREEMPT_MODE_REQUEUE", "requeue"),
    ("PREEMPT_MODE_GANG", "gang_schedule"),
    ("PREEMPT_MODE_WITHIN", "within"),
)
_STATES = (("PARTITION_UP", "UP"), ("PARTITION_DOWN", "DOWN"), ("PARTITION_INACTIVE", "INACTIVE"),
           ("PARTITION_DRAIN", "DRAIN"))


def load_partitions(ffi, lib, update_time=0, name=None):
    """Every partition (hidden ones too), or those named `name` (case-insensitive), copied out.
    Raises NotModified, or HandlerError as the reference reports."""
    msg = ffi.new("partition_info_msg_t **")
    try:
        check_load(lib.slurm_load_partitions(update_time, msg, lib.SHOW_ALL))
        m = msg[0]
        parts = [m.partition_array[i] for i in range(m.record_count)] if m != ffi.NULL else []
        if name is not None:
            parts = [p for p in parts if convert.string(ffi, p.name, "").lower() == name.lower()]
        if not parts:
            raise failure(lib.ESLURM_INVALID_PARTITION_NAME)
        return [_partition(ffi, lib, p) for p in parts]
    finally:
        if msg[0] != ffi.NULL:
            lib.slurm_free_partition_info_msg(msg[0])


def _memory(lib, value):
    """(per_cpu, per_node) of a def/max_mem_per_cpu: the MEM_PER_CPU bit says which; NO_VAL64
    and 0 (DEFAULT_MEM_PER_CPU, DEFAULT_MAX_MEM_PER_CPU) are neither."""
    amount = value & ~lib.MEM_PER_CPU
    if value == convert.NO_VAL64 or value == 0 or amount == 0:
        return None, None
    if value & lib.MEM_PER_CPU:
        return amount, None
    return None, convert.int64(value)


def _partition(ffi, lib, p):
    s = lambda ptr: convert.string(ffi, ptr, "")  # noqa: E731 - NULL prints as ""
    def_cpu, def_node = _memory(lib, p.def_mem_per_cpu)
    max_cpu, max_node = _memory(lib, p.max_mem_per_cpu)
    if p.preempt_mode in (lib.PREEMPT_MODE_OFF, convert.NO_VAL16):
        preempt = ["disabled"]
    else:
        preempt = [name for flag, name in _PREEMPT if p.preempt_mode & getattr(lib, flag)]
    return convert.Record({
        "flags": [name for flag, name in _FLAGS if p.flags & getattr(lib, flag)],
        "preemption_mode": preempt,
        "allowed_allocation_nodes": s(p.allow_alloc_nodes),
        "allowed_accounts": s(p.allow_accounts),
        "allowed_groups": s(p.allow_groups),
        "allowed_qos": s(p.allow_qos),
        "alternative": s(p.alternate),
        "billing_weights": s(p.billing_weights_str),
        "default_memory_per_cpu": def_cpu,
        "default_memory_per_node": def_node,
        # The reference writes -1 for INFINITE, then overwrites it with the raw value.
        "default_time_limit": None if p.default_time == convert.NO_VAL else p.default_time,
        "denied_accounts": s(p.deny_accounts),
        "denied_qos": s(p.deny_qos),
        "preemption_grace_time": p.grace_time,
        "maximum_cpus_per_node": convert.number(p.max_cpus_per_node, infinite=-1),
        "maximum_memory_per_cpu": max_cpu,
        "maximum_memory_per_node": max_node,
        "maximum_nodes_per_job": -1 if p.max_nodes == convert.INFINITE else p.max_nodes,
        "max_time_limit": -1 if p.max_time == convert.INFINITE else p.max_time,
        "min nodes per job": p.min_nodes,
        "name": s(p.name),
        "nodes": s(p.nodes),
        "over_time_limit": convert.unset(p.over_time_limit, 16),
        "priority_job_factor": p.priority_job_factor,
        "priority_tier": p.priority_tier,
        "qos": s(p.qos_char),
        "state": next((name for flag, name in _STATES if p.state_up == getattr(lib, flag)), "UNKNOWN"),
        "total_cpus": p.total_cpus,
        "total_nodes": p.total_nodes,
        "tres": s(p.tres_fmt_str),
    }, preempt_mode=p.preempt_mode, state_up=p.state_up, default_time=p.default_time,
        def_mem_per_cpu=convert.int64(p.def_mem_per_cpu), max_mem_per_cpu=convert.int64(p.max_mem_per_cpu))


def partition_msg(ffi, lib, update_time, show_flags):
    """slurm_load_partitions() copied out whole: {"last_update", "partitions": [records]}, the
    records keyed by partition_info_t's own fields. Raises SlurmFailure."""
    from .copy import array, copier
    from .failure import SlurmFailure

    msg = ffi.new("partition_info_msg_t **")
    try:
        SlurmFailure.check(lib.slurm_load_partitions(update_time, msg, show_flags), "slurm_load_partitions")
        m = msg[0]
        if m == ffi.NULL:
            return {"last_update": 0, "partitions": []}
        return {"last_update": m.last_update,
                "partitions": array(m.partition_array, m.record_count, copier(ffi, "partition_info_t"))}
    finally:
        if msg[0] != ffi.NULL:
            lib.slurm_free_partition_info_msg(msg[0])
