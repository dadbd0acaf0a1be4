"""Jobs (slurm_job_info_t), for GET jobs, job/{job_id} (the reference's op_handler_jobs and
op_handler_job): rows (path, C field or function of the copied-out record, type, description
[, versions]) in the reference's order (src/plugins/data_parser/v0.0.4x/parsers.c, JOB_INFO).

The record is slurm/jobs.py's job_msg(): job_info_t's own fields, plus gres_detail, std_err/in/out
(expanded as libslurm does), priority_array and job_resrcs (with its per-node allocation).
"""
import grp
import pwd
import signal as _signal

from ..queries import TIMESTAMP
from ..types import (BOOL, FLOAT64_NO_VAL, INT32, REQUIRED, STRING, UINT16_NO_VAL, UINT32_NO_VAL, Flags, List, Scalar,
                     PerVersion, Type, const, table)
from . import UNTIL_V41, V39, V40, V40_ON, V40_ONLY, V41, V42, V42_ON, V43, V43_ON, V44, V44_ON, V45

_UNTIL_V42 = UNTIL_V41 | V42
_UNTIL_V44 = _UNTIL_V42 | V43 | V44
from .meta import response
from .numbers import (JOB_STATE_STRING, MEM_PER_CPUS, MEM_PER_NODE, SHOW_FLAGS, TIMESTAMP_NO_VAL, UINT16, UINT32,
                      UINT64, Derived)
from .partitions import CR_TYPE, SELECT_TYPE

BOOL16 = Scalar({"type": "boolean"}, bool, unset=False)
BOOL16_NO_VAL = Scalar({"type": "boolean"}, lambda v: v != 0xFFFE and bool(v), unset=False)
CORE_SPEC = Derived(lambda v: 0 if v & 0x8000 else v, INT32)
THREAD_SPEC = Derived(lambda v: v & ~0x8000 if v & 0x8000 else 0, INT32)
NICE = Derived(lambda v: 0 if v in (0xFFFFFFFE, 0x80000000) else v - 0x80000000, INT32)
HOLD = Derived(lambda v: v == 0, BOOL)
CSV_STRING = Scalar({"type": "array", "items": {"type": "string"}},
                    lambda v: [t for t in (v or "").split(",") if t], name="csv_string", unset=())
STRING_LIST = Scalar({"type": "array", "items": {"type": "string"}}, list, name="job_info_gres_detail", unset=())
# removed fields, always empty: v0.0.40 names their schema, later versions write it inline
EMPTY_FLAGS = Scalar({"type": "array", "items": {}, "deprecated": True}, lambda v: [], unset=())
POWER_FLAGS_V40 = Scalar({"type": "array", "description": "removed field", "items": {}, "deprecated": True},
                         lambda v: [], name="power_flags", unset=())

_JOB_FLAGS = [
    ("KILL_INVALID_DEPENDENCY", "KILL_INV_DEP"), ("NO_KILL_INVALID_DEPENDENCY", "NO_KILL_INV_DEP"),
    ("HAS_STATE_DIRECTORY", "HAS_STATE_DIR"), ("TESTING_BACKFILL", "BACKFILL_TEST"),
    ("GRES_BINDING_ENFORCED", "GRES_ENFORCE_BIND"), ("TEST_NOW_ONLY", "TEST_NOW_ONLY"),
    ("SEND_JOB_ENVIRONMENT", "JOB_SEND_ENV"), ("SPREAD_JOB", "SPREAD_JOB"),
    ("PREFER_MINIMUM_NODE_COUNT", "USE_MIN_NODES"), ("JOB_KILL_HURRY", "JOB_KILL_HURRY"),
    ("SKIP_TRES_STRING_ACCOUNTING", "TRES_STR_CALC"), ("SIBLING_CLUSTER_UPDATE_ONLY", "SIB_JOB_FLUSH"),
    ("HETEROGENEOUS_JOB", "HET_JOB_FLAG"), ("EXACT_TASK_COUNT_REQUESTED", "JOB_NTASKS_SET"),
    ("EXACT_CPU_COUNT_REQUESTED", "JOB_CPUS_SET"), ("TESTING_WHOLE_NODE_BACKFILL", "BF_WHOLE_NODE_TEST"),
    ("TOP_PRIORITY_JOB", "TOP_PRIO_TMP"), ("ACCRUE_COUNT_CLEARED", "JOB_ACCRUE_OVER"),
    ("GRES_BINDING_DISABLED", "GRES_DISABLE_BIND"), ("JOB_WAS_RUNNING", "JOB_WAS_RUNNING"),
    ("JOB_ACCRUE_TIME_RESET", "RESET_ACCRUE_TIME"), ("CRON_JOB", "CRON_JOB"),
    ("EXACT_MEMORY_REQUESTED", "JOB_MEM_SET"), ("USING_DEFAULT_ACCOUNT", "USE_DEFAULT_ACCT"),
    ("USING_DEFAULT_PARTITION", "USE_DEFAULT_PART"), ("USING_DEFAULT_QOS", "USE_DEFAULT_QOS"),
    ("USING_DEFAULT_WCKEY", "USE_DEFAULT_WCKEY"), ("DEPENDENT", "JOB_DEPENDENT"), ("MAGNETIC", "JOB_MAGNETIC"),
    ("PARTITION_ASSIGNED", "JOB_PART_ASSIGNED"), ("BACKFILL_ATTEMPTED", "BACKFILL_SCHED"),
    ("SCHEDULING_ATTEMPTED", "BACKFILL_LAST")]
