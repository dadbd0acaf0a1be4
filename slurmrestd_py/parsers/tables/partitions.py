"""Partitions (partition_info_t), for GET partitions and partition/{partition_name}.

Rows: (path in the answer, field of the copied-out record, type, description[, versions]), in the
reference's order; the descriptions are those of the reference's published documents.
"""
from ..queries import TIMESTAMP
from ..types import HIDDEN_FLAG, REQUIRED, STRING, UINT16_NO_VAL, UINT32_NO_VAL, Flags, List, Scalar, table
from . import UNTIL_V41, V40, V40_ON, V41, V42, V42_ON, V43, V43_ON, V44, V45, V45_ON

_UNTIL_V44 = V40 | V41 | V42 | V43 | V44
from .meta import FAILURE_SCHEMA, response
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

# v0.0.45 (26.05's parsers): select_type in SelectTypeParameters' own names, task binding, flags and
# preempt modes as lists, Exclusive= and OverSubscribe= as scontrol writes them
_EXCL = "CR_CPU|CR_SOCKET|CR_CORE|CR_MEMORY"
SELECT_TYPE = Flags("select_type_param", [
    ("NONE", 0, "INFINITE"), ("CR_CPU_MEMORY", "CR_CPU|CR_MEMORY", _EXCL), ("CR_CPU", "CR_CPU", _EXCL),
    ("CR_CORE_MEMORY", "CR_CORE|CR_MEMORY", _EXCL), ("CR_CORE", "CR_CORE", _EXCL),
    ("CR_SOCKET_MEMORY", "CR_SOCKET|CR_MEMORY", _EXCL), ("CR_SOCKET", "CR_SOCKET", _EXCL),
    ("CR_MEMORY", "CR_MEMORY", _EXCL),
    *((name, bit, bit, "bit") for name, bit in (
        ("CR_ONE_TASK_PER_CORE", "CR_ONE_TASK_PER_CORE"), ("CR_CORE_DEFAULT_DIST_BLOCK", "CR_CORE_DEFAULT_DIST_BLOCK"),
        ("CR_NO_DIST_TOPO_BLOCK", "SELECT_NO_DIST_TOPO_BLOCK"), ("CR_LLN", "CR_LLN"),
        ("CR_PACK_NODES", "CR_PACK_NODES"), ("LL_SHARED_GRES", "SELECT_LL_SHARED_GRES"),
        ("MULTIPLE_SHARING_GRES_PJ", "SELECT_MULTIPLE_SHARING_GRES_PJ"),
        ("ENFORCE_BINDING_GRES", "SELECT_ENFORCE_BINDING_GRES"),
        ("ONE_TASK_PER_SHARING_GRES", "SELECT_ONE_TASK_PER_SHARING_GRES")))])
CPU_BINDING = Flags("node_partition_cpu_binding_flags", [
    ("CPU_BIND_TO_THREADS", "CPU_BIND_TO_THREADS", "CPU_BIND_T_TO_MASK"),
    ("CPU_BIND_TO_CORES", "CPU_BIND_TO_CORES", "CPU_BIND_T_TO_MASK"),
    ("CPU_BIND_TO_SOCKETS", "CPU_BIND_TO_SOCKETS", "CPU_BIND_T_TO_MASK"),
    ("CPU_BIND_TO_LDOMS", "CPU_BIND_TO_LDOMS", "CPU_BIND_T_TO_MASK"),
    ("CPU_BIND_NONE", "CPU_BIND_NONE", "CPU_BIND_T_MASK"),
    ("CPU_BIND_OFF", "CPU_BIND_OFF", "CPU_BIND_T_TASK_PARAMS_MASK"),
    ("VERBOSE", "CPU_BIND_VERBOSE", "CPU_BIND_VERBOSE", "bit")])
