"""Job descriptions (job_desc_msg_t) as the v0.0.4x family reads them: POST job/submit's
`job` and `jobs[]`, POST job/{job_id}. The parse side of the catalogue's types, in the
reference's table order (which is the order of its warnings).

Rows: (key, C field, type, description[, versions]). A row whose C field is None is read by its
type into several fields (environment -> environment + env_size). Rows the reference reads that
we do not read yet (crontab, rlimits, distribution, flags ...) are refused with an error of ours
rather than ignored: a job that silently lost an option is worse than a refused one.
"""
from ..parsing import (
    CONVERSION_FAILED,
    EXPECT_DICT,
    EXPECT_LIST,
    EXPECT_STRING,
    EXPECTED_DICT,
    EXPECTED_LIST,
    Failed,
    check,
    child,
    item,
    slurm_type,
    to_string,
)
from ..types import (
    BOOL,
    INFINITE,
    NO_VAL,
    STRING,
    UINT16_NO_VAL,
    UINT32_NO_VAL,
    Type,
    parse_no_val64,
)
from . import UNTIL_V41, V41, V41_ON, V42_ON
from .numbers import UINT16, UINT32


class _Width(Type):
    """UINT16 / UINT32 of the parse side: the catalogue's integer read into `bits` bits."""

    def __init__(self, inner, bits):
        self.inner, self.bits = inner, bits

    def parse(self, value, at, report):
        return self.inner.parse(value, at, report, bits=self.bits)


P_UINT16, P_UINT32 = _Width(UINT16, 16), _Width(UINT32, 32)


class _Environment(Type):
    """A list of "NAME=value" strings -> environment and env_size."""

    def parse(self, value, at, report):
        check(EXPECT_LIST, value, at, report)
        if value is None:
            return {}
        if isinstance(value, dict):  # converted to a list of NAME=value
            value = [f"{k}={to_string(v) or ''}" for k, v in value.items()]
        if not isinstance(value, list):
            report.fail(at, EXPECTED_LIST, f"expected a list of strings but got {report.shown(value)}")
        items = [to_string(v) for v in value]
        if any(v is None for v in items):
            report.silent()
        return {"environment": items, "env_size": len(items)}


class _Argv(Type):
    def parse(self, value, at, report):
        check(EXPECT_LIST, value, at, report)
        if value is None:
            return {}
        if not isinstance(value, list):
            report.fail(at, EXPECTED_LIST, f"expected a list of strings but got {report.shown(value)}")
        items = [to_string(v) for v in value]
        if any(v is None for v in items):
            report.silent()
        return {"argv": items, "argc": len(items)}


class _Nodes(Type):
    """"N" or "MIN-MAX" (or [min, max]) -> min_nodes, max_nodes."""

    def parse(self, value, at, report):
        if value is None:
            return {}
        if isinstance(value, list):
            if not 1 <= len(value) <= 2:
                report.fail(at, CONVERSION_FAILED, "Node count in format of a list must have a cardinality of 2 or 1")
            from ..parsing import to_int
            numbers = [to_int(v) for v in value]
            for n, v, what in zip(numbers, value, ("Minimum", "Maximum") if len(value) == 2 else ("Maximum",)):
                if n is None:
                    report.fail(at, CONVERSION_FAILED, f"{what} nodes must be an integer instead of {slurm_type(v)}")
            return {"min_nodes": numbers[0], "max_nodes": numbers[-1]} if len(numbers) == 2 else \
                {"max_nodes": numbers[0]}
        spec = to_string(value)
        low, _, high = (spec or "").partition("-")
        try:
            lo = int(low)
            hi = int(high) if high else lo
        except ValueError:
            report.fail(at, CONVERSION_FAILED, f"Invalid node count specification: {spec}")
        return {"min_nodes": lo, "max_nodes": hi}