JOB_FLAGS = Flags("job_flags", _JOB_FLAGS + [("STEPMGR_ENABLED", "STEPMGR_ENABLED")])
# v0.0.43 on: EXTERNAL_JOB; v0.0.44 the segment and requeue flags; v0.0.45 JOB_IMPLICIT_MAX_NODES (26.05's
# bits: 0 and never written before)
_EXT = [n for n, _ in _JOB_FLAGS].index("EXACT_MEMORY_REQUESTED") + 1
_JOB_FLAGS_V43 = _JOB_FLAGS[:_EXT] + [("EXTERNAL_JOB", "EXTERNAL_JOB")] + _JOB_FLAGS[_EXT:] + [
    ("STEPMGR_ENABLED", "STEPMGR_ENABLED")]
_JOB_FLAGS_V44 = _JOB_FLAGS_V43 + [("SPREAD_SEGMENTS", "SPREAD_SEGMENTS"),
                                   ("CONSOLIDATE_SEGMENTS", "CONSOLIDATE_SEGMENTS"),
                                   ("EXPEDITED_REQUEUE", "EXPEDITED_REQUEUE")]
JOB_FLAGS_V43 = Flags("job_flags", _JOB_FLAGS_V43)
JOB_FLAGS_V44 = Flags("job_flags", _JOB_FLAGS_V44)
JOB_FLAGS_V45 = Flags("job_flags", _JOB_FLAGS_V44 + [("JOB_IMPLICIT_MAX_NODES", "JOB_IMPLICIT_MAX_NODES")])
# v0.0.40's list (23.11's flags): the script and GRES sharing bits, no STEPMGR_ENABLED
JOB_FLAGS_V40 = Flags("job_flags", _JOB_FLAGS + [
    ("SAVE_BATCH_SCRIPT", "JOB_SEND_SCRIPT"), ("GRES_ONE_TASK_PER_SHARING", "GRES_ONE_TASK_PER_SHARING"),
    ("GRES_MULTIPLE_TASKS_PER_SHARING", "GRES_MULT_TASKS_PER_SHARING"),
    ("GRES_ALLOW_TASK_SHARING", "GRES_ALLOW_TASK_SHARING")])
# v0.0.39's (23.02's flags, and its spelling of GRED_BINDING_DISABLED)
JOB_FLAGS_V39 = Flags("job_flags", [("GRED_BINDING_DISABLED" if name == "GRES_BINDING_DISABLED" else name, *rest)
                                    for name, *rest in _JOB_FLAGS] + [("SAVE_BATCH_SCRIPT", "JOB_SEND_SCRIPT")])
_BASE, _FLAGS = "JOB_STATE_BASE", "JOB_STATE_FLAGS"
JOB_STATE = Flags("job_state", [
    ("PENDING", "JOB_PENDING", _BASE), ("RUNNING", "JOB_RUNNING", _BASE), ("SUSPENDED", "JOB_SUSPENDED", _BASE),
    ("COMPLETED", "JOB_COMPLETE", _BASE), ("CANCELLED", "JOB_CANCELLED", _BASE), ("FAILED", "JOB_FAILED", _BASE),
    ("TIMEOUT", "JOB_TIMEOUT", _BASE), ("NODE_FAIL", "JOB_NODE_FAIL", _BASE),
    ("PREEMPTED", "JOB_PREEMPTED", _BASE), ("BOOT_FAIL", "JOB_BOOT_FAIL", _BASE),
    ("DEADLINE", "JOB_DEADLINE", _BASE), ("OUT_OF_MEMORY", "JOB_OOM", _BASE),
    # the state's flags: masked bits (under JOB_STATE_FLAGS, so the base state does not hide them)
    ("LAUNCH_FAILED", "JOB_LAUNCH_FAILED", _FLAGS, "bit"),
    ("REQUEUED", "JOB_REQUEUE", _FLAGS, "bit"),
    ("REQUEUE_HOLD", "JOB_REQUEUE_HOLD", _FLAGS, "bit"),
    ("SPECIAL_EXIT", "JOB_SPECIAL_EXIT", _FLAGS, "bit"),
    ("RESIZING", "JOB_RESIZING", _FLAGS, "bit"),
    ("CONFIGURING", "JOB_CONFIGURING", _FLAGS, "bit"),
    ("COMPLETING", "JOB_COMPLETING", _FLAGS, "bit"),
    ("STOPPED", "JOB_STOPPED", _FLAGS, "bit"),
    ("RECONFIG_FAIL", "JOB_RECONFIG_FAIL", _FLAGS, "bit"),
    ("POWER_UP_NODE", "JOB_POWER_UP_NODE", _FLAGS, "bit"),
    ("REVOKED", "JOB_REVOKED", _FLAGS, "bit"),
    ("REQUEUE_FED", "JOB_REQUEUE_FED", _FLAGS, "bit"),
    ("RESV_DEL_HOLD", "JOB_RESV_DEL_HOLD", _FLAGS, "bit"),
    ("SIGNALING", "JOB_SIGNALING", _FLAGS, "bit"),
    ("STAGE_OUT", "JOB_STAGE_OUT", _FLAGS, "bit")])
