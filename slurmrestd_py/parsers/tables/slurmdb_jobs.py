"""slurmdb jobs and their steps (slurmdb_job_rec_t, slurmdb_step_rec_t), for slurmdb GET jobs and
job/{job_id}.

Rows: (path in the answer, field of the copied-out record or a function of it, type, description
[, versions]), in the reference's order. What a row needs beyond the record (the TRES, QOS and
associations slurmdbd knows) the handler puts in the record as "_env" (api/parsed/slurmdb_jobs.py).
"""
import grp
import signal as _signal

from ...slurm import convert
from ..types import BOOL, INT64, RELEASE_FLAG, REQUIRED, STRING, UINT16_NO_VAL, UINT32_NO_VAL, UINT64_AS_INT64, \
    UINT64_NO_VAL, Flags, List, PerVersion, Scalar, table
from . import UNTIL_V41, V39, V40, V40_ON, V41_ON, V42, V42_ON, V43, V43_ON, V44_ON, V45
from .meta import response
from .numbers import (JOB_EXIT_CODE_V39, JOB_STATE_STRING, MEM_PER_CPUS, MEM_PER_NODE, TIMESTAMP_NO_VAL, UINT16, UINT32,
                      UINT64, Derived)

TIMESTAMP = INT64  # time_t as it is
_NO_VAL = 0xFFFFFFFE
_NO_VAL16 = 0xFFFE

JOB_STATE = Flags("job_state", [
    ("PENDING", "JOB_PENDING", "JOB_STATE_BASE"), ("RUNNING", "JOB_RUNNING", "JOB_STATE_BASE"),
    ("SUSPENDED", "JOB_SUSPENDED", "JOB_STATE_BASE"), ("COMPLETED", "JOB_COMPLETE", "JOB_STATE_BASE"),
    ("CANCELLED", "JOB_CANCELLED", "JOB_STATE_BASE"), ("FAILED", "JOB_FAILED", "JOB_STATE_BASE"),
    ("TIMEOUT", "JOB_TIMEOUT", "JOB_STATE_BASE"), ("NODE_FAIL", "JOB_NODE_FAIL", "JOB_STATE_BASE"),
    ("PREEMPTED", "JOB_PREEMPTED", "JOB_STATE_BASE"), ("BOOT_FAIL", "JOB_BOOT_FAIL", "JOB_STATE_BASE"),
    ("DEADLINE", "JOB_DEADLINE", "JOB_STATE_BASE"), ("OUT_OF_MEMORY", "JOB_OOM", "JOB_STATE_BASE"),
    # the state's flags: masked bits (under JOB_STATE_FLAGS, so the base state does not hide them:
    # a requeued job pending again is ["PENDING", "REQUEUED"]), as tables/jobs.py has them
    *((name, const, "JOB_STATE_FLAGS", "bit") for name, const in (
        ("LAUNCH_FAILED", "JOB_LAUNCH_FAILED"), ("REQUEUED", "JOB_REQUEUE"), ("REQUEUE_HOLD", "JOB_REQUEUE_HOLD"),
        ("SPECIAL_EXIT", "JOB_SPECIAL_EXIT"), ("RESIZING", "JOB_RESIZING"), ("CONFIGURING", "JOB_CONFIGURING"),
        ("COMPLETING", "JOB_COMPLETING"), ("STOPPED", "JOB_STOPPED"), ("RECONFIG_FAIL", "JOB_RECONFIG_FAIL"),
        ("POWER_UP_NODE", "JOB_POWER_UP_NODE"), ("REVOKED", "JOB_REVOKED"), ("REQUEUE_FED", "JOB_REQUEUE_FED"),
        ("RESV_DEL_HOLD", "JOB_RESV_DEL_HOLD"), ("SIGNALING", "JOB_SIGNALING"), ("STAGE_OUT", "JOB_STAGE_OUT")))])
# v0.0.44 on: EXPEDITING (26.05's JOB_EXPEDITING; 0 on older releases: never reported, not named)
JOB_STATE_V44 = Flags("job_state", JOB_STATE.rows + (("EXPEDITING", "JOB_EXPEDITING", "JOB_STATE_FLAGS", "bit",
                                                     RELEASE_FLAG),))
JOB_FLAGS = Flags("slurmdb_job_flags", [
    ("NONE", 0, "INFINITE"), ("CLEAR_SCHEDULING", "SLURMDB_JOB_CLEAR_SCHED", "INFINITE"),
    ("NOT_SET", "SLURMDB_JOB_FLAG_NOTSET"), ("STARTED_ON_SUBMIT", "SLURMDB_JOB_FLAG_SUBMIT"),
    ("STARTED_ON_SCHEDULE", "SLURMDB_JOB_FLAG_SCHED"), ("STARTED_ON_BACKFILL", "SLURMDB_JOB_FLAG_BACKFILL"),
    ("START_RECEIVED", "SLURMDB_JOB_FLAG_START_R")])
