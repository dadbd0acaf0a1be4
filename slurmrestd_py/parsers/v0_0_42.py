"""API v0.0.42 (Slurm 24.11's newest): the tables v0.0.41 and v0.0.40 start from.

Rows are (path in the answer, C field of the copied-out record, type, description), in the
reference's order; the descriptions are those of the reference's published document.
"""
from . import Parser, Rules
from .types import (BOOL, INT32, INT64, STRING, UINT16_NO_VAL, UINT32_NO_VAL, UINT64_NO_VAL,
                    Flags, List, Object, Scalar, table)

VERSION = "v0.0.42"

# -- sentinel-aware types of this family ---------------------------------------------------------
TIMESTAMP_NO_VAL = UINT64_NO_VAL


def _int64_or_null(value):
    # uint64_t: NO_VAL64 and INFINITE64 are null, anything else an int64
    if value >= 0xFFFFFFFFFFFFFFFE:
        return None
    return value - (1 << 64) if value >= (1 << 63) else value


UINT64 = Scalar({"type": "integer", "format": "int64"}, _int64_or_null)
UINT32 = INT32
UINT16 = INT32


def _mem(per_cpu):
    """MEM_PER_CPUS / MEM_PER_NODE: one uint64_t says which by its MEM_PER_CPU bit."""
    bit = 0x8000000000000000

    def get(value):
        if bool(value & bit) != per_cpu:
            return 0xFFFFFFFFFFFFFFFE
        return value & ~bit if per_cpu else value
    return get


class _Derived(Scalar):
    """A value computed from the field before another type dumps it (overloads of one C field)."""

    def __init__(self, convert, inner):
        self._f, self.inner = convert, inner
        self.name = None

    def dump(self, value):
        return self.inner.dump(self._f(value))

    def ref(self, schemas, description=None):
        return self.inner.ref(schemas, description)


MEM_PER_CPUS = _Derived(_mem(True), UINT64_NO_VAL)
MEM_PER_NODE = _Derived(_mem(False), UINT64_NO_VAL)
OVERSUBSCRIBE_JOBS = _Derived(lambda v: v & ~0x8000, INT32)

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

# -- partitions ----------------------------------------------------------------------------------
PARTITION_ROWS = (
    ("nodes/allowed_allocation", "allow_alloc_nodes", STRING, "AllocNodes"),
    ("accounts/allowed", "allow_accounts", STRING, "AllowAccounts"),
    ("groups/allowed", "allow_groups", STRING, "AllowGroups"),
    ("qos/allowed", "allow_qos", STRING, "AllowQOS"),
    ("alternate", "alternate", STRING, "Alternate"),
    ("tres/billing_weights", "billing_weights_str", STRING, "TRESBillingWeights"),
    ("cluster", "cluster_name", STRING, "Cluster name"),
    ("select_type", "cr_type", CR_TYPE, "Scheduler consumable resource selection type"),
    ("cpus/task_binding", "cpu_bind", UINT32, "CpuBind"),
    ("defaults/memory_per_cpu", "def_mem_per_cpu", UINT64, "DefMemPerCPU or DefMemPerNode"),
    ("defaults/partition_memory_per_cpu", "def_mem_per_cpu", MEM_PER_CPUS, "DefMemPerCPU"),
    ("defaults/partition_memory_per_node", "def_mem_per_cpu", MEM_PER_NODE, "DefMemPerNode"),
    ("defaults/time", "default_time", UINT32_NO_VAL, "DefaultTime in minutes"),
    ("accounts/deny", "deny_accounts", STRING, "DenyAccounts"),
    ("qos/deny", "deny_qos", STRING, "DenyQOS"),
    ("grace_time", "grace_time", UINT32, "GraceTime"),
    ("defaults/job", "job_defaults_str", STRING, "JobDefaults"),
    ("maximums/cpus_per_node", "max_cpus_per_node", UINT32_NO_VAL, "MaxCPUsPerNode"),
    ("maximums/cpus_per_socket", "max_cpus_per_socket", UINT32_NO_VAL, "MaxCPUsPerSocket"),
    ("maximums/memory_per_cpu", "max_mem_per_cpu", UINT64, "MaxMemPerCPU or MaxMemPerNode"),
    ("maximums/partition_memory_per_cpu", "max_mem_per_cpu", MEM_PER_CPUS, "MaxMemPerCPU"),
    ("maximums/partition_memory_per_node", "max_mem_per_cpu", MEM_PER_NODE, "MaxMemPerNode"),
    ("maximums/nodes", "max_nodes", UINT32_NO_VAL, "MaxNodes"),
    ("maximums/shares", "max_share", UINT16, "OverSubscribe"),
    ("maximums/oversubscribe/jobs", "max_share", OVERSUBSCRIBE_JOBS,
     "Maximum number of jobs allowed to oversubscribe resources"),
    ("maximums/oversubscribe/flags", "max_share", OVERSUBSCRIBE_FLAGS,
     "Flags applicable to the OverSubscribe setting"),
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
    ("partition/state", "state_up", PARTITION_STATES, "Current state(s)"),
    ("suspend_time", "suspend_time", UINT32_NO_VAL, "SuspendTime (GLOBAL if both set and infinite are false)"),
    ("timeouts/suspend", "suspend_timeout", UINT16_NO_VAL,
     "SuspendTimeout (GLOBAL if both set and infinite are false)"),
    ("cpus/total", "total_cpus", UINT32, "TotalCPUs"),
    ("nodes/total", "total_nodes", UINT32, "TotalNodes"),
    ("tres/configured", "tres_fmt_str", STRING, "TRES"),
)