JOB_STATE_V44 = Flags("job_state", JOB_STATE.rows + (("EXPEDITING", "JOB_EXPEDITING", "JOB_EXPEDITING", "bit"),))
JOB_MAIL_FLAGS = Flags("job_mail_flags", [
    ("BEGIN", "MAIL_JOB_BEGIN"), ("END", "MAIL_JOB_END"), ("FAIL", "MAIL_JOB_FAIL"),
    ("REQUEUE", "MAIL_JOB_REQUEUE"), ("TIME=100%", "MAIL_JOB_TIME100"), ("TIME=90%", "MAIL_JOB_TIME90"),
    ("TIME=80%", "MAIL_JOB_TIME80"), ("TIME=50%", "MAIL_JOB_TIME50"), ("STAGE_OUT", "MAIL_JOB_STAGE_OUT"),
    ("ARRAY_TASKS", "MAIL_ARRAY_TASKS"), ("INVALID_DEPENDENCY", "MAIL_INVALID_DEPEND")])
ACCT_GATHER_PROFILE = Flags("acct_gather_profile", [
    ("NOT_SET", "ACCT_GATHER_PROFILE_NOT_SET", "INFINITE"), ("NONE", "ACCT_GATHER_PROFILE_NONE", "INFINITE"),
    ("ENERGY", "ACCT_GATHER_PROFILE_ENERGY"), ("LUSTRE", "ACCT_GATHER_PROFILE_LUSTRE"),
    ("NETWORK", "ACCT_GATHER_PROFILE_NETWORK"), ("TASK", "ACCT_GATHER_PROFILE_TASK")])
JOB_SHARED = Flags("job_shared", [
    ("none", "JOB_SHARED_NONE", "INFINITE16"), ("oversubscribe", "JOB_SHARED_OK", "INFINITE16"),
    ("user", "JOB_SHARED_USER", "INFINITE16"), ("mcs", "JOB_SHARED_MCS", "INFINITE16"),
    ("topo", "JOB_SHARED_TOPO", "INFINITE16")])
JOB_EXCLUSIVE = Flags("job_exclusive_flags", [
    ("true", "JOB_SHARED_NONE", "INFINITE16"), ("false", "JOB_SHARED_OK", "INFINITE16"),
    ("user", "JOB_SHARED_USER", "INFINITE16"), ("mcs", "JOB_SHARED_MCS", "INFINITE16"),
    ("topo", "JOB_SHARED_TOPO", "INFINITE16")])
NODE_CR_TYPE = Flags("node_cr_type", [
    ("AVAILABLE", "NODE_CR_AVAILABLE", "INFINITE"), ("ONE_ROW", "NODE_CR_ONE_ROW", "INFINITE"),
    ("RESERVED", "NODE_CR_RESERVED", "INFINITE")])

# PROCESS_EXIT_CODE: a wait() status as {status[], return_code, signal{id, name}}
_EXIT_STATUS = ("INVALID", "PENDING", "SUCCESS", "ERROR", "SIGNALED", "CORE_DUMPED")


def _signal_name(number):
    try:
        return _signal.Signals(number).name[3:]
    except ValueError:
        return str(number)


EXIT_STATUS = Scalar({"type": "array", "items": {"type": "string", "enum": list(_EXIT_STATUS)}},
                     name="process_exit_code_status", unset=())


class ExitCode(Type):
    name = "process_exit_code_verbose"
    unset = {"status": ["INVALID"], "return_code": UINT32_NO_VAL.unset,
             "signal": {"id": UINT16_NO_VAL.unset, "name": ""}}

    def dump(self, value):
        status, code, sig = "INVALID", 0xFFFFFFFE, 0xFFFE
        if value == 0xFFFFFFFE:
            status = "PENDING"
        elif value & 0x7F == 0:  # WIFEXITED
            code = (value >> 8) & 0xFF
            status = "ERROR" if code else "SUCCESS"
        elif ((value & 0x7F) + 1) >> 1 > 0:  # WIFSIGNALED (wait.h: ((signed char)((s & 0x7f) + 1) >> 1) > 0)
            status, sig = "SIGNALED", value & 0x7F
        elif value & 0x80:  # WCOREDUMP
            status = "CORE_DUMPED"
        else:
            code = value
        return {"status": [status], "return_code": UINT32_NO_VAL.dump(code),
                "signal": {"id": UINT16_NO_VAL.dump(sig), "name": "" if sig == 0xFFFE else _signal_name(sig)}}

    def body(self, schemas):
        return {"type": "object", "properties": {
            "status": EXIT_STATUS.ref(schemas, "Status given by return code"),
            "return_code": UINT32_NO_VAL.ref(schemas, "Process return code (numeric)"),
            "signal": {"type": "object", "properties": {
                "id": UINT16_NO_VAL.ref(schemas, "Signal sent to process (numeric)"),
                "name": {"type": "string", "description": "Signal sent to process (name)"}}}}}


PROCESS_EXIT_CODE = ExitCode()

_names = {}


def _user(uid):
    key = ("u", uid)
    if key not in _names:
        try:
            _names[key] = pwd.getpwuid(uid).pw_name
        except KeyError:
            _names[key] = ""
    return _names[key]