PARTITION_FLAGS = Flags("partition_flags", [
    ("DEFAULT", "PART_FLAG_DEFAULT"), ("HIDDEN", "PART_FLAG_HIDDEN"), ("NO_ROOT", "PART_FLAG_NO_ROOT"),
    ("ROOT_ONLY", "PART_FLAG_ROOT_ONLY"), ("REQ_RESV", "PART_FLAG_REQ_RESV"), ("LLN", "PART_FLAG_LLN"),
    ("PDOI", "PART_FLAG_PDOI"), ("DEFAULT_CLEAR", "PART_FLAG_DEFAULT_CLR"),
    ("HIDDEN_CLEAR", "PART_FLAG_HIDDEN_CLR"), ("NO_ROOT_CLEAR", "PART_FLAG_NO_ROOT_CLR"),
    ("ROOT_ONLY_CLEAR", "PART_FLAG_ROOT_ONLY_CLR"), ("REQ_RESV_CLEAR", "PART_FLAG_REQ_RESV_CLR"),
    ("LLN_CLEAR", "PART_FLAG_LLN_CLR"), ("PDOI_CLEAR", "PART_FLAG_PDOI_CLR"),
    # hidden (partition/exclusive says these; no user should set the scheduler's): read, never written
    *((name, bit, None, HIDDEN_FLAG) for name, bit in (
        ("EXCLUSIVE_USER", "PART_FLAG_EXCLUSIVE_USER"), ("EXC_USER_CLEAR", "PART_FLAG_EXC_USER_CLR"),
        ("EXCLUSIVE_TOPO", "PART_FLAG_EXCLUSIVE_TOPO"), ("EXC_TOPO_CLEAR", "PART_FLAG_EXC_TOPO_CLR"),
        ("SCHED_FAILED", "PART_FLAG_SCHED_FAILED"), ("SCHED_CLEARED", "PART_FLAG_SCHED_CLEARED")))])
PREEMPT_MODES = Flags("partition_preempt_modes", [
    ("CLUSTER_GLOBAL", "NO_VAL16", "INFINITE64"), ("DISABLED", "PREEMPT_MODE_OFF", "INFINITE64"),
    ("SUSPEND", "PREEMPT_MODE_SUSPEND"), ("REQUEUE", "PREEMPT_MODE_REQUEUE"), ("CANCEL", "PREEMPT_MODE_CANCEL"),
    ("PRIORITY", "PREEMPT_MODE_PRIORITY")])


FAIL_PARSING = 9001  # ESLURM_REST_FAIL_PARSING


class _Setting(Scalar):
    """A string scontrol's way (Exclusive=, OverSubscribe=): dumped by its row's function; a body's
    value (POST partitions/, v0.0.45) read by `read(text, at, report)` (null: not given)."""

    def __init__(self, read):
        super().__init__({"type": "string"}, _text, unset="")
        self.read = read

    def parse(self, value, at, report):
        from ..parsing import CONVERSION_FAILED, EXPECT_STRING, check, to_string

        check(EXPECT_STRING, value, at, report)
        if value is None:
            return None
        text = to_string(value)
        if text is None:
            report.fail(at, CONVERSION_FAILED, f"Expecting string but got {report.shown(value)}")
        return self.read(text, at, report)


def _text(value):
    return "" if value is None else value


def _read_exclusive(text, at, report):
    """parse_partition_exclusive(): -> (max_share set to 0?, flag bits to add); remembered for
    the same partition's partition/oversubscribe (parsed after it)."""
    from ..types import const

    user_clr, topo_clr = const("PART_FLAG_EXC_USER_CLR"), const("PART_FLAG_EXC_TOPO_CLR")
    effects = {"NO": (False, user_clr | topo_clr), "NONE": (False, user_clr | topo_clr),
               "NODE": (True, user_clr | topo_clr), "USER": (False, const("PART_FLAG_EXCLUSIVE_USER") | topo_clr),
               "TOPO": (True, user_clr | const("PART_FLAG_EXCLUSIVE_TOPO"))}.get(text.upper())
    if effects is None:
        report.fail(at, FAIL_PARSING, "expected NO, NODE, USER, or TOPO")
    if effects[0]:
        report.memo.setdefault("no_share", set()).add(at.rsplit("/", 2)[0])
    return effects


