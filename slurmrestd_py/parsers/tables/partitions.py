"""Partitions (partition_info_t), for GET partitions and partition/{partition_name}.

Rows: (path in the answer, field of the copied-out record, type, description[, versions]), in the
reference's order; the descriptions are those of the reference's published documents.
"""
from ..queries import TIMESTAMP
from ..types import REQUIRED, STRING, UINT16_NO_VAL, UINT32_NO_VAL, Flags, List, table
from . import UNTIL_V41, V41_ON, V42_ON, V40_ON
from .meta import response
from .numbers import (MEM_PER_CPUS, MEM_PER_NODE, SHOW_FLAGS, TIMESTAMP_NO_VAL, UINT16, UINT32, UINT64,
                      Derived)

OVERSUBSCRIBE_JOBS = Derived(lambda v: v & ~0x8000, UINT16)  # max_share without SHARED_FORCE
OVERSUBSCRIBE_FLAGS = Flags("oversubscribe_flags", [("force", "SHARED_FORCE")])
PARTITION_STATES = Flags("partition_states", [
    ("INACTIVE", "PARTITION_INACTIVE", "INFINITE16"), ("UNKNOWN", "NO_VAL16", "INFINITE16"),
    ("UP", "PARTITION_UP", "INFINITE16"), ("DOWN", "PARTITION_DOWN", "INFINITE16"),
    ("DRAIN", "PARTITION_DRAIN", "INFINITE16")])
_CR_MASK = "CR_CPU|CR_SOCKET|CR_CORE"
CR_TYPE = Flags("cr_type", [
    ("CPU", "CR_CPU", _CR_MASK), ("SOCKET", "CR_SOCKET", _CR_MASK), ("CORE", "CR_CORE", _CR_MASK),
    ("BOARD", "CR_BOARD"), ("MEMORY", "CR_MEMORY"), ("ONE_TASK_PER_CORE", "CR_ONE_TASK_PER_CORE"),
    ("PACK_NODES", "CR_PACK_NODES"), ("CORE_DEFAULT_DIST_BLOCK", "CR_CORE_DEFAULT_DIST_BLOCK"),
    ("LLN", "CR_LLN"), ("LINEAR", "CR_LINEAR")])

PARTITION = (
    ("nodes/allowed_allocation", "allow_alloc_nodes", STRING, "AllocNodes"),
    ("accounts/allowed", "allow_accounts", STRING, "AllowAccounts"),
    ("groups/allowed", "allow_groups", STRING, "AllowGroups"),
    ("qos/allowed", "allow_qos", STRING, "AllowQOS"),
    ("alternate", "alternate", STRING, "Alternate"),
    ("tres/billing_weights", "billing_weights_str", STRING, "TRESBillingWeights"),
    ("cluster", "cluster_name", STRING, "Cluster name"),
    ("select_type", "cr_type", CR_TYPE, "Scheduler consumable resource selection type", V41_ON),
    ("cpus/task_binding", "cpu_bind", UINT32, "CpuBind"),
    ("defaults/memory_per_cpu", "def_mem_per_cpu", UINT64, "DefMemPerCPU or DefMemPerNode"),
    ("defaults/partition_memory_per_cpu", "def_mem_per_cpu", MEM_PER_CPUS, "DefMemPerCPU", V40_ON),
    ("defaults/partition_memory_per_node", "def_mem_per_cpu", MEM_PER_NODE, "DefMemPerNode", V40_ON),
    ("defaults/time", "default_time", UINT32_NO_VAL, "DefaultTime in minutes"),
    ("accounts/deny", "deny_accounts", STRING, "DenyAccounts"),
    ("qos/deny", "deny_qos", STRING, "DenyQOS"),
    ("grace_time", "grace_time", UINT32, "GraceTime"),
    ("defaults/job", "job_defaults_str", STRING, "JobDefaults"),
    ("maximums/cpus_per_node", "max_cpus_per_node", UINT32_NO_VAL, "MaxCPUsPerNode"),
    ("maximums/cpus_per_socket", "max_cpus_per_socket", UINT32_NO_VAL, "MaxCPUsPerSocket"),
    ("maximums/memory_per_cpu", "max_mem_per_cpu", UINT64, "MaxMemPerCPU or MaxMemPerNode"),
    ("maximums/partition_memory_per_cpu", "max_mem_per_cpu", MEM_PER_CPUS, "MaxMemPerCPU", V40_ON),
    ("maximums/partition_memory_per_node", "max_mem_per_cpu", MEM_PER_NODE, "MaxMemPerNode", V40_ON),
    ("maximums/nodes", "max_nodes", UINT32_NO_VAL, "MaxNodes"),
    ("maximums/shares", "max_share", UINT16, "OverSubscribe"),
    ("maximums/oversubscribe/jobs", "max_share", OVERSUBSCRIBE_JOBS,
     "Maximum number of jobs allowed to oversubscribe resources", V40_ON),
    ("maximums/oversubscribe/flags", "max_share", OVERSUBSCRIBE_FLAGS,
     "Flags applicable to the OverSubscribe setting", V40_ON),
    ("maximums/time", "max_time", UINT32_NO_VAL, "MaxTime"),
    ("minimums/nodes", "min_nodes", UINT32, "MinNodes"),
    ("name", "name", STRING, "PartitionName"),
    ("nodes/configured", "nodes", STRING, "Nodes"),
    ("node_sets", "nodesets", STRING, "NodeSets"),
    ("maximums/over_time_limit", "over_time_limit", UINT16_NO_VAL, "OverTimeLimit"),
    ("priority/job_factor", "priority_job_factor", UINT16, "PriorityJobFactor"),
    ("priority/tier", "priority_tier", UINT16, "PriorityTier"),
    ("qos/assigned", "qos_char", STRING, "QOS"),
    ("timeouts/resume", "resume_timeout", UINT16_NO_VAL,
     "ResumeTimeout (GLOBAL if both set and infinite are false)"),
    ("partition/state", "state_up", PARTITION_STATES, "Current state(s)", V40_ON),
    ("suspend_time", "suspend_time", UINT32_NO_VAL, "SuspendTime (GLOBAL if both set and infinite are false)"),
    ("timeouts/suspend", "suspend_timeout", UINT16_NO_VAL,
     "SuspendTimeout (GLOBAL if both set and infinite are false)"),
    ("cpus/total", "total_cpus", UINT32, "TotalCPUs"),
    ("nodes/total", "total_nodes", UINT32, "TotalNodes"),
    ("tres/configured", "tres_fmt_str", STRING, "TRES"),
)

# Query parameters: (name, type, description[, versions]), parsed by parsers/queries.py.
QUERIES = {
    "partitions": (
        ("update_time", TIMESTAMP, "Filter partitions since update timestamp", UNTIL_V41),
        ("update_time", TIMESTAMP, "Query partitions updated more recently than this time (UNIX timestamp)", V42_ON),
        ("flags", SHOW_FLAGS, "Query flags", V40_ON),
    ),
}


def objects(version):
    return {"partition": table("partition_info", PARTITION, version)}


def responses(version, objects):
    return {
        "partitions": response("openapi_partition_resp", (
            ("partitions", "partitions", List(objects["partition"], "partition_info_msg"), "List of partitions",
             REQUIRED),
            ("last_update", "last_update", TIMESTAMP_NO_VAL, "Time of last partition change (UNIX timestamp)",
             REQUIRED, V40_ON),
        ), version),
    }