def _group(gid):
    key = ("g", gid)
    if key not in _names:
        try:
            _names[key] = grp.getgrgid(gid).gr_name
        except KeyError:
            _names[key] = ""
    return _names[key]


def _reason(record):
    from ...slurm._lib import load

    ffi, lib = load()
    value = record["state_reason"]
    key = ("r", value)
    if key not in _names:
        _names[key] = ffi.string(lib.slurm_job_reason_string(value)).decode()
    return _names[key]


PART_PRIO = table("part_prio", (
    ("partition", lambda r: r[0], STRING, "Partition name"),
    ("priority", lambda r: r[1], UINT32, "Prospective job priority if it runs in this partition"),
))
PRIORITY_BY_PARTITION = List(PART_PRIO, "priority_by_partition")


# job_resources: v0.0.40's (sockets as dicts keyed by index) and v0.0.41 on's (lists of cores
# with their status)
V40_JOB_RES_NODES = Scalar({"type": "array", "description": "job node resources", "items": {}},
                          name="job_res_nodes", unset=())


class _V40Resources(Type):
    name = "job_res"
    unset = {}

    def dump(self, j):
        if j is None:
            return {}
        from ...slurm._lib import load

        cr = load()[1].slurm_conf.select_type_param
        out = {"nodes": j["nodes"] or "",
               "allocated_cores": j["ncpus"] if cr & (const("CR_CORE") | const("CR_SOCKET")) else 0,
               "allocated_cpus": j["ncpus"] if cr & const("CR_CPU") else 0,
               "allocated_hosts": j["nhosts"], "allocated_nodes": []}
        for node in j["allocation"]:
            sockets = {}
            for s, cores in enumerate(node["sockets"]):
                for c, status in enumerate(cores):
                    if status and status[0]:
                        sockets.setdefault(str(s), {"cores": {}})["cores"][str(c)] = (
                            "allocated_and_in_use" if status[1] else "allocated")
            out["allocated_nodes"].append({"sockets": sockets, "nodename": node["name"],
                                           "cpus_used": node["cpus_used"], "memory_used": node["memory_used"],
                                           "memory_allocated": node["memory_allocated"]})
        return out

    def body(self, schemas):
        return {"type": "object", "properties": {
            "nodes": {"type": "string", "description": "Node(s) allocated to the job"},
            "allocated_cores": {"type": "integer", "format": "int32", "description": "Number of allocated cores"},
            "allocated_cpus": {"type": "integer", "format": "int32", "description": "Number of allocated CPUs"},
            "allocated_hosts": {"type": "integer", "format": "int32", "description": "Number of allocated hosts"},
            "allocated_nodes": V40_JOB_RES_NODES.ref(schemas, "Allocated node resources")}}


def _core_status(status):
    if status is None:
        return ["INVALID"]
    alloc, in_use = status
    if not alloc:
        return ["UNALLOCATED"]
    return ["ALLOCATED", "IN_USE"] if in_use else ["ALLOCATED"]


def _sockets(node):
    return [{"index": s, "cores": [{"index": c, "status": _core_status(st)} for c, st in enumerate(cores)]}
            for s, cores in enumerate(node["sockets"])]


# the reference's own statuses (JOB_RES_CORE_*), made in _core_status
JOB_RES_CORE_STATUS = Scalar({"type": "array", "items": {"type": "string", "enum": [
    "INVALID", "UNALLOCATED", "ALLOCATED", "IN_USE"]}}, name="job_res_core_status", unset=())
JOB_RES_CORE = table("job_res_core", (
    ("index", "index", UINT32, "Core index", REQUIRED),
    ("status", "status", JOB_RES_CORE_STATUS, "Core status", REQUIRED),
))
JOB_RES_NODE = table("job_res_node", (
    ("index", "index", UINT32, "Node index", REQUIRED),
    ("name", "name", STRING, "Node name", REQUIRED),
    ("cpus/count", "cpus", UINT16, "Total number of CPUs assigned to job", REQUIRED),
    ("cpus/used", "cpus_used", UINT16, "Total number of CPUs used by job", REQUIRED),
    ("memory/used", "memory_used", UINT64, "Total memory (MiB) used by job", REQUIRED),
    ("memory/allocated", "memory_allocated", UINT64, "Total memory (MiB) allocated to job", REQUIRED),
    ("sockets", _sockets, List(table("job_res_socket", (
        ("index", "index", UINT32, "Core index", REQUIRED),
        ("cores", "cores", List(JOB_RES_CORE, "job_res_core_array"), "Core in socket", REQUIRED),
    )), "job_res_socket_array"), "Socket allocations in node", REQUIRED),
))
_JOB_RES = (
    ("select_type", "cr_type", CR_TYPE, "Scheduler consumable resource selection type", REQUIRED),
    ("nodes/count", "nhosts", UINT32, "Number of allocated nodes", REQUIRED),
    ("nodes/select_type", "node_req", NODE_CR_TYPE, "Node scheduling selection method", REQUIRED),
    ("nodes/list", "nodes", STRING, "Node(s) allocated to the job", REQUIRED),
    ("nodes/whole", "whole_node", BOOL, "Whether whole nodes were allocated", REQUIRED),
    ("nodes/allocation", "allocation", List(JOB_RES_NODE, "job_res_nodes"), "Allocated node resources", REQUIRED),
    ("cpus", "ncpus", UINT32, "Number of allocated CPUs", REQUIRED),
    ("threads_per_core", "threads_per_core", UINT16_NO_VAL, "Number of processor threads per CPU core", REQUIRED),
)
JOB_RES = table("job_res", _JOB_RES)
# v0.0.45 names the selection type as SelectTypeParameters does (partitions.SELECT_TYPE)
JOB_RES_V45 = table("job_res", ((_JOB_RES[0][0], _JOB_RES[0][1], SELECT_TYPE, *_JOB_RES[0][3:]),) + _JOB_RES[1:])