# v0.0.44 on: JOB_ALTERED (26.05's SLURMDB_JOB_FLAG_ALTERED)
JOB_FLAGS_V44 = Flags("slurmdb_job_flags", JOB_FLAGS.rows + (("JOB_ALTERED", "SLURMDB_JOB_FLAG_ALTERED", None,
                                                             RELEASE_FLAG),))


class _DescribedFlags(Flags):
    """Flags whose schema lists names the dump never writes (the reference's NONE)."""

    def __init__(self, name, rows, hidden):
        super().__init__(name, [r for r in rows if r[0] not in hidden])
        self._described = tuple(rows)

    def body(self, schemas):
        return {"type": "array", "items": {"type": "string", "enum": [r[0] for r in self._described]}}


_JOB_FLAGS_DUMP = _DescribedFlags("slurmdb_job_flags", JOB_FLAGS.rows, ("NONE",))
_JOB_FLAGS_DUMP_V44 = _DescribedFlags("slurmdb_job_flags", JOB_FLAGS_V44.rows, ("NONE",))
EXIT_STATUS = ("INVALID", "PENDING", "SUCCESS", "ERROR", "SIGNALED", "CORE_DUMPED")


class _Listed(Scalar):
    """A value a function turns into the list of names the reference writes."""

    def __init__(self, name, names, convert_):
        super().__init__({"type": "array", "items": {"type": "string", "enum": list(names)}}, convert_, name, ())


def _exit_code(value):
    """A wait(2) status as the reference's PROCESS_EXIT_CODE reads it: (status, return code,
    signal)."""
    value &= 0xFFFFFFFF  # a step's exitcode is an int32_t
    if value == _NO_VAL:
        return "PENDING", _NO_VAL, _NO_VAL16
    if value & 0x7F == 0:
        rc = (value >> 8) & 0xFF
        return ("ERROR" if rc else "SUCCESS"), rc, _NO_VAL16
    if ((value & 0x7F) + 1) & 0x7F >= 2:  # WIFSIGNALED
        return "SIGNALED", _NO_VAL, value & 0x7F
    if value & 0x80:
        return "CORE_DUMPED", _NO_VAL, _NO_VAL16
    return "INVALID", value, _NO_VAL16


# The signals Slurm names (sig_num2name()), without "SIG"; any other is its number
_SIGNALS = ("HUP", "INT", "QUIT", "ABRT", "KILL", "ALRM", "TERM", "CHLD", "USR1", "USR2", "PIPE", "URG", "CONT",
            "STOP", "TSTP", "TTIN", "TTOU", "XCPU")
_SIGNAL_NAMES = {int(getattr(_signal, "SIG" + n)): n for n in reversed(_SIGNALS)}


def _signal_name(sig):
    if sig == _NO_VAL16:
        return ""
    return _SIGNAL_NAMES.get(sig, str(sig))


EXIT_CODE = table("process_exit_code_verbose", (
    ("status", lambda v: _exit_code(v)[0], _Listed("process_exit_code_status", EXIT_STATUS, lambda s: [s]),
     "Status given by return code"),
    ("return_code", lambda v: _exit_code(v)[1], UINT32_NO_VAL, "Process return code (numeric)"),
    ("signal/id", lambda v: _exit_code(v)[2], UINT16_NO_VAL, "Signal sent to process (numeric)"),
    ("signal/name", lambda v: _signal_name(_exit_code(v)[2]), STRING, "Signal sent to process (name)"),
))


def _user(uid):
    return convert.user_or_none(uid) or ""


def _group(gid):
    try:
        return grp.getgrgid(gid).gr_name
    except (KeyError, OverflowError):
        return ""


def _job_user(job):
    return job.get("user") or convert.user_or_none(job.get("uid", _NO_VAL)) or None


def _qos(job):
    qos_id = job["qosid"]
    if not qos_id or qos_id == 0xFFFFFFFF:
        return ""
    return job["_env"].qos_names.get(qos_id) or "Unknown"


def _planned(job):
    eligible, start, end = job["eligible"], job["start"], job["end"]
    if not eligible or eligible == 0xFFFFFFFF:
        return 0
    if start == _NO_VAL and end:
        return end - eligible
    if start:
        return start - eligible
    import time
    return int(time.time()) - eligible


_WILDCARDS = "AabJjNnstux"


_CB32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _sluid(value):
    """A SLUID as the reference prints it ("s" and 13 Crockford base32 digits); "" when unset."""
    if not value:
        return ""
    return "s" + "".join(_CB32[(value >> 5 * i) & 0x1F] for i in range(12, -1, -1))