class _Memory(Type):
    """MEM_PER_CPUS / MEM_PER_NODE: megabytes (a number, a string with units, a number with
    flags) -> pn_min_memory, MEM_PER_CPU set for per CPU; infinite is 0."""

    def __init__(self, per_cpu):
        self.per_cpu = per_cpu

    def parse(self, value, at, report):
        from ...api.job_desc import str_to_mbytes
        from ..types import const

        if report.rules.numbers_are_objects and not isinstance(value, str):  # v0.0.40 takes units silently
            check(EXPECT_DICT, value, at, report)
        if value is None:
            return const("NO_VAL64")
        if isinstance(value, str):
            mb = str_to_mbytes(value)
            if mb is None:
                report.fail(at, CONVERSION_FAILED, f"Invalid formatted memory size: {value}")
        else:
            mb = parse_no_val64(value, at, report)
        if mb == const("NO_VAL64"):
            return mb
        if mb == const("INFINITE64"):
            mb = 0
        return mb | const("MEM_PER_CPU") if self.per_cpu else mb


class _Hold(Type):
    def parse(self, value, at, report):
        from ..parsing import to_bool

        if value is None:
            return NO_VAL[32]
        held = to_bool(value)
        if held is None:
            report.silent()
        return 0 if held else INFINITE[32]


class _Unsupported(Type):
    """A field the reference reads that we do not yet: refused (see the module's note)."""

    def parse(self, value, at, report):
        report.fail(at, CONVERSION_FAILED, "slurmrestd-py does not read this field yet")


ENVIRONMENT, ARGV, NODES, HOLD, NOT_YET = _Environment(), _Argv(), _Nodes(), _Hold(), _Unsupported()
MEM_PER_CPUS, MEM_PER_NODE = _Memory(True), _Memory(False)