class _Nullable(Type):
    """A pointer: null when NULL (v0.0.41 on). The reference sends null for a job with no
    resources though its schema says object: ours says nullable (a repair, README)."""

    unset = None

    def __init__(self, inner):
        self.inner, self.name = inner, inner.name

    def dump(self, value):
        return None if value is None else self.inner.dump(value)

    def body(self, schemas):
        return {**self.inner.body(schemas), "nullable": True}


def _std(key):
    return lambda r: r[key]


_CB32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# SLURM_PENDING_STEP, SLURM_EXTERN_CONT, SLURM_BATCH_SCRIPT, SLURM_INTERACTIVE_STEP, NO_VAL
_STEP_NAMES = {0xFFFFFFFD: "TBD", 0xFFFFFFFC: "extern", 0xFFFFFFFB: "batch", 0xFFFFFFFA: "interactive",
               0xFFFFFFFE: "entire"}


def _sluid(value):
    """A SLUID as print_sluid() writes it: "s" and 13 Crockford base-32 digits ("" when none)."""
    if not value:
        return ""
    return "s" + "".join(_CB32[(value >> (5 * i)) & 0x1F] for i in range(12, -1, -1))


SLURM_STEP_ID = table("slurm_step_id", (
    ("sluid", lambda i: _sluid(i["sluid"]), STRING, "SLUID (Slurm Lexicographically-sortable Unique ID)"),
    ("job_id", "job_id", UINT32_NO_VAL, "Job ID"),
    ("step_het_component", "step_het_comp", UINT32_NO_VAL, "HetJob component"),
    ("step_id", lambda i: _STEP_NAMES.get(i["step_id"], str(i["step_id"])), STRING, "Job step ID"),
))


def _expanded(key):
    return lambda r: r[key] if r.get(key + "_raw") else ""