def _expand_step(step, path):
    """A step's stdin/stdout/stderr path as slurmdb_expand_step_stdio_fields writes it, "" when unset.
    Not done yet (issue 16): %-patterns and paths relative to the step's cwd (26.05's slurmdbd stores
    no step stdio for the test cluster's steps, so nothing here is compared with the reference)."""
    if not path:
        return ""
    return path.replace("\\", "") if "\\" in path else path


def _expand(job, path):
    """A job's stdin/stdout/stderr path with its %-patterns filled in, as sacct shows them."""
    if not path:
        return ""
    steps = job.get("steps") or []
    first = steps[0] if steps else {}
    values = {
        "A": lambda p: f"{job['array_job_id'] or job['jobid']:0{p}d}",
        "J": lambda p: f"{job['jobid']:0{p}d}", "j": lambda p: f"{job['jobid']:0{p}d}",
        "a": lambda p: f"{job['array_task_id']:0{p}d}", "b": lambda p: f"{job['array_task_id'] % 10:0{p}d}",
        "N": lambda p: first.get("nodes") or "(null)", "s": lambda p: first.get("stepname") or "(null)",
        "n": lambda p: "0", "t": lambda p: "0", "u": lambda p: job.get("user") or "(null)",
        "x": lambda p: job.get("jobname") or "(null)",
    }
    out = ""
    work_dir = job.get("work_dir")
    if not path.startswith("/") and work_dir:
        slash = job["_env"].ctx.parser.rules.stdio_slash and not work_dir.endswith("/")
        out = work_dir + ("/" if slash else "")
    if "\\" in path:
        return out + path.replace("\\", "")
    i = 0
    while i < len(path):
        c = path[i]
        if c != "%" or i + 1 >= len(path):
            if c != "%":
                out += c
            i += 1
            continue
        i += 1
        if path[i] == "%":
            out += "%"
            i += 1
            continue
        pad = 0
        if path[i].isdigit():
            start = i
            while i < len(path) and path[i].isdigit():
                i += 1
            digits = path[start:i]
            if int(digits) > 9:
                pad = 10
            else:
                pad, i = int(digits[0]), start + 1
            if i >= len(path) or path[i] not in _WILDCARDS:
                out += digits[-1]
                i = start + len(digits)
                continue
        if path[i] in _WILDCARDS:
            out += values[path[i]](pad)
        else:
            out += "%" + path[i]
        i += 1
    return out


def _wckey(value):
    if value is None:
        return {"wckey": "", "flags": []}
    if value.startswith("*"):
        return {"wckey": value[1:], "flags": ["ASSIGNED_DEFAULT"]}
    return {"wckey": value, "flags": []}


WCKEY_TAG = Derived(_wckey, table("wckey_tag_struct", (
    ("wckey", "wckey", STRING, "WCKey name", REQUIRED),
    ("flags", "flags", _Listed("wckey_tag_flags", ("ASSIGNED_DEFAULT",), list), "Active flags", REQUIRED),
)))

TRES = table("tres", (
    ("type", "type", STRING, "TRES type (CPU, MEM, etc)", REQUIRED),
    ("name", "name", STRING, "TRES name (if applicable)"),
    ("id", "id", UINT32, "ID used in the database"),
    ("count", "count", INT64, "TRES count (0 if listed generically)"),
))
TRES_LIST = List(TRES, "tres_list")
TRES_NCT = table("tres_nct", (
    ("type", "type", STRING, "TRES type (CPU, MEM, etc)", REQUIRED),
    ("name", "name", STRING, "TRES name (if applicable)"),
    ("id", "id", UINT32, "ID used in the database"),
    ("count", "count", INT64, "TRES count (0 if listed generically)"),
    ("task", "task", INT64, "Task index"),
    ("node", "node", STRING, "Node name"),
))


class _NctList(List):
    """A step's max/min TRES usage: TRES with the task and node of the extreme, which the
    reference's schema describes as plain TRES (a list of its own name)."""

    def dump(self, values):
        return [TRES_NCT.dump(v) for v in values or ()]


TRES_REQ_MAX, TRES_REQ_MIN = _NctList(TRES, "step_tres_req_max"), _NctList(TRES, "step_tres_req_min")
TRES_USAGE_MAX, TRES_USAGE_MIN = _NctList(TRES, "step_tres_usage_max"), _NctList(TRES, "step_tres_usage_min")


def _tres(field):
    return lambda r: r["_env"].tres_list(r.get(field))


def _stats_tres(field):
    return lambda r: r["_env"].tres_list(r["stats"].get(field))


def _usage(kind):
    def get(step):
        st = step["stats"]
        return step["_env"].tres_usage(st.get(kind), st.get(kind + "_nodeid"), st.get(kind + "_taskid"),
                                       step.get("nodes"))
    return get