def _read_oversubscribe(text, at, report):
    """PARTITION_OVERSUBSCRIBE's parse: -> max_share, or None where Exclusive=NODE or TOPO of the
    same partition made it 0 (a warning then, whatever the text)."""
    import re

    from ..types import const

    force_bit = const("SHARED_FORCE")
    kind, colon, count = text.partition(":")
    if not colon and kind.upper() == "NO":
        return 1
    if at.rsplit("/", 2)[0] in report.memo.get("no_share", ()):
        report.warn(at, "Oversubscribe ignored, Exclusive=TOPO and Exclusive=NODE imply OverSubscribe=NO")
        return None
    force = kind.upper() == "FORCE"
    if kind.upper() not in ("YES", "FORCE"):
        report.fail(at, FAIL_PARSING, "expected NO, YES[:#], or FORCE[:#]")
    if not colon:
        return 4 | (force_bit if force else 0)
    if not re.fullmatch(r"\s*[-+]?\d+", count):  # strtol() must read it all
        report.fail(at, FAIL_PARSING, "invalid job count")
    n = int(count)
    if abs(n) >= 1 << 63:
        report.fail(at, FAIL_PARSING, "job count out of range")
    if n > 0xFFFF & ~force_bit:
        report.fail(at, FAIL_PARSING, "count too large")
    if force and n < 1:
        report.fail(at, FAIL_PARSING, "FORCE count must be >= 1")
    if not force and n <= 1:
        report.fail(at, FAIL_PARSING, "YES count must be > 1")
    return n | (force_bit if force else 0)


EXCLUSIVE = _Setting(_read_exclusive)
OVERSUBSCRIBE = _Setting(_read_oversubscribe)


def _exclusive(part):
    from ..types import const

    if part["flags"] & const("PART_FLAG_EXCLUSIVE_TOPO"):
        return "TOPO"
    if part["max_share"] & ~const("SHARED_FORCE") & 0xFFFF == 0:
        return "NODE"
    return "USER" if part["flags"] & const("PART_FLAG_EXCLUSIVE_USER") else "NO"


def _oversubscribe(part):
    from ..types import const

    force, value = part["max_share"] & const("SHARED_FORCE"), part["max_share"] & ~const("SHARED_FORCE") & 0xFFFF
    if not value or (not force and value == 1):
        return "NO"
    return f"FORCE:{value}" if force else f"YES:{value}"


def _gone(part):
    return 0  # a field v0.0.45 still lists but no longer fills (SLURM_26_05_PROTOCOL_VERSION)


# what a body's value of these rows is parsed as: Exclusive= and OverSubscribe= (applied to
# flags and max_share by the handler); a removed field's value is skipped, as the reference does
_exclusive.parse_as, _oversubscribe.parse_as, _gone.parse_as = "exclusive", "oversubscribe", None