def _rows():
    return (
        ("account", "account", STRING, "Account associated with the job"),
        ("accrue_time", "accrue_time", TIMESTAMP_NO_VAL, "When the job started accruing age priority (UNIX timestamp)"),
        ("admin_comment", "admin_comment", STRING, "Arbitrary comment made by administrator"),
        ("allocating_node", "alloc_node", STRING, "Local node making the resource allocation"),
        ("array_job_id", "array_job_id", UINT32_NO_VAL, "Job ID of job array, or 0 if N/A"),
        ("array_task_id", "array_task_id", UINT32_NO_VAL, "Task ID of this task in job array"),
        ("array_max_tasks", "array_max_tasks", UINT32_NO_VAL,
         "Maximum number of simultaneously running array tasks, 0 if no limit"),
        ("array_task_string", "array_task_str", STRING, "String expression of task IDs in this record"),
        ("association_id", "assoc_id", UINT32, "Unique identifier for the association"),
        ("batch_features", "batch_features", STRING, "Features required for batch script's node"),
        ("batch_flag", "batch_flag", BOOL16, "True if batch job"),
        ("batch_host", "batch_host", STRING, "Name of host running batch script"),
        ("flags", "bitflags", JOB_FLAGS_V39, "Job flags", V39),
        ("flags", "bitflags", JOB_FLAGS_V40, "Job flags", V40_ONLY),
        ("flags", "bitflags", JOB_FLAGS, "Job flags", V41 | V42),
        ("flags", "bitflags", JOB_FLAGS_V43, "Job flags", V43),
        ("flags", "bitflags", JOB_FLAGS_V44, "Job flags", V44),
        ("flags", "bitflags", JOB_FLAGS_V45, "Job flags", V45),
        ("burst_buffer", "burst_buffer", STRING, "Burst buffer specifications"),
        ("burst_buffer_state", "burst_buffer_state", STRING, "Burst buffer state details"),
        ("cluster", "cluster", STRING, "Cluster name"),
        ("cluster_features", "cluster_features", STRING, "List of required cluster features"),
        ("command", "command", STRING, "Executed command"),
        ("comment", "comment", STRING, "Arbitrary comment"),
        ("container", "container", STRING, "Absolute path to OCI container bundle"),
        ("container_id", "container_id", STRING, "OCI container ID"),
        ("container_type", "container_type", STRING, "Job container type", V45),
        ("contiguous", "contiguous", BOOL16_NO_VAL, "True if job requires contiguous nodes"),
        ("core_spec", "core_spec", CORE_SPEC, "Specialized core count"),
        ("thread_spec", "core_spec", THREAD_SPEC, "Specialized thread count"),
        ("cores_per_socket", "cores_per_socket", UINT16_NO_VAL, "Cores per socket required"),
        ("billable_tres", "billable_tres", FLOAT64_NO_VAL, "Billable TRES"),
        ("cpus_per_task", "cpus_per_task", UINT16_NO_VAL, "Number of CPUs required by each task"),
        ("cpu_frequency_minimum", "cpu_freq_min", UINT32_NO_VAL, "Minimum CPU frequency"),
        ("cpu_frequency_maximum", "cpu_freq_max", UINT32_NO_VAL, "Maximum CPU frequency"),
        ("cpu_frequency_governor", "cpu_freq_gov", UINT32_NO_VAL, "CPU frequency governor"),
        ("cpus_per_tres", "cpus_per_tres", STRING,
         "Semicolon delimited list of TRES=# values indicating how many CPUs should be allocated for each "
         "specified TRES (currently only used for gres/gpu)"),
        ("cron", "cronspec", STRING, "Time specification for scrontab job"),
        ("deadline", "deadline", TIMESTAMP_NO_VAL, "Latest time that the job may start (UNIX timestamp)"),
        ("delay_boot", "delay_boot", UINT32_NO_VAL,
         "Number of seconds after job eligible start that nodes will be rebooted to satisfy feature specification"),
        ("dependency", "dependency", STRING, "Other jobs that must meet certain criteria before this job can start"),
        ("derived_exit_code", "derived_ec", PerVersion(PROCESS_EXIT_CODE, V39, UINT32_NO_VAL),
         "Highest exit code of all job steps"),
        ("eligible_time", "eligible_time", TIMESTAMP_NO_VAL,
         "Time when the job became eligible to run (UNIX timestamp)"),
        ("end_time", "end_time", TIMESTAMP_NO_VAL, "End time, real or expected (UNIX timestamp)"),
        ("excluded_nodes", "exc_nodes", STRING, "Comma separated list of nodes that may not be used"),
        ("exit_code", "exit_code", PerVersion(PROCESS_EXIT_CODE, V39, UINT32_NO_VAL), "Exit code of the job"),
        ("extra", "extra", STRING, "Arbitrary string used for node filtering if extra constraints are enabled"),
        ("failed_node", "failed_node", STRING, "Name of node that caused job failure"),
        ("features", "features", STRING, "Comma separated list of features that are required"),
        ("federation_origin", "fed_origin_str", STRING, "Origin cluster's name (when using federation)"),
        ("federation_siblings_active", "fed_siblings_active_str", STRING, "Active sibling job names"),
        ("federation_siblings_viable", "fed_siblings_viable_str", STRING, "Viable sibling job names"),
        ("gres_detail", "gres_detail", STRING_LIST, "List of GRES index and counts allocated per node"),
        ("group_id", "group_id", UINT32, "Group ID of the user that owns the job"),
        ("group_name", lambda r: _group(r["group_id"]), STRING, "Group name of the user that owns the job"),
        ("het_job_id", "het_job_id", UINT32_NO_VAL, "Heterogeneous job ID, if applicable"),
        ("het_job_id_set", "het_job_id_set", STRING, "Job ID range for all heterogeneous job components"),
        ("het_job_offset", "het_job_offset", UINT32_NO_VAL,
         "Unique sequence number applied to this component of the heterogeneous job"),
        ("job_id", "job_id", UINT32, "Job ID"),
        ("job_resources", "job_resrcs", _V40Resources(), "Resources used by the job", V40),
        ("job_resources", "job_resrcs", _Nullable(JOB_RES), "Resources used by the job", V41 | _UNTIL_V44 - UNTIL_V41),
        ("job_resources", "job_resrcs", _Nullable(JOB_RES_V45), "Resources used by the job", V45),
        ("job_size_str", "job_size_str", CSV_STRING, "Number of nodes (in a range) required for this job"),
        ("job_state", "job_state", PerVersion(JOB_STATE, V39, JOB_STATE_STRING), "Current state", _UNTIL_V42 | V43),
        ("job_state", "job_state", JOB_STATE_V44, "Current state", V44_ON),
        ("last_sched_evaluation", "last_sched_eval", TIMESTAMP_NO_VAL,
         "Last time job was evaluated for scheduling (UNIX timestamp)"),
        ("licenses", "licenses", STRING, "License(s) required by the job"),
        ("licenses_allocated", "licenses_allocated", STRING, "License(s) allocated to the job", V43_ON),
        ("mail_type", "mail_type", JOB_MAIL_FLAGS, "Mail event type(s)"),
        ("mail_user", "mail_user", STRING, "User to receive email notifications"),
        ("max_cpus", "max_cpus", UINT32_NO_VAL, "Maximum number of CPUs usable by the job"),
        ("max_nodes", "max_nodes", UINT32_NO_VAL, "Maximum number of nodes usable by the job"),
        ("mcs_label", "mcs_label", STRING, "Multi-Category Security label on the job"),
        ("memory_per_tres", "mem_per_tres", STRING,
         "Semicolon delimited list of TRES=# values indicating how much memory in megabytes should be allocated "
         "for each specified TRES (currently only used for gres/gpu)"),
        ("memory_update_delay", "mem_update_delay", UINT16, "Auto-reduce memory delay in minutes", V45),
        ("memory_update_margin", "mem_update_margin", UINT16, "Auto-reduce memory margin percent", V45),
        ("name", "name", STRING, "Job name"),
        ("network", "network", STRING, "Network specs for the job"),
        ("nodes", "nodes", STRING, "Node(s) allocated to the job"),
        ("nice", "nice", NICE, "Requested job priority change"),
        ("tasks_per_core", "ntasks_per_core", UINT16_NO_VAL, "Number of tasks invoked on each core"),
        ("tasks_per_tres", "ntasks_per_tres", UINT16_NO_VAL, "Number of tasks that can assess each GPU"),
        ("tasks_per_node", "ntasks_per_node", UINT16_NO_VAL, "Number of tasks invoked on each node"),
        ("tasks_per_socket", "ntasks_per_socket", UINT16_NO_VAL, "Number of tasks invoked on each socket"),
        ("tasks_per_board", "ntasks_per_board", UINT16_NO_VAL, "Number of tasks invoked on each board"),
        ("cpus", "num_cpus", UINT32_NO_VAL, "Minimum number of CPUs required"),
        ("node_count", "num_nodes", UINT32_NO_VAL, "Minimum number of nodes required"),
        ("tasks", "num_tasks", UINT32_NO_VAL, "Number of tasks"),
        ("partition", "partition", STRING, "Partition assigned to the job"),
        ("prefer", "prefer", STRING, "Feature(s) the job requested but that are not required"),
        ("memory_per_cpu", "pn_min_memory", MEM_PER_CPUS, "Minimum memory in megabytes per allocated CPU"),
        ("memory_per_node", "pn_min_memory", MEM_PER_NODE, "Minimum memory in megabytes per allocated node"),
        ("minimum_cpus_per_node", "pn_min_cpus", UINT16_NO_VAL, "Minimum number of CPUs per node"),
        ("minimum_tmp_disk_per_node", "pn_min_tmp_disk", UINT32_NO_VAL, "Minimum tmp disk space required per node"),
        ("power/flags", lambda r: (), POWER_FLAGS_V40, None, V40),
        ("power/flags", lambda r: (), EMPTY_FLAGS, None, V41 | V42 | V43 | V44),
        ("preempt_time", "preempt_time", TIMESTAMP_NO_VAL, "Time job received preemption signal (UNIX timestamp)"),
        ("preemptable_time", "preemptable_time", TIMESTAMP_NO_VAL,
         "Time job becomes eligible for preemption (UNIX timestamp)"),
        ("pre_sus_time", "pre_sus_time", TIMESTAMP_NO_VAL, "Total run time prior to last suspend in seconds"),
        ("hold", "priority", HOLD, "Hold (true) or release (false) job"),
        ("priority", "priority", UINT32_NO_VAL, "Request specific job priority"),
        ("priority_by_partition", "priority_array", PRIORITY_BY_PARTITION,
         "Prospective job priority in each partition that may be used by this job", V42_ON),
        ("profile", "profile", ACCT_GATHER_PROFILE, "Profile used by the acct_gather_profile plugin"),
        ("qos", "qos", STRING, "Quality of Service assigned to the job, if pending the QOS requested"),
        ("reboot", "reboot", BOOL, "Node reboot requested before start"),
        ("required_nodes", "req_nodes", STRING, "Comma separated list of required nodes"),
        ("minimum_switches", "req_switch", UINT32,
         "Maximum number of switches (the 'minimum' in the key is incorrect)", UNTIL_V41),
        ("required_switches", "req_switch", UINT32, "Maximum number of switches", V42_ON),
        ("requeue", "requeue", BOOL16, "Determines whether the job may be requeued"),
        ("resize_time", "resize_time", TIMESTAMP_NO_VAL, "Time of last size change (UNIX timestamp)"),
        ("restart_cnt", "restart_cnt", UINT16, "Number of job restarts"),
        ("resv_name", "resv_name", STRING, "Name of reservation to use"),
        ("scheduled_nodes", "sched_nodes", STRING, "List of nodes scheduled to be used for the job"),
        ("segment_size", "segment_size", UINT16, "Requested segment size", V43_ON),
        ("selinux_context", "selinux_context", STRING, "SELinux context"),
        ("shared", "shared", JOB_SHARED, "How the job can share resources with other jobs, if at all"),
        ("exclusive", "shared", JOB_EXCLUSIVE, None, UNTIL_V41),
        ("oversubscribe", "shared", BOOL16, None, UNTIL_V41),
        ("show_flags", lambda r: 0, SHOW_FLAGS, None, UNTIL_V41),
        ("step_id", "_step_id", SLURM_STEP_ID, "Job step ID", V44_ON),
        ("sockets_per_board", "sockets_per_board", UINT16, "Number of sockets per board required"),
        ("sockets_per_node", "sockets_per_node", UINT16_NO_VAL, "Number of sockets per node required"),
        ("start_time", "start_time", TIMESTAMP_NO_VAL,
         "Time execution began, or is expected to begin (UNIX timestamp)"),
        ("state_description", "state_desc", STRING, "Optional details for state_reason"),
        ("state_reason", _reason, STRING, "Reason for current Pending or Failed state"),
        ("standard_error", _std("std_err"), STRING, "Path to stderr file", _UNTIL_V42),
        ("standard_input", _std("std_in"), STRING, "Path to stdin file", _UNTIL_V42),
        ("standard_output", _std("std_out"), STRING, "Path to stdout file", _UNTIL_V42),
        # v0.0.43 on: the paths as given, and as libslurm expands them ("" when none was given)
        ("standard_input", "std_in_raw", STRING, "Path to stdin file", V43_ON),
        ("standard_output", "std_out_raw", STRING, "Path to stdout file", V43_ON),
        ("standard_error", "std_err_raw", STRING, "Path to stderr file", V43_ON),
        ("stdin_expanded", _expanded("std_in"), STRING, "Job stdin with expanded fields", V43_ON),
        ("stdout_expanded", _expanded("std_out"), STRING, "Job stdout with expanded fields", V43_ON),
        ("stderr_expanded", _expanded("std_err"), STRING, "Job stderr with expanded fields", V43_ON),
        ("submit_time", "submit_time", TIMESTAMP_NO_VAL, "Time when the job was submitted (UNIX timestamp)"),
        ("submit_line", "submit_line", STRING, "Job submit line (e.g. 'sbatch -N3 job.sh job_arg'", V44_ON),
        ("suspend_time", "suspend_time", TIMESTAMP_NO_VAL,
         "Time the job was last suspended or resumed (UNIX timestamp)"),
        ("system_comment", "system_comment", STRING, "Arbitrary comment from slurmctld"),
        ("time_limit", "time_limit", UINT32_NO_VAL, "Maximum run time in minutes"),
        ("time_minimum", "time_min", UINT32_NO_VAL, "Minimum run time in minutes"),
        ("threads_per_core", "threads_per_core", UINT16_NO_VAL, "Number of processor threads per CPU core required"),
        ("tres_bind", "tres_bind", STRING, "Task to TRES binding directives"),
        ("tres_freq", "tres_freq", STRING, "TRES frequency directives"),
        ("tres_per_job", "tres_per_job", STRING, "Comma separated list of TRES=# values to be allocated per job"),
        ("tres_per_node", "tres_per_node", STRING, "Comma separated list of TRES=# values to be allocated per node"),
        ("tres_per_socket", "tres_per_socket", STRING,
         "Comma separated list of TRES=# values to be allocated per socket"),
        ("tres_per_task", "tres_per_task", STRING, "Comma separated list of TRES=# values to be allocated per task"),
        ("tres_req_str", "tres_req_str", STRING, "TRES requested by the job"),
        ("tres_alloc_str", "tres_alloc_str", STRING, "TRES used by the job"),
        ("user_id", "user_id", UINT32, "User ID that owns the job"),
        ("user_name", lambda r: _user(r["user_id"]), STRING, "User name that owns the job"),
        ("maximum_switch_wait_time", "wait4switch", UINT32, "Maximum time to wait for switches in seconds"),
        ("wckey", "wckey", STRING, "Workload characterization key"),
        ("current_working_directory", "work_dir", STRING, "Working directory to use for the job"),
    )