_ASSOC_SHORT = (
    ("account", "acct", STRING, "Account name"),
    ("cluster", "cluster", STRING, "Cluster name"),
    ("partition", "partition", STRING, "Partition name"),
    ("user", "user", STRING, "User name", REQUIRED),
    ("id", "id", UINT32, "Numeric association ID", V40_ON),
)
ASSOC_SHORT = table("assoc_short", _ASSOC_SHORT, "v0.0.40")
ASSOC_SHORT_V39 = table("assoc_short", _ASSOC_SHORT, "v0.0.39")


class _Association(Scalar):
    """JOB_ASSOC_ID: the job's association, or {} (and a warning) when slurmdbd knows none."""

    def __init__(self, short=ASSOC_SHORT):
        self.name, self.unset, self.short = None, {}, short

    def dump(self, assoc):
        return {} if assoc is None else self.short.dump(assoc)

    def ref(self, schemas, description=None):
        return self.short.ref(schemas, description)


def _governor(value):
    from ..types import const

    names = {}  # NO_VAL reads "Unknown": it has the range bit, looked at first
    for name, text in (("CPU_FREQ_LOW", "Low"), ("CPU_FREQ_MEDIUM", "Medium"), ("CPU_FREQ_HIGHM1", "Highm1"),
                       ("CPU_FREQ_HIGH", "High"), ("CPU_FREQ_CONSERVATIVE", "Conservative"),
                       ("CPU_FREQ_PERFORMANCE", "Performance"), ("CPU_FREQ_POWERSAVE", "PowerSave"),
                       ("CPU_FREQ_USERSPACE", "UserSpace"), ("CPU_FREQ_ONDEMAND", "OnDemand"),
                       ("CPU_FREQ_SCHEDUTIL", "SchedUtil")):
        names.setdefault(const(name), text)
    if value in names:
        return names[value]
    if value & const("CPU_FREQ_RANGE_FLAG"):
        return "Unknown"
    if value == 0xFFFFFFFE:
        return ""
    return _kilo(value)


def _kilo(value):
    """convert_num_unit2(value, UNIT_KILO, divisor 1000)."""
    units = "KMGTP"
    num, unit = float(value), 0
    while num > 1000 and unit < len(units) - 1:
        num /= 1000
        unit += 1
    if num == int(num):
        return f"{int(num)}{units[unit] if unit else ''}"
    return f"{num:.2f}{units[unit]}"


def _step_id(step):
    sid = step["step_id"]
    text = str(sid["job_id"])
    if sid["step_id"] != _NO_VAL:
        names = step["_env"].step_names
        text += "." + names.get(sid["step_id"], str(sid["step_id"]))
        if sid["step_het_comp"] != _NO_VAL:
            text += f"+{sid['step_het_comp']}"
    return text


class _StepIdV39(Scalar):
    """v0.0.39's SLURM_STEP_ID: {job_id, step_het_component, step_id}, each only when set; a step id
    by its name (extern, batch, pending, interactive) or its number, as a string."""

    def __init__(self):
        self.name, self.unset = "slurm_step_id", {}

    def dump(self, sid):
        from ..types import const

        out = {}
        if sid["job_id"] != _NO_VAL:
            out["job_id"] = sid["job_id"]
        if sid["step_het_comp"] != _NO_VAL:
            out["step_het_component"] = sid["step_het_comp"]
        if sid["step_id"] != _NO_VAL:
            names = {const("SLURM_EXTERN_CONT"): "extern", const("SLURM_BATCH_SCRIPT"): "batch",
                     const("SLURM_PENDING_STEP"): "pending", const("SLURM_INTERACTIVE_STEP"): "interactive"}
            out["step_id"] = names.get(sid["step_id"], str(sid["step_id"]))
        return out

    def body(self, schemas):
        return {"type": "object", "description": "step details", "properties": {
            "job_id": {"type": "integer", "format": "int32", "description": "JobID"},
            "step_het_component": {"type": "integer", "format": "int32", "description": "HetStep"},
            "step_id": {"type": "string", "description": "StepID"}}}


STEP_ID_V39 = _StepIdV39()


def _act_cpufreq(step):
    v = step["stats"]["act_cpufreq"]
    return int(v)