# -- the answer around the payload ---------------------------------------------------------------
STRING_ARRAY = List(STRING, "string_array")
META = table("openapi_meta", (
    ("plugin/type", "plugin_type", STRING, "Slurm plugin type (if applicable)"),
    ("plugin/name", "plugin_name", STRING, "Slurm plugin name (if applicable)"),
    ("plugin/data_parser", "data_parser", STRING, "Slurm data_parser plugin"),
    ("plugin/accounting_storage", "accounting_storage", STRING, "Slurm accounting plugin"),
    ("client/source", "source", STRING, "Client source description"),
    ("client/user", "user", STRING, "Client user (if known)"),
    ("client/group", "group", STRING, "Client group (if known)"),
    ("command", "command", STRING_ARRAY, "CLI command (if applicable)"),
    ("slurm/version/major", "major", STRING, "Slurm release major version"),
    ("slurm/version/micro", "micro", STRING, "Slurm release micro version"),
    ("slurm/version/minor", "minor", STRING, "Slurm release minor version"),
    ("slurm/release", "release", STRING, "Slurm release string"),
    ("slurm/cluster", "cluster", STRING, "Slurm cluster name"),
))
ERROR = table("openapi_error", (
    ("description", "description", STRING, "Long form error description"),
    ("error_number", "error_number", INT32, "Slurm numeric error identifier"),
    ("error", "error", STRING, "Short form error description"),
    ("source", "source", STRING, "Source of error or where error was first detected"),
))
WARNING = table("openapi_warning", (
    ("description", "description", STRING, "Long form warning description"),
    ("source", "source", STRING, "Source of warning or where warning was first detected"),
))
ERRORS = List(ERROR, "openapi_errors")
WARNINGS = List(WARNING, "openapi_warnings")
ENVELOPE = (
    ("meta", "meta", META, "Slurm meta values"),
    ("errors", "errors", ERRORS, "Query errors"),
    ("warnings", "warnings", WARNINGS, "Query warnings"),
)

FAILURE = table("openapi_resp", (ENVELOPE[1], ENVELOPE[2], ENVELOPE[0]))


def response(name, rows):
    """The schema and dumper of a whole answer: its payload rows, then meta, errors, warnings."""
    return table(name, (*rows, *ENVELOPE))


def objects(partition_rows=PARTITION_ROWS):
    partition = table("partition_info", partition_rows)
    return {"partition": partition}


def responses(o):
    return {
        "partitions": response("openapi_partition_resp", (
            ("partitions", "partitions", List(o["partition"], "partition_info_msg"), "List of partitions"),
            ("last_update", "last_update", TIMESTAMP_NO_VAL, "Time of last partition change (UNIX timestamp)"),
        )),
    }


_OBJECTS = objects()
# v0.0.42 names its sentinel-aware number schemas *_struct
SCHEMA_NAMES = {n: n + "_struct" for n in ("uint16_no_val", "uint32_no_val", "uint64_no_val", "float64_no_val")}
PARSER = Parser(VERSION, _OBJECTS, responses(_OBJECTS), FAILURE, Rules(), SCHEMA_NAMES)