JOB_DESC = (
    ("account", "account", STRING, "Account associated with the job"),
    ("account_gather_frequency", "acctg_freq", STRING, "Job accounting and profiling sampling intervals in seconds"),
    ("admin_comment", "admin_comment", STRING, "Arbitrary comment made by administrator"),
    ("allocation_node_list", "alloc_node", STRING, "Local node making the resource allocation"),
    ("allocation_node_port", "alloc_resp_port", P_UINT16, "Port to send allocation confirmation to"),
    ("argv", None, ARGV, "Arguments to the script"),
    ("array", "array_inx", STRING, "Job array index value specification"),
    ("batch_features", "batch_features", STRING, "Features required for batch script's node"),
    ("begin_time", None, NOT_YET, "Defer the allocation of the job until the specified time (UNIX timestamp)"),
    ("flags", None, NOT_YET, "Job flags"),
    ("burst_buffer", "burst_buffer", STRING, "Burst buffer specifications"),
    ("clusters", None, NOT_YET, "Clusters that a federated job can run on"),
    ("cluster_constraint", "cluster_features", STRING,
     "Required features that a federated cluster must have to have a sibling job submitted to it"),
    ("comment", "comment", STRING, "Arbitrary comment made by user"),
    ("contiguous", "contiguous", BOOL, "True if job requires contiguous nodes"),
    ("container", "container", STRING, "Absolute path to OCI container bundle"),
    ("container_id", None, NOT_YET, "OCI container ID"),
    ("core_specification", None, NOT_YET, "Specialized core count"),
    ("thread_specification", None, NOT_YET, "Specialized thread count"),
    ("cpu_binding", None, NOT_YET, "Method for binding tasks to allocated CPUs"),
    ("cpu_binding_flags", None, NOT_YET, "Flags for CPU binding"),
    ("cpu_frequency", None, NOT_YET, "Requested CPU frequency range <p1>[-p2][:p3]"),
    ("cpus_per_tres", "cpus_per_tres", STRING, "Semicolon delimited list of TRES=# values"),
    ("crontab", None, NOT_YET, "Specification for scrontab job"),
    ("deadline", None, NOT_YET, "Latest time that the job may start (UNIX timestamp)"),
    ("delay_boot", "delay_boot", P_UINT32, "Number of seconds after job eligible start that nodes will be rebooted"),
    ("dependency", "dependency", STRING, "Other jobs that must meet certain criteria before this job can start"),
    ("end_time", None, NOT_YET, "Expected end time (UNIX timestamp)"),
    ("environment", None, ENVIRONMENT, "Environment variables to be set for the job"),
    ("rlimits", None, NOT_YET, "Resource limits"),
    ("excluded_nodes", None, NOT_YET, "Comma separated list of nodes that may not be used"),
    ("extra", None, NOT_YET, "Arbitrary string used for node filtering if extra constraints are enabled"),
    ("constraints", "features", STRING, "Comma separated list of features that are required"),
    ("group_id", None, NOT_YET, "Group ID of the user that owns the job"),
    ("hetjob_group", None, NOT_YET, "Unique sequence number applied to this component of the heterogeneous job"),
    ("immediate", "immediate", BOOL, "If true, exit if resources are not available within the time period specified"),
    ("job_id", None, NOT_YET, "Job ID"),
    ("kill_on_node_fail", "kill_on_node_fail", BOOL, "If true, kill job on node failure"),
    ("licenses", "licenses", STRING, "License(s) required by the job"),
    ("mail_type", None, NOT_YET, "Mail event type(s)"),
    ("mail_user", "mail_user", STRING, "User to receive email notifications"),
    ("mcs_label", "mcs_label", STRING, "Multi-Category Security label on the job"),
    ("memory_binding", "mem_bind", STRING, "Binding map for map/mask_cpu"),
    ("memory_binding_type", None, NOT_YET, "Method for binding tasks to memory"),
    ("memory_per_tres", "mem_per_tres", STRING, "Semicolon delimited list of TRES=# values"),
    ("name", "name", STRING, "Job name"),
    ("network", None, NOT_YET, "Network specs for job step"),
    ("nice", None, NOT_YET, "Requested job priority change"),
    ("tasks", "num_tasks", P_UINT32, "Number of tasks"),
    ("oom_kill_step", None, NOT_YET, "Kill whole step in case of OOM in one of the tasks", V42_ON),
    ("open_mode", None, NOT_YET, "Open mode used for stdout and stderr files"),
    ("reserve_ports", None, NOT_YET, "Port to send various notification msg to"),
    ("overcommit", "overcommit", BOOL, "Overcommit resources"),
    ("partition", "partition", STRING, "Partition assigned to the job"),
    ("distribution_plane_size", None, NOT_YET, "Plane size specification when distribution specifies plane"),
    ("power_flags", None, NOT_YET, "Power flags"),
    ("prefer", "prefer", STRING, "Comma separated list of features that are preferred but not required"),
    ("hold", "priority", HOLD, "Hold (true) or release (false) job"),
    ("priority", "priority", UINT32_NO_VAL, "Request specific job priority"),
    ("profile", None, NOT_YET, "Profile used by the acct_gather_profile plugin"),
    ("qos", "qos", STRING, "Quality of Service assigned to the job"),
    ("reboot", "reboot", BOOL, "Node reboot requested before start"),
    ("required_nodes", None, NOT_YET, "Comma separated list of required nodes"),
    ("requeue", "requeue", BOOL, "Determines whether the job may be requeued"),
    ("reservation", "reservation", STRING, "Name of reservation to use"),
    ("script", "script", STRING, "Job batch script"),
    ("shared", None, NOT_YET, "How the job can share resources with other jobs, if at all"),
    ("exclusive", None, NOT_YET, "Job exclusive"),
    ("oversubscribe", None, NOT_YET, "Job oversubscribe"),
    ("site_factor", "site_factor", P_UINT32, "Site-specific priority factor"),
    ("spank_environment", None, NOT_YET, "Environment variables for job prolog/epilog scripts"),
    ("distribution", None, NOT_YET, "Layout"),
    ("time_limit", "time_limit", UINT32_NO_VAL, "Maximum run time in minutes"),
    ("time_minimum", "time_min", UINT32_NO_VAL, "Minimum run time in minutes"),
    ("tres_bind", "tres_bind", STRING, "Task to TRES binding directives"),
    ("tres_freq", "tres_freq", STRING, "TRES frequency directives"),
    ("tres_per_job", "tres_per_job", STRING, "Comma separated list of TRES=# values to be allocated for every job"),
    ("tres_per_node", "tres_per_node", STRING, "Comma separated list of TRES=# values to be allocated for every node"),
    ("tres_per_socket", "tres_per_socket", STRING,
     "Comma separated list of TRES=# values to be allocated for every socket"),
    ("tres_per_task", "tres_per_task", STRING, "Comma separated list of TRES=# values to be allocated for every task"),
    ("user_id", None, NOT_YET, "User ID that owns the job"),
    ("wait_all_nodes", None, NOT_YET, "If true, wait to start until after all nodes have booted"),
    ("kill_warning_flags", None, NOT_YET, "Flags related to job signals"),
    ("kill_warning_signal", None, NOT_YET, "Signal to send when approaching end time"),
    ("kill_warning_delay", "warn_time", UINT16_NO_VAL, "Number of seconds before end time to send the warning signal"),
    ("current_working_directory", "work_dir", STRING, "Working directory to use for the job"),
    ("cpus_per_task", "cpus_per_task", P_UINT16, "Number of CPUs required by each task"),
    ("minimum_cpus", "min_cpus", P_UINT32, "Minimum number of CPUs required"),
    ("maximum_cpus", "max_cpus", P_UINT32, "Maximum number of CPUs required"),
    ("nodes", None, NODES, "Node count range specification (e.g. 1-15:4)"),
    ("minimum_nodes", "min_nodes", P_UINT32, "Minimum node count"),
    ("maximum_nodes", "max_nodes", P_UINT32, "Maximum node count"),
    ("minimum_boards_per_node", None, NOT_YET, "Boards per node required"),
    ("minimum_sockets_per_board", None, NOT_YET, "Sockets per board required"),
    ("sockets_per_node", "sockets_per_node", P_UINT16, "Sockets per node required"),
    ("threads_per_core", "threads_per_core", P_UINT16, "Threads per core required"),
    ("tasks_per_node", "ntasks_per_node", P_UINT16, "Number of tasks to invoke on each node"),
    ("tasks_per_socket", "ntasks_per_socket", P_UINT16, "Number of tasks to invoke on each socket"),
    ("tasks_per_core", "ntasks_per_core", P_UINT16, "Number of tasks to invoke on each core"),
    ("tasks_per_board", None, NOT_YET, "Number of tasks to invoke on each board"),
    ("ntasks_per_tres", "ntasks_per_tres", P_UINT16, "Number of tasks that can access each GPU"),
    ("minimum_cpus_per_node", "pn_min_cpus", P_UINT16, "Minimum number of CPUs per node"),
    ("memory_per_cpu", "pn_min_memory", MEM_PER_CPUS, "Minimum memory in megabytes per allocated CPU"),
    ("memory_per_node", "pn_min_memory", MEM_PER_NODE, "Minimum memory in megabytes per allocated node"),
    ("temporary_disk_per_node", "pn_min_tmp_disk", P_UINT32, "Minimum tmp disk space required per node"),
    ("selinux_context", None, NOT_YET, "SELinux context"),
    ("required_switches", "req_switch", UINT32_NO_VAL, "Maximum number of switches"),
    ("segment_size", None, NOT_YET, "Segment size for topology/block", V42_ON),
    ("standard_error", "std_err", STRING, "Path to stderr file"),
    ("standard_input", "std_in", STRING, "Path to stdin file"),
    ("standard_output", "std_out", STRING, "Path to stdout file"),
    ("wait_for_switch", "wait4switch", P_UINT32, "Maximum time to wait for switches in seconds"),
    ("wckey", "wckey", STRING, "Workload characterization key"),
    ("x11", None, NOT_YET, "X11 forwarding options"),
    ("x11_magic_cookie", None, NOT_YET, "Magic cookie for X11 forwarding"),
    ("x11_target_host", None, NOT_YET, "Hostname or UNIX socket if x11_target_port=0"),
    ("x11_target_port", None, NOT_YET, "TCP port"),
)