STEP = (
    ("time/elapsed", "elapsed", UINT32, "Elapsed time in seconds"),
    ("time/end", "end", TIMESTAMP_NO_VAL, "End time (UNIX timestamp)"),
    ("exit_code", "exitcode", PerVersion(EXIT_CODE, V39, JOB_EXIT_CODE_V39), "Exit code"),
    ("nodes/count", "nnodes", UINT32, "Number of nodes in the job step"),
    ("nodes/range", "nodes", STRING, "Node(s) allocated to the job step"),
    ("tasks/count", "ntasks", UINT32, "Total number of tasks"),
    ("pid", "pid_str", STRING, "Deprecated; Process ID", V42_ON - V45),
    ("pid", "pid_str", STRING, "Process ID", V40 | frozenset({"v0.0.41"})),
    ("CPU/requested_frequency/min", "req_cpufreq_min", UINT32_NO_VAL, "Minimum requested CPU frequency in kHz"),
    ("CPU/requested_frequency/max", "req_cpufreq_max", UINT32_NO_VAL, "Maximum requested CPU frequency in kHz"),
    ("CPU/governor", "req_cpufreq_gov", Derived(_governor, STRING), "Requested CPU frequency governor in kHz"),
    ("kill_request_user", "requid", Derived(_user, STRING), "User ID that requested termination of the step"),
    ("time/start", "start", TIMESTAMP_NO_VAL, "Time execution began (UNIX timestamp)"),
    ("state", "state", PerVersion(JOB_STATE, V39, JOB_STATE_STRING), "Current state", UNTIL_V41 | V42 | V43),
    ("state", "state", JOB_STATE_V44, "Current state", V44_ON),
    ("statistics/CPU/actual_frequency", _act_cpufreq, UINT64, "Average weighted CPU frequency of all tasks in kHz"),
    ("statistics/energy/consumed", lambda s: s["stats"]["consumed_energy"], UINT64_NO_VAL,
     "Total energy consumed by all tasks in a job in joules"),
    ("step/id", _step_id, STRING, "Step ID", V40_ON),
    ("step/id", "step_id", STEP_ID_V39, "Step ID", V39),
    ("step/name", "stepname", STRING, "Step name"),
    ("step/stderr", "std_err", STRING, "Path to stderr file", V43_ON),
    ("step/stdin", "std_in", STRING, "Path to stdin file", V43_ON),
    ("step/stdout", "std_out", STRING, "Path to stdout file", V43_ON),
    ("step/stderr_expanded", lambda s: _expand_step(s, s.get("std_err")), STRING, "Step stderr with expanded fields",
     V43_ON),
    ("step/stdin_expanded", lambda s: _expand_step(s, s.get("std_in")), STRING, "Step stdin with expanded fields",
     V43_ON),
    ("step/stdout_expanded", lambda s: _expand_step(s, s.get("std_out")), STRING, "Step stdout with expanded fields",
     V43_ON),
    ("submit_line", "submit_line", STRING, "Full command used to submit the step", V45),
    ("time/suspended", "suspended", UINT32, "Total time in suspended state in seconds"),
    ("time/system/seconds", "sys_cpu_sec", UINT64, "System CPU time used by the step in seconds"),
    ("time/system/microseconds", "sys_cpu_usec", UINT32, "System CPU time used by the step in microseconds"),
    ("time/limit", "timelimit", UINT32_NO_VAL, "Maximum run time in minutes", V43_ON),
    ("task/distribution", lambda s: s["_env"].distribution(s["task_dist"]), STRING,
     "The layout of the step was when it was running"),
    ("time/total/seconds", "tot_cpu_sec", UINT64, "Total CPU time used by the step in seconds"),
    ("time/total/microseconds", "tot_cpu_usec", UINT32, "Total CPU time used by the step in microseconds"),
    ("time/user/seconds", "user_cpu_sec", UINT64, "User CPU time used by the step in seconds"),
    ("time/user/microseconds", "user_cpu_usec", UINT32, "User CPU time used by the step in microseconds"),
    ("nodes/list", lambda s: s["_env"].hosts(s.get("nodes")), List(STRING, "hostlist"),
     "List of nodes used by the step"),
    ("tres/requested/max", _usage("tres_usage_in_max"), TRES_REQ_MAX, "Maximum TRES usage requested among all tasks"),
    ("tres/requested/min", _usage("tres_usage_in_min"), TRES_REQ_MIN, "Minimum TRES usage requested among all tasks"),
    ("tres/consumed/max", _usage("tres_usage_out_max"), TRES_USAGE_MAX, "Maximum TRES usage consumed among all tasks"),
    ("tres/consumed/min", _usage("tres_usage_out_min"), TRES_USAGE_MIN, "Minimum TRES usage consumed among all tasks"),
    ("tres/requested/average", _stats_tres("tres_usage_in_ave"), TRES_LIST,
     "Average TRES usage requested among all tasks"),
    ("tres/requested/total", _stats_tres("tres_usage_in_tot"), TRES_LIST, "Total TRES usage requested among all tasks"),
    ("tres/consumed/average", _stats_tres("tres_usage_out_ave"), TRES_LIST,
     "Average TRES usage consumed among all tasks"),
    ("tres/consumed/total", _stats_tres("tres_usage_out_tot"), TRES_LIST, "Total TRES usage consumed among all tasks"),
    ("tres/allocated", _tres("tres_alloc_str"), TRES_LIST, "Trackable resources allocated to the step"),
)