JOB_INFO = _rows()

def _state_job_id(r):
    """jobs/state's job id as the reference writes it: "12", "12_3" (an array's task), "13+1"
    (a het job's component)."""
    if not r["job_id"]:
        return ""
    if r["het_job_id"]:
        return f"{r['job_id']}+{r['job_id'] - r['het_job_id']}"
    if not r["array_job_id"]:
        return str(r["job_id"])
    if r["array_task_id"] in (0xFFFFFFFE, 0xFFFFFFFF):
        return f"{r['job_id']}_*"
    return f"{r['job_id']}_{r['array_task_id']}"


JOB_STATE_RESP_JOB = table("job_state_resp_job", (
    ("job_id", _state_job_id, STRING, "Job ID", REQUIRED),
    ("state", "state", JOB_STATE, "Job state", REQUIRED),
))

QUERIES = {
    "job_states": (
        ("job_id", "string", "Search for CSV list of Job IDs", UNTIL_V41),
        ("job_id", "string", "CSV list of Job IDs to search for", V42_ON),
    ),
    "jobs": (
        ("update_time", TIMESTAMP, "Filter jobs since update timestamp", UNTIL_V41),
        ("update_time", TIMESTAMP, "Query jobs updated more recently than this time (UNIX timestamp)", V42_ON),
        ("flags", SHOW_FLAGS, "Query flags", V40_ON),
    ),
}