def _rows(version):
    return tuple(r for r in JOB_DESC if len(r) == 4 or version in r[4])


def expect_dict(value, at, report):
    if not isinstance(value, dict):
        what = "list" if isinstance(value, list) else slurm_type(value)
        report.fail(at, EXPECTED_DICT, f"Rejecting {what} when dictionary expected")


def unknown(value, at, report, name):
    """A member no row reads: a warning (a dictionary's members each, as the reference walks them)."""
    if isinstance(value, dict):
        for k, v in value.items():
            unknown(v, child(at, k), report, name)
        return
    key = at.rstrip("/").rsplit("/", 1)[-1]
    report.warn(at, f"Ignoring unknown field \"{key}\" of type {slurm_type(value)} in {name}")


def parse_job_desc(version, value, at, report):
    """{C field: value} of one job description (the fields it sets over slurm_init_job_desc_msg())."""
    expect_dict(value, at, report)
    rows = _rows(version)
    out = {}
    for key, field, type_, *_ in rows:
        if key not in value:
            continue
        got = type_.parse(value[key], child(at, key), report)
        if field is None:
            out.update(got)
        elif got is not None:
            out[field] = got
    known = {r[0] for r in rows}
    for key, v in value.items():
        if key not in known:
            unknown(v, child(at, key), report, "DATA_PARSER_JOB_DESC_MSG")
    return out


