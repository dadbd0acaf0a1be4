"""openapi/v0.0.37 (Slurm 22.05's src/plugins/openapi/v0.0.37): what it prints differently from
v0.0.38, quirks included. v0_0_36 starts from these tables."""
from .reshape import raw, replaced, reshape

from ..slurm.sentinels import NO_VAL
from .rules import Rules
MEM_PER_CPU = 1 << 63
PREEMPT = ((0x0001, "suspend"), (0x0002, "requeue"), (0x8000, "gang_schedule"))  # no "within" yet

diag = reshape(drop=("rpcs_by_message_type", "rpcs_by_user", "bf_table_size", "bf_table_size_mean"))


def _preemption_mode(record):
    # NO_VAL16 is not "disabled" here: its bits name modes.
    mode = record.raw["preempt_mode"]
    return (["disabled"] if mode == 0 else []) + [name for bit, name in PREEMPT if mode & bit]


def _default_time_limit(record):
    # The reference prints def_mem_per_cpu here (a typo it shipped with).
    return None if record.raw["default_time"] == NO_VAL else record.raw["def_mem_per_cpu"]


# Memory limits are printed raw: MEM_PER_CPU set makes them negative, as int64.
PARTITION_VALUES = {
    "preemption_mode": _preemption_mode,
    "default_memory_per_cpu": raw("def_mem_per_cpu"),
    "default_time_limit": _default_time_limit,
    "maximum_memory_per_node": raw("max_mem_per_cpu"),
}
PARTITION_DROP = ("default_memory_per_node", "maximum_memory_per_cpu")
partition = reshape(drop=PARTITION_DROP, values=PARTITION_VALUES)

reservation = reshape(values={"flags": replaced("flags", {"HOURLY": None, "NO_HOURLY": None})})


def _allocated_node(node):
    """One node of job_resources.allocated_nodes: v0.0.37 keys sockets and cores by their
    index alone (a core index names that core on every socket: the last socket's state wins)."""
    sockets, cores = {}, {}
    for socket, cs in node["sockets"].items():
        for core, state in cs["cores"].items():
            state = "assigned" if state == "allocated_and_in_use" else "unassigned"
            sockets[socket] = cores[core] = state
    return {"sockets": sockets, "cores": cores, "memory": node["memory_allocated"],
            "cpus": node.raw["cpus"]}


def _job_resources(record):
    """Always there ({} with no allocation); allocated_cpus whatever the select type says."""
    res = record.get("job_resources")
    if res is None:
        return {}
    ncpus = res.get("allocated_cores", res.get("allocated_cpus"))
    return {"nodes": res["nodes"], "allocated_cpus": ncpus, "allocated_hosts": res["allocated_hosts"],
            "allocated_nodes": {str(i): _allocated_node(n) for i, n in enumerate(res["allocated_nodes"])}}


JOB_DROP = ("container", "group_name", "prefer")
JOB_VALUES = {
    "flags": replaced("flags", {"JOB_CPUS_SET": "JOB_CPUS_SET "}),  # sic
    "job_resources": _job_resources,
}
JOB_AFTER = {"job_id": ("job_resources",)}  # where v0.0.37 prints it
job = reshape(drop=JOB_DROP, values=JOB_VALUES, after=JOB_AFTER)

TABLES = {"diag": diag, "partition": partition, "reservation": reservation, "job": job}

RULES = Rules(
    # GET diag that fails: {"error": slurm_strerror(rc), "errno": rc} and an empty statistics object
    diag_errno_error=True,
    # job descriptions (api/job_desc.parse's dialect): keys by this version's name -> the v0.0.38
    # key they stand for, None (no such key) or False (disabled); errors[] items that read differently
    job_desc={
        "keys": {
            "container": None, "prefer": None,
            "cpu_binding_hint": None, "cpu_binding hint": "cpu_binding_hint",
            "mcs_label": None, "msc_label": "mcs_label",
            "time_minimum": None, "time minimum": "time_minimum",
            "oversubscribe": False,
        },
        "errors": {
            "failed": {"description": 'Unknown key "{key}"', "error_number": -1,
                       "error": "Unspecified error", "source": "slurm_process_option_data"},
        },
    },)