def objects(version):
    return {"job": table("job_info", JOB_INFO, version)}


def responses(version, objects):
    return {
        "jobs": response("openapi_job_info_resp", (
            ("jobs", "jobs", List(objects["job"], "job_info_msg"), "List of jobs", REQUIRED),
            ("last_backfill", "last_backfill", TIMESTAMP_NO_VAL, "Time of last backfill scheduler run (UNIX timestamp)",
             REQUIRED, V40_ON),
            ("last_update", "last_update", TIMESTAMP_NO_VAL, "Time of last job change (UNIX timestamp)", REQUIRED,
             V40_ON),
        ), version),
        # The reference's document gives this answer openapi_job_info_resp's schema, which its
        # answers break (job_id a string, no last_backfill/last_update): ours has a schema of its
        # own that says what is served, last_backfill/last_update included (README)
        "job_states": response("openapi_job_state_resp", (
            ("jobs", "jobs", List(JOB_STATE_RESP_JOB, "job_state_resp_msg"), "List of job states", REQUIRED),
            ("last_backfill", "last_backfill", TIMESTAMP_NO_VAL, "Time of last backfill scheduler run (UNIX timestamp)",
             REQUIRED),
            ("last_update", "last_update", TIMESTAMP_NO_VAL, "Time of last job change (UNIX timestamp)", REQUIRED),
        ), version),
    }