_HOLD = Derived(lambda p: p == 0, BOOL)

JOB = (
    ("account", "account", STRING, "Account the job ran under"),
    ("comment/administrator", "admin_comment", STRING, "Arbitrary comment made by administrator"),
    ("allocation_nodes", "alloc_nodes", UINT32, "List of nodes allocated to the job"),
    ("array/job_id", "array_job_id", UINT32, "Job ID of job array, or 0 if N/A"),
    ("array/limits/max/running/tasks", "array_max_tasks", UINT32,
     "Maximum number of simultaneously running tasks, 0 if no limit"),
    ("array/task_id", "array_task_id", UINT32_NO_VAL, "Task ID of this task in job array"),
    ("array/task", "array_task_str", STRING, "String expression of task IDs in this record"),
    ("association", lambda j: j["_env"].association(j), PerVersion(_Association(), V39, _Association(ASSOC_SHORT_V39)),
     "Unique identifier for the association", UNTIL_V41 | V42),
    # v0.0.43 on: the job's own cluster and association id, looked up nowhere
    ("association", lambda j: {"cluster": j["cluster"], "id": j["associd"]}, ASSOC_SHORT,
     "Unique identifier for the association", V43_ON),
    ("block", "blockid", STRING, "The name of the block to be used (used with Blue Gene systems)"),
    ("cluster", "cluster", STRING, "Cluster name"),
    ("constraints", "constraints", STRING, "Feature(s) the job requested as a constraint"),
    ("container", "container", STRING, "Absolute path to OCI container bundle"),
    ("sluid", lambda j: _sluid(j["db_index"]), STRING, "SLUID", V45),
    ("derived_exit_code", "derived_ec", PerVersion(EXIT_CODE, V39, JOB_EXIT_CODE_V39),
     "Highest exit code of all job steps"),
    ("comment/job", "derived_es", STRING, "Arbitrary comment made by user"),
    ("time/elapsed", "elapsed", UINT32, "Elapsed time in seconds"),
    ("time/eligible", "eligible", TIMESTAMP, "Time when the job became eligible to run (UNIX timestamp)"),
    ("time/end", "end", TIMESTAMP, "End time (UNIX timestamp)"),
    ("exclusive", "exclusive", STRING, "Exclusive resource allocation mode requested for the job", V45),
    ("exit_code", "exitcode", PerVersion(EXIT_CODE, V39, JOB_EXIT_CODE_V39), "Exit code"),
    ("extra", "extra", STRING, "Arbitrary string used for node filtering if extra constraints are enabled"),
    ("failed_node", "failed_node", STRING, "Name of node that caused job failure"),
    ("flags", "flags", _JOB_FLAGS_DUMP, "Flags associated with this job", UNTIL_V41 | V42 | V43),
    ("flags", "flags", _JOB_FLAGS_DUMP_V44, "Flags associated with this job", V44_ON),
    ("group", "gid", Derived(_group, STRING), "Group ID of the user that owns the job"),
    ("het/job_id", "het_job_id", UINT32, "Heterogeneous job ID, if applicable"),
    ("het/job_offset", "het_job_offset", UINT32_NO_VAL,
     "Unique sequence number applied to this component of the heterogeneous job"),
    ("job_id", "jobid", UINT32, "Job ID"),
    ("name", "jobname", STRING, "Job name"),
    ("licenses", "licenses", STRING, "License(s) required by the job"),
    ("mcs/label", "mcs_label", STRING, "Multi-Category Security label on the job"),
    ("nodes", "nodes", STRING, "Node(s) allocated to the job"),
    ("oversubscribe", "oversubscribe", STRING, "Oversubscribe mode requested for the job", V45),
    ("partition", "partition", STRING, "Partition assigned to the job"),
    ("hold", "priority", _HOLD, "Hold (true) or release (false) job"),
    ("priority", "priority", UINT32_NO_VAL, "Request specific job priority"),
    ("qos", _qos, STRING, "Quality of Service assigned to the job"),
    ("qosreq", "qos_req", STRING, "Requested QOS", V42_ON),
    ("required/CPUs", "req_cpus", UINT32, "Minimum number of CPUs required"),
    ("required/memory_per_cpu", "req_mem", MEM_PER_CPUS, "Minimum memory in megabytes per allocated CPU"),
    ("required/memory_per_node", "req_mem", MEM_PER_NODE, "Minimum memory in megabytes per allocated node"),
    ("required/memory", "req_mem", UINT64_AS_INT64, "Minimum memory (MEM_PER_CPU bit included)", V39),
    ("kill_request_user", "requid", Derived(_user, STRING), "User ID that requested termination of the job"),
    ("restart_cnt", "restart_cnt", UINT16, "How many times this job has been requeued/restarted", V42_ON),
    ("reservation/id", "resvid", UINT32, "Unique identifier of requested reservation"),
    ("reservation/name", "resv_name", STRING, "Name of reservation to use"),
    ("reservation/requested", "resv_req", STRING, "Comma-separated list of requested reservation names", V43_ON),
    ("time/planned", _planned, UINT64_NO_VAL, "Time required to start job after becoming eligible to run in seconds",
     V41_ON),
    ("script", "script", STRING, "Job batch script; only the first component in a HetJob is populated or honored",
     UNTIL_V41 | V42 | V43),
    ("script", "script", STRING,
     "Job batch script contents; only the first component in a HetJob is populated or honored", V44_ON),
    ("segment_size", "segment_size", UINT16, "Requested segment size", V43_ON),
    ("original_sluid", lambda j: _sluid(j.get("sluid", 0)), STRING, "Original SLUID", V45),
    ("stdin_expanded", lambda j: _expand(j, j.get("std_in")), STRING, "Job stdin with expanded fields", V41_ON),
    ("stdout_expanded", lambda j: _expand(j, j.get("std_out")), STRING, "Job stdout with expanded fields", V41_ON),
    ("stderr_expanded", lambda j: _expand(j, j.get("std_err")), STRING, "Job stderr with expanded fields", V41_ON),
    ("stdout", "std_out", STRING, "Path to stdout file", V41_ON),
    ("stderr", "std_err", STRING, "Path to stderr file", V41_ON),
    ("stdin", "std_in", STRING, "Path to stdin file", V41_ON),
    ("time/start", "start", TIMESTAMP, "Time execution began (UNIX timestamp)"),
    ("state/current", "state", PerVersion(JOB_STATE, V39, JOB_STATE_STRING), "Current state", UNTIL_V41 | V42 | V43),
    ("state/current", "state", JOB_STATE_V44, "Current state", V44_ON),
    ("state/reason", lambda j: j["_env"].reason(j["state_reason_prev"]), STRING,
     "Reason for previous Pending or Failed state"),
    ("steps", "steps", None, "Individual steps in the job"),  # the step list, per version (objects())
    ("time/submission", "submit", TIMESTAMP, "Time when the job was submitted (UNIX timestamp)"),
    ("submit_line", "submit_line", STRING, "Command used to submit the job"),
    ("time/suspended", "suspended", UINT32, "Total time in suspended state in seconds"),
    ("comment/system", "system_comment", STRING, "Arbitrary comment from slurmctld"),
    ("time/system/seconds", "sys_cpu_sec", UINT64, "System CPU time used by the job in seconds"),
    ("time/system/microseconds", "sys_cpu_usec", UINT64, "System CPU time used by the job in microseconds"),
    ("time/limit", "timelimit", UINT32_NO_VAL, "Maximum run time in minutes"),
    ("time/total/seconds", "tot_cpu_sec", UINT64, "Sum of System and User CPU time used by the job in seconds"),
    ("time/total/microseconds", "tot_cpu_usec", UINT64,
     "Sum of System and User CPU time used by the job in microseconds"),
    ("tres/allocated", _tres("tres_alloc_str"), TRES_LIST, "Trackable resources allocated to the job"),
    ("tres/requested", _tres("tres_req_str"), TRES_LIST, "Trackable resources requested by job"),
    ("used_gres", "used_gres", STRING, "Generic resources used by job"),
    ("user", _job_user, STRING, "User that owns the job"),
    ("time/user/seconds", "user_cpu_sec", UINT64, "User CPU time used by the job in seconds"),
    ("time/user/microseconds", "user_cpu_usec", UINT64, "User CPU time used by the job in microseconds"),
    ("wckey", "wckey", WCKEY_TAG, "Workload characterization key"),
    ("working_directory", "work_dir", STRING, "Path to current working directory"),
)