def parse_submit(version, value, at, report):
    """JOB_SUBMIT_REQ: {script, jobs, job} with the descriptions parsed (jobs: a list of them)."""
    expect_dict(value, at, report)
    out = {"script": None, "jobs": None, "job": None}
    if "script" in value:
        out["script"] = STRING.parse(value["script"], child(at, "script"), report)
    if value.get("jobs") is not None:
        jobs, where = value["jobs"], child(at, "jobs")
        check(EXPECT_LIST, jobs, where, report)
        if not isinstance(jobs, list):
            report.fail(where, EXPECTED_LIST, f"Rejecting {slurm_type(jobs)} when list expected")
        out["jobs"] = [parse_job_desc(version, j, item(where, i), report) for i, j in enumerate(jobs)]
    if value.get("job") is not None:
        out["job"] = parse_job_desc(version, value["job"], child(at, "job"), report)
    for key, v in value.items():
        if key not in out:
            unknown(v, child(at, key), report, "DATA_PARSER_JOB_SUBMIT_REQ")
    return out


__all__ = ("Failed", "parse_job_desc", "parse_submit")


# -- DELETE job/{job_id}: its query and answer -----------------------------------------------------
def _kill_flags(cron):
    from ..types import Flags

    return Flags("kill_jobs_flags", [
        ("BATCH_JOB", "KILL_JOB_BATCH"), ("ARRAY_TASK", "KILL_ARRAY_TASK"), ("FULL_STEPS_ONLY", "KILL_STEPS_ONLY"),
        ("FULL_JOB", "KILL_FULL_JOB"), ("FEDERATION_REQUEUE", "KILL_FED_REQUEUE"), ("HURRY", "KILL_HURRY"),
        ("OUT_OF_MEMORY", "KILL_OOM"), ("NO_SIBLING_JOBS", "KILL_NO_SIBS"), ("RESERVATION_JOB", "KILL_JOB_RESV"),
        *((("NO_CRON_JOBS", "KILL_NO_CRON"),) if cron else ()), ("VERBOSE", "KILL_JOBS_VERBOSE"),
        ("CRON_JOBS", "KILL_CRON"), ("WARNING_SENT", "WARN_SENT")])


SIGNAL = "signal"  # a query row's type: a signal's number or name (parsers/queries.py)
QUERIES = {
    "job_delete": (
        ("signal", SIGNAL, "Signal to send to Job"),
        ("flags", _kill_flags(True), "Signalling flags", frozenset({"v0.0.40"})),
        ("flags", _kill_flags(False), "Signalling flags", V41_ON),
    ),
}


def objects(version):
    return {}