PARTITION = (
    ("nodes/allowed_allocation", "allow_alloc_nodes", STRING, "AllocNodes"),
    ("accounts/allowed", "allow_accounts", STRING, "AllowAccounts"),
    ("groups/allowed", "allow_groups", STRING, "AllowGroups"),
    ("qos/allowed", "allow_qos", STRING, "AllowQOS"),
    ("alternate", "alternate", STRING, "Alternate"),
    ("tres/billing_weights", "billing_weights_str", STRING, "TRESBillingWeights"),
    ("cluster", "cluster_name", STRING, "Cluster name"),
    ("select_type", "cr_type", CR_TYPE, "Scheduler consumable resource selection type", V41 | V42 | V43 | V44),
    ("select_type", "cr_type", SELECT_TYPE, "Scheduler consumable resource selection type (read-only)", V45),
    ("cpus/task_binding", "cpu_bind", UINT32, "CpuBind", _UNTIL_V44),
    ("cpus/task_binding", "cpu_bind", CPU_BINDING,
     "CpuBind - Default method controlling how tasks are bound to allocated resources", V45),
    ("defaults/memory_per_cpu", "def_mem_per_cpu", UINT64, "DefMemPerCPU or DefMemPerNode", _UNTIL_V44),
    ("defaults/memory_per_cpu", _gone, UINT64, "Raw value for DefMemPerCPU or DefMemPerNode", V45),
    ("defaults/partition_memory_per_cpu", "def_mem_per_cpu", MEM_PER_CPUS, "DefMemPerCPU", V40_ON),
    ("defaults/partition_memory_per_node", "def_mem_per_cpu", MEM_PER_NODE, "DefMemPerNode", V40_ON),
    ("defaults/time", "default_time", UINT32_NO_VAL, "DefaultTime in minutes"),
    ("accounts/deny", "deny_accounts", STRING, "DenyAccounts"),
    ("qos/deny", "deny_qos", STRING, "DenyQOS"),
    ("flags", "flags", PARTITION_FLAGS, "Partition flag options", V45),
    ("partition/exclusive", _exclusive, EXCLUSIVE, "Exclusive= string (same as scontrol show partition)", V45),
    ("grace_time", "grace_time", UINT32, "GraceTime"),
    ("defaults/job", "job_defaults_str", STRING, "JobDefaults"),
    ("maximums/cpus_per_node", "max_cpus_per_node", UINT32_NO_VAL, "MaxCPUsPerNode"),
    ("maximums/cpus_per_socket", "max_cpus_per_socket", UINT32_NO_VAL, "MaxCPUsPerSocket"),
    ("maximums/memory_per_cpu", "max_mem_per_cpu", UINT64, "MaxMemPerCPU or MaxMemPerNode", _UNTIL_V44),
    ("maximums/memory_per_cpu", _gone, UINT64, "Raw value for MaxMemPerCPU or MaxMemPerNode", V45),
    ("maximums/partition_memory_per_cpu", "max_mem_per_cpu", MEM_PER_CPUS, "MaxMemPerCPU", V40_ON),
    ("maximums/partition_memory_per_node", "max_mem_per_cpu", MEM_PER_NODE, "MaxMemPerNode", V40_ON),
    ("maximums/nodes", "max_nodes", UINT32_NO_VAL, "MaxNodes"),
    ("maximums/shares", "max_share", UINT16, "OverSubscribe", _UNTIL_V44),
    ("maximums/shares", _gone, UINT16, "OverSubscribe", V45),
    ("maximums/oversubscribe/jobs", "max_share", OVERSUBSCRIBE_JOBS,
     "Maximum number of jobs allowed to oversubscribe resources", _UNTIL_V44 & V40_ON),
    ("maximums/oversubscribe/jobs", _gone, OVERSUBSCRIBE_JOBS,
     "Maximum number of jobs allowed to oversubscribe resources", V45),
    ("maximums/oversubscribe/flags", "max_share", OVERSUBSCRIBE_FLAGS,
     "Flags applicable to the OverSubscribe setting", _UNTIL_V44 & V40_ON),
    ("maximums/oversubscribe/flags", _gone, OVERSUBSCRIBE_FLAGS, "Flags applicable to the OverSubscribe setting",
     V45),
    ("partition/oversubscribe", _oversubscribe, OVERSUBSCRIBE,
     "OverSubscribe display: FORCE:n, NO, or YES:n (same as show partition and sinfo)", V45),
    ("maximums/time", "max_time", UINT32_NO_VAL, "MaxTime"),
    ("minimums/nodes", "min_nodes", UINT32, "MinNodes"),
    ("name", "name", STRING, "PartitionName"),
    ("nodes/configured", "nodes", STRING, "Nodes"),
    ("node_sets", "nodesets", STRING, "NodeSets"),
    ("maximums/over_time_limit", "over_time_limit", UINT16_NO_VAL, "OverTimeLimit"),
    ("preempt_mode", "preempt_mode", PREEMPT_MODES, "PreemptMode - Mechanism used to preempt jobs for this "
     "partition when PreemptType=preempt/partition_prio is configured (the \"CLUSTER_GLOBAL\" flag will be ignored "
     "when updating a partition).", V45),
    ("priority/job_factor", "priority_job_factor", UINT16, "PriorityJobFactor"),
    ("priority/tier", "priority_tier", UINT16, "PriorityTier"),
    ("qos/assigned", "qos_char", STRING, "QOS"),
    ("timeouts/resume", "resume_timeout", UINT16_NO_VAL,
     "ResumeTimeout (GLOBAL if both set and infinite are false)"),
    ("topology", "topology_name", STRING,
     "Topology - Name of the topology, defined in topology.yaml, used by jobs in this partition", V43_ON),
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
    out = {
        "partitions": response("openapi_partition_resp", (
            ("partitions", "partitions", List(objects["partition"], "partition_info_msg"), "List of partitions",
             REQUIRED),
            ("last_update", "last_update", TIMESTAMP_NO_VAL, "Time of last partition change (UNIX timestamp)",
             REQUIRED, V40_ON),
        ), version),
    }
    if version in V45_ON:  # POST partitions/: its body, and an answer of no payload (openapi_resp)
        out["partitions_mod"] = FAILURE_SCHEMA
        out["partitions_mod_req"] = response("openapi_partitions_mod_req", (
            ("partitions", "partitions", List(objects["partition"], "update_partition_msg_list"),
             "list of partition descriptions", REQUIRED),
        ), version)
    return out