def objects(version):
    step = table("step", STEP, version)
    rows = tuple(r if r[0] != "steps" else (r[0], r[1], List(step, "step_list"), r[3]) for r in JOB)
    return {"slurmdb_job": table("job", rows, version), "slurmdb_step": step}


def responses(version, objects):
    answer = response("openapi_slurmdbd_jobs_resp", (
        ("jobs", "jobs", List(objects["slurmdb_job"], "job_list"), "jobs", REQUIRED),
    ), version)
    return {"slurmdb_jobs": answer, "slurmdb_job": answer}


# Query parameters of GET jobs (the reference's JOB_CONDITION): (name, type, description[, versions]);
# the types are parsers/queries.py's job condition kinds, (kind, field or flag constant).
_CSV = "csv"
QUERIES = {"slurmdb_jobs": (
    ("account", (_CSV, "acct_list"), "CSV account list"),
    ("association", (_CSV, "associd_list"), "CSV association list"),
    ("cluster", (_CSV, "cluster_list"), "CSV cluster list"),
    ("constraints", (_CSV, "constraint_list"), "CSV constraint list"),
    ("cpus_max", ("number", "cpus_max"), "Maximum number of cpus", V40),
    ("cpus_min", ("number", "cpus_min"), "Minimum number of cpus", V40),
    ("scheduler_unset", ("db_flag", "SLURMDB_JOB_FLAG_NOTSET"), "Schedule bits not set"),
    ("scheduled_on_submit", ("db_flag", "SLURMDB_JOB_FLAG_SUBMIT"), "Job was started on submit"),
    ("scheduled_by_main", ("db_flag", "SLURMDB_JOB_FLAG_SCHED"), "Job was started from main scheduler"),
    ("scheduled_by_backfill", ("db_flag", "SLURMDB_JOB_FLAG_BACKFILL"), "Job was started from backfill"),
    ("job_started", ("db_flag", "SLURMDB_JOB_FLAG_START_R"), "Job start RPC was received"),
    ("job_altered", ("db_flag", "SLURMDB_JOB_FLAG_ALTERED"), "Job record has been altered", V44_ON),
    ("exit_code", ("exit_code", "exitcode"), "Job exit code (numeric)"),
    ("show_duplicates", ("flag", "JOBCOND_FLAG_DUP"), "Include duplicate job entries"),
    ("skip_steps", ("flag", "JOBCOND_FLAG_NO_STEP"), "Exclude job step details"),
    ("disable_truncate_usage_time", ("flag", "JOBCOND_FLAG_NO_TRUNC"),
     "Do not truncate the time to usage_start and usage_end"),
    ("whole_hetjob", ("flag", "JOBCOND_FLAG_WHOLE_HETJOB"), "Include details on all hetjob components"),
    ("disable_whole_hetjob", ("flag", "JOBCOND_FLAG_NO_WHOLE_HETJOB"),
     "Only show details on specified hetjob components"),
    ("disable_wait_for_result", ("flag", "JOBCOND_FLAG_NO_WAIT"), "Tell dbd not to wait for the result"),
    ("usage_time_as_submit_time", ("flag", "JOBCOND_FLAG_NO_DEFAULT_USAGE"),
     "Use usage_time as the submit_time of the job"),
    ("show_batch_script", ("flag", "JOBCOND_FLAG_SCRIPT"), "Include job script"),
    ("show_job_environment", ("flag", "JOBCOND_FLAG_ENV"), "Include job environment"),
    ("format", (_CSV, "format_list"), "Ignored; process JSON manually to control output format"),
    ("groups", ("groups", "groupid_list"), "CSV group list"),
    ("group", ("groups", "groupid_list"), "CSV group list", V39),  # v0.0.39's name of it
    ("job_name", (_CSV, "jobname_list"), "CSV job name list"),
    ("nodes_max", ("number", "nodes_max"), "Maximum number of nodes", V40),
    ("nodes_min", ("number", "nodes_min"), "Minimum number of nodes", V40),
    ("partition", (_CSV, "partition_list"), "CSV partition name list"),
    ("qos", (_CSV, "qos_list"), "CSV QOS name list"),
    ("reason", (_CSV, "reason_list"), "CSV reason list"),
    ("reservation", (_CSV, "resv_list"), "CSV reservation name list"),
    ("reservation_id", (_CSV, "resvid_list"), "CSV reservation ID list"),
    ("state", ("state", "state_list"), "CSV state list"),
    ("step", ("step", "step_list"), "CSV step id list"),
    ("timelimit_max", ("number", "timelimit_max"), "Maximum timelimit (seconds)", V40),
    ("timelimit_min", ("number", "timelimit_min"), "Minimum timelimit (seconds)", V40),
    ("end_time", ("time", "usage_end"), "Usage end (UNIX timestamp)"),
    ("start_time", ("time", "usage_start"), "Usage start (UNIX timestamp)"),
    ("submit_time", ("submit_time", None), "Submit time (UNIX timestamp)", V40),
    ("node", ("node", "used_nodes"), "Ranged node string where jobs ran"),
    ("users", ("users", "userid_list"), "CSV user name list"),
    ("wckey", (_CSV, "wckey_list"), "CSV wckey list", UNTIL_V41),
    ("wckey", (_CSV, "wckey_list"), "CSV WCKey list", V42_ON),
)}