def responses(version, objects):
    from ..types import INT32, table
    from . import V40
    from .meta import response

    result = table("job_submit_response_msg", (
        ("job_id", "job_id", INT32, "New job ID"),
        ("step_id", "step_id", STRING, "New job step ID"),
        ("error_code", "error_code", INT32, "Error code"),
        ("error", "error", STRING, "Error message"),
        ("job_submit_user_msg", "job_submit_user_msg", STRING, "Message to user from job_submit plugin"),
    ), version)
    return {
        "job_submit": response("openapi_job_submit_response", (
            ("result", "result", result, "Job submission", UNTIL_V41),
            ("job_id", "job_id", INT32, "Submitted Job ID", UNTIL_V41),
            ("job_id", "job_id", INT32, "submitted Job ID", V42_ON),
            ("step_id", "step_id", STRING, "Submitted Step ID", UNTIL_V41),
            ("step_id", "step_id", STRING, "submitted Step ID", V42_ON),
            ("job_submit_user_msg", "job_submit_user_msg", STRING, "job submision user message", V40),
            ("job_submit_user_msg", "job_submit_user_msg", STRING, "Job submission user message", V41_ON),
        ), version),
        "job_delete": _kill_response(version),
        "job_update": _update_response(version),
        "jobs_delete": _kill_jobs_response(version),
    }


def _update_response(version):
    from ..types import INT32, List, table
    from . import UNTIL_V41, V40
    from .meta import response

    entry = table("job_array_response_msg_entry", (
        ("job_id", "job_id", INT32, "Job ID for updated Job" if version == "v0.0.40" else "Job ID for updated job"),
        ("step_id", "step_id", STRING, "Step ID for updated Job" if version == "v0.0.40" else "Step ID for updated job"),
        ("error", "error", STRING, "Verbose update status or error"),
        ("error_code", "error_code", INT32, "Verbose update status or error"),
        ("why", "why", STRING, "Update response message"),
    ), version)
    results = List(entry, "job_array_response_array")
    return response("openapi_job_post_response", (
        # v0.0.42 sends null when slurmctld answered no results, which its schema (an array) forbids:
        # ours follows the schema with [] (a repair, README)
        ("results", "results", results, "Job update results"),
        ("job_id", "job_id", STRING, "First updated Job ID - Use results instead", UNTIL_V41),
        ("step_id", "step_id", STRING, "First updated Step ID - Use results instead", UNTIL_V41),
        ("job_submit_user_msg", "job_submit_user_msg", STRING,
         "First updated Job submision user message - Use results instead", V40),
        ("job_submit_user_msg", "job_submit_user_msg", STRING,
         "First updated Job submission user message - Use results instead", V41),
    ), version)


# -- DELETE jobs/: kill_jobs_msg_t --------------------------------------------------------------------
class _KillFlags(Type):
    """A list of flag names -> their bits (unknown: errors; v0.0.40 then refuses the body)."""

    def parse(self, value, at, report):
        from ..types import const

        names = value if isinstance(value, list) else [value]
        rows = {row[0].lower(): row[1] for row in _kill_flags(False).rows}
        bits, bad = 0, False
        for i, name in enumerate(names):
            const_name = rows.get(str(name).strip().lower())
            if const_name is None:
                report.ctx.error(9207, item(at, i), f"Unknown flag {text_of(name)}", "Data parser unable to parse invalid flag")
                bad = True
                continue
            bits |= const(const_name)
        if bad and report.rules.bad_flag_rejects_query:
            report.fail(at, 9207, "Parsing flags failed")
        return bits


def text_of(value):
    return f"\"{value}\"" if isinstance(value, str) else str(value)


class _Signal(Type):
    """A signal's number or name (USR1, SIGUSR1); unknown: an error (v0.0.40: EINVAL, and refused)."""

    def parse(self, value, at, report):
        import signal

        from ..parsing import to_int

        check(EXPECT_STRING, value, at, report)
        n = to_int(value)
        if n is not None:
            return n
        name = (to_string(value) or "").strip().upper()
        member = signal.Signals.__members__.get(name if name.startswith("SIG") else "SIG" + name)
        if member is not None:
            return int(member)
        if report.rules.signal_error_einval:
            report.fail(at, 22, "Unknown signal (null)")
        report.ctx.error(0, at, "Unknown signal (null)")
        return 0


class _JobIds(Type):
    """KILL_JOBS_MSG_JOBS_ARRAY: a list of job id strings."""

    def parse(self, value, at, report):
        check(EXPECT_LIST, value, at, report)
        if value is None:
            return {}
        if not isinstance(value, list):
            prefix = f"_v{report.ctx.parser.version[-2:]}" if report.ctx.parser.rules.versioned_parse_functions else ""
            report.fail(f"{prefix}_parse_KILL_JOBS_MSG_JOBS_ARRAY", CONVERSION_FAILED,
                        f"Unexpected type {slurm_type(value)} when expecting a list")
        items = [to_string(v) for v in value]
        if any(v is None for v in items):
            report.silent()
        return {"jobs": items}


KILL_JOBS = (
    ("account", None, NOT_YET, "Filter jobs to a specific account"),
    ("flags", "flags", _KillFlags(), "Filter jobs according to flags"),
    ("job_name", None, NOT_YET, "Filter jobs to a specific name"),
    ("jobs", None, _JobIds(), "List of jobs to signal"),
    ("partition", None, NOT_YET, "Filter jobs to a specific partition"),
    ("qos", None, NOT_YET, "Filter jobs to a specific QOS"),
    ("reservation", None, NOT_YET, "Filter jobs to a specific reservation"),
    ("signal", "signal", _Signal(), "Signal to send to jobs"),
    ("job_state", None, NOT_YET, "Filter jobs to a specific state"),
    ("user_id", None, NOT_YET, "Filter jobs to a specific numeric user id"),
    ("user_name", None, NOT_YET, "Filter jobs to a specific user name"),
    ("wckey", None, NOT_YET, "Filter jobs to a specific wckey"),
    ("nodes", None, NOT_YET, "Filter jobs to a set of nodes"),
)


def parse_kill_jobs(version, value, at, report):
    """{jobs, signal, flags} of a kill_jobs_msg body (signal: SIGKILL when not given, as
    KILL_JOB_MSG_INITIALIZER; flags: 0)."""
    import signal

    expect_dict(value, at, report)
    out = {"jobs": [], "signal": int(signal.SIGKILL), "flags": 0}
    for key, field, type_, *_ in KILL_JOBS:
        if key in value:
            got = type_.parse(value[key], child(at, key), report)
            if field is None:
                out.update(got)
            else:
                out[field] = got
    known = {r[0] for r in KILL_JOBS}
    for key, v in value.items():
        if key not in known:
            unknown(v, child(at, key), report, "DATA_PARSER_KILL_JOBS_MSG")
    return out


def _kill_response(version):
    from ..types import INT32, List, table
    from .meta import response

    if version in UNTIL_V41:  # v0.0.40 and v0.0.41 answer with errors and warnings only
        return response("openapi_resp", (), version)
    job = table("kill_jobs_resp_job", (
        ("error/string", "string", STRING, "String error encountered signaling job"),
        ("error/code", "error_code", INT32, "Numeric error encountered signaling job"),
        ("error/message", "error_msg", STRING, "Error message why signaling job failed"),
        ("step_id", "id", STRING, "Job or Step ID that signaling failed"),
        ("job_id", "real_job_id", UINT32_NO_VAL, "Job ID that signaling failed"),
        ("federation/sibling", "sibling", STRING, "Name of federation sibling (may be empty for non-federation)"),
    ), version)
    return response("openapi_kill_job_resp", (
        ("status", "status", List(job, "kill_jobs_resp_msg"), "resultant status of signal request"),
    ), version)


def _kill_jobs_response(version):
    from ..types import INT32, List, table
    from .meta import response

    job = table("kill_jobs_resp_job", (
        ("error/string", "string", STRING, "String error encountered signaling job"),
        ("error/code", "error_code", INT32, "Numeric error encountered signaling job"),
        ("error/message", "error_msg", STRING, "Error message why signaling job failed"),
        ("step_id", "id", STRING, "Job or Step ID that signaling failed"),
        ("job_id", "real_job_id", UINT32_NO_VAL, "Job ID that signaling failed"),
        ("federation/sibling", "sibling", STRING, "Name of federation sibling (may be empty for non-federation)"),
    ), version)
    from ..types import REQUIRED
    from . import V40, V42, V43_ON

    status = List(job, "kill_jobs_resp_msg")
    out = response("openapi_kill_jobs_resp", (
        ("status", "status", status, "resultant status of signal request", V40 | V41 | V42),
        ("status", "status", status, "resultant status of signal request", V43_ON, REQUIRED),  # v0.0.43 on
    ), version)
    return out
