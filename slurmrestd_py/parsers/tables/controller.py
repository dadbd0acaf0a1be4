"""slurmctld itself: GET ping (controller_ping_t), diag (stats_info_response_msg_t), licenses
(slurm_license_info_t) and reconfigure (no payload).

Rows: (path in the answer, field of the copied-out record or a function of it, type, description[,
versions]), in the reference's order, with its published descriptions.
"""
from ..types import BOOL, INT64, REQUIRED, STRING, UINT64_NO_VAL, List, table
from . import V40, V40_ON, V40_ONLY, V41, V41_ON, V42, V42_ON, V43, V43_ON, V44, V44_ON, V45

_UNTIL_V44 = V40 | V41 | V42 | V43 | V44
from .meta import response
from .numbers import TIMESTAMP_NO_VAL, UINT32, UINT64

# -- ping ---------------------------------------------------------------------------------------


def _strerror(rc):
    from ...slurm._lib import strerror

    return strerror(rc)


def _mode(ping):
    i = ping["offset"]
    if i == 0:
        return "primary"
    if i == 1 and ping["control_cnt"] == 2:
        return "backup"
    return f"backup{i}"


PING = (
    ("hostname", "hostname", STRING, "Target for ping"),
    ("pinged", lambda p: "UP" if p["pinged"] else "DOWN", STRING, "Ping result", _UNTIL_V44),
    ("responding", "pinged", BOOL, "If ping RPC responded with pong from controller", V42_ON, REQUIRED),
    ("latency", "latency", UINT64, "Number of microseconds it took to successfully ping or timeout"),
    ("mode", _mode, STRING, "The operating mode of the responding slurmctld", _UNTIL_V44),
    ("primary", lambda p: p["offset"] == 0, BOOL, "Is responding slurmctld the primary controller", V42_ON, REQUIRED),
    ("status", lambda p: _strerror(p["rc"]), STRING, "Ping status code", V45),
)

# -- diag ---------------------------------------------------------------------------------------


def _mean(total, count):
    return lambda s: s[total] // s[count] if s[count] else 0


def _per_minute(s):
    elapsed = s["req_time"] - s["req_time_start"]
    return s["schedule_cycle_counter"] // (elapsed // 60) if elapsed >= 60 else 0


def _exits(field, keys):
    """slurmctld's exit reason counters (an array indexed by its private enum, whose order
    `keys` gives as the reference's keys) -> {key: count}, in the reference's key order."""
    order = [k for k, _ in sorted(keys, key=lambda kv: kv[1])]

    def get(s):
        counts = dict(zip(order, s.get(field) or ()))
        return {k: counts.get(k, 0) for k, _ in keys}
    return get


# (key, index in slurmctld's schedule_exit_t / bf_exit_t), in the reference's key order
_SCHEDULE_EXITS = (("end_job_queue", 0), ("default_queue_depth", 1), ("max_job_start", 2),
                   ("max_rpc_cnt", 4), ("max_sched_time", 5), ("licenses", 3))
_BF_EXITS = (("end_job_queue", 0), ("bf_max_job_start", 1), ("bf_max_job_test", 2), ("bf_max_time", 5),
             ("bf_node_space_size", 4), ("state_changed", 3))
SCHEDULE_EXIT = table("schedule_exit_fields", (
    ("end_job_queue", "end_job_queue", UINT32, "Reached end of queue"),
    ("default_queue_depth", "default_queue_depth", UINT32, "Reached number of jobs allowed to be tested"),
    ("max_job_start", "max_job_start", UINT32, "Reached number of jobs allowed to start"),
    ("max_rpc_cnt", "max_rpc_cnt", UINT32, "Reached RPC limit"),
    ("max_sched_time", "max_sched_time", UINT32, "Reached maximum allowed scheduler time"),
    ("licenses", "licenses", UINT32, "Blocked on licenses"),
))
BF_EXIT = table("bf_exit_fields", (
    ("end_job_queue", "end_job_queue", UINT32, "Reached end of queue"),
    ("bf_max_job_start", "bf_max_job_start", UINT32, "Reached number of jobs allowed to start"),
    ("bf_max_job_test", "bf_max_job_test", UINT32, "Reached number of jobs allowed to be tested"),
    ("bf_max_time", "bf_max_time", UINT32, "Reached maximum allowed scheduler time"),
    ("bf_node_space_size", "bf_node_space_size", UINT32, "Reached table size limit"),
    ("state_changed", "state_changed", UINT32, "System state changed"),
))


_RPC_NAMES = []


def _rpc_name(type_id):
    """rpc_num2string() of the running release (libslurm does not export it): its number when unnamed."""
    if not _RPC_NAMES:
        from ...slurm._lib import release
        from ...slurm._rpc_names import RPC_NAMES
        from ...slurm._rpc_names_release import RPC_NAMES_BY_RELEASE

        _RPC_NAMES.append({**RPC_NAMES, **RPC_NAMES_BY_RELEASE.get(release(), {})})
    return _RPC_NAMES[0].get(type_id) or str(type_id)


def _user_name(uid, numeric):
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid) if numeric else ""


def _rpcs_by_type(s):
    queued = s.get("rpc_type_queued") or ()
    out = []
    for i, (tid, count, total) in enumerate(zip(s["rpc_type_id"], s["rpc_type_cnt"], s["rpc_type_time"])):
        out.append({"id": tid, "count": count, "time": total,
                    "queued": queued[i] if queued else 0,
                    "dropped": s["rpc_type_dropped"][i] if queued else 0,
                    "cycle_last": s["rpc_type_cycle_last"][i] if queued else 0,
                    "cycle_max": s["rpc_type_cycle_max"][i] if queued else 0})
    return out


def _rpcs_by_user(s):
    return [{"id": uid, "count": count, "time": total}
            for uid, count, total in zip(s["rpc_user_id"], s["rpc_user_cnt"], s["rpc_user_time"])]


def _average(r):
    # NO_VAL64 when nothing was timed, as the reference's dumper sets it
    return r["time"] // r["count"] if r["time"] > 0 and r["count"] > 0 else 0xFFFFFFFFFFFFFFFE


# v0.0.40 writes the RPC lists with its own keys, in its own order, averages as uint32_t
RPC_TYPE_V40 = table(None, (
    ("message_type", lambda r: _rpc_name(r["id"]), STRING, "Message type as string"),
    ("type_id", "id", UINT32, "Message type as integer"),
    ("count", "count", UINT32, "Number of RPCs received"),
    ("average_time", lambda r: (r["time"] // r["count"] if r["time"] > 0 and r["count"] > 0 else 0) & 0xFFFFFFFF,
     INT64, "Average time spent processing RPC in seconds"),
    ("total_time", "time", INT64, "Total time spent processing RPC in seconds"),
), description="RPC")
RPC_USER_V40 = table(None, (
    ("user", lambda r: _user_name(r["id"], True), STRING, "user name"),
    ("user_id", "id", UINT32, "user id (numeric)"),
    ("count", "count", UINT32, "Number of RPCs received"),
    ("average_time", lambda r: (r["time"] // r["count"] if r["time"] > 0 and r["count"] > 0 else 0) & 0xFFFFFFFF,
     INT64, "Average time spent processing RPC in seconds"),
    ("total_time", "time", INT64, "Total time spent processing RPC in seconds"),
), description="user")
RPC_TYPE = table("stats_msg_rpc_type", (
    ("type_id", "id", UINT32, "Message type as integer", REQUIRED),
    ("message_type", lambda r: _rpc_name(r["id"]), STRING, "Message type as string", REQUIRED),
    ("count", "count", UINT32, "Number of RPCs received", REQUIRED),
    ("queued", "queued", UINT32, "Number of RPCs queued", REQUIRED),
    ("dropped", "dropped", INT64, "Number of RPCs dropped", REQUIRED),
    ("cycle_last", "cycle_last", UINT32, "Number of RPCs processed within the last RPC queue cycle", REQUIRED),
    ("cycle_max", "cycle_max", UINT32, "Maximum number of RPCs processed within a RPC queue cycle since start",
     REQUIRED),
    ("total_time", "time", INT64, "Total time spent processing RPC in seconds", REQUIRED),
    ("average_time", _average, UINT64_NO_VAL, "Average time spent processing RPC in seconds", REQUIRED),
))
RPC_USER = table("stats_msg_rpc_user", (
    ("user_id", "id", UINT32, "User ID (numeric)", REQUIRED),
    ("user", lambda r: _user_name(r["id"], False), STRING, "User name", REQUIRED),
    ("count", "count", UINT32, "Number of RPCs received", REQUIRED),
    ("total_time", "time", INT64, "Total time spent processing RPC in seconds", REQUIRED),
    ("average_time", _average, UINT64_NO_VAL, "Average time spent processing RPC in seconds", REQUIRED),
))
RPC_QUEUE = table("stats_msg_rpc_queue", (
    ("type_id", "id", UINT32, "Message type as integer", REQUIRED),
    ("message_type", lambda r: _rpc_name(r["id"]), STRING, "Message type as string", REQUIRED),
    ("count", "count", UINT32, "Number of pending RPCs queued", REQUIRED),
))
HOSTLIST_STRING = List(STRING, "hostlist_string")
RPC_DUMP = table("stats_msg_rpc_dump", (
    ("type_id", "id", UINT32, "Message type as integer", REQUIRED),
    ("message_type", lambda r: _rpc_name(r["id"]), STRING, "Message type as string", REQUIRED),
    ("count", "hosts", HOSTLIST_STRING, "Number of RPCs received", REQUIRED),
))


def _pending(s):
    return [{"id": t, "count": c} for t, c in zip(s["rpc_queue_type_id"], s["rpc_queue_count"])]


def _pending_hosts(s):
    return [{"id": t, "hosts": h} for t, h in zip(s["rpc_dump_types"], s["rpc_dump_hosts"])]


STATS = (
    ("parts_packed", "parts_packed", UINT32, "Zero if only RPC statistic included", _UNTIL_V44),
    ("req_time", "req_time", TIMESTAMP_NO_VAL, "When the request was made (UNIX timestamp)"),
    ("req_time_start", "req_time_start", TIMESTAMP_NO_VAL, "When the data in the report started (UNIX timestamp)"),
    ("server_thread_count", "server_thread_count", UINT32, "Number of current active slurmctld threads"),
    ("agent_queue_size", "agent_queue_size", UINT32,
     "Number of enqueued outgoing RPC requests in an internal retry list"),
    ("agent_count", "agent_count", UINT32, "Number of agent threads"),
    ("agent_thread_count", "agent_thread_count", UINT32, "Total number of active threads created by all agent threads"),
    ("dbd_agent_queue_size", "dbd_agent_queue_size", UINT32, "Number of messages for SlurmDBD that are queued"),
    ("gettimeofday_latency", "gettimeofday_latency", UINT32,
     "Latency of 1000 calls to the gettimeofday() syscall in microseconds, as measured at controller startup"),
    ("schedule_cycle_max", "schedule_cycle_max", UINT32,
     "Max time of any scheduling cycle in microseconds since last reset"),
    ("schedule_cycle_last", "schedule_cycle_last", UINT32, "Time in microseconds for last scheduling cycle"),
    ("schedule_cycle_sum", "schedule_cycle_sum", UINT32,
     "Total run time in microseconds for all scheduling cycles since last reset", V41 | V42),
    ("schedule_cycle_sum", "schedule_cycle_sum", UINT64,
     "Total run time in microseconds for all scheduling cycles since last reset", V43_ON),
    ("schedule_cycle_total", "schedule_cycle_counter", UINT32, "Number of scheduling cycles since last reset"),
    ("schedule_cycle_mean", _mean("schedule_cycle_sum", "schedule_cycle_counter"), INT64,
     "Mean time in microseconds for all scheduling cycles since last reset"),
    ("schedule_cycle_mean_depth", _mean("schedule_cycle_depth", "schedule_cycle_counter"), INT64,
     "Mean of the number of jobs processed in a scheduling cycle"),
    ("schedule_cycle_per_minute", _per_minute, INT64, "Number of scheduling executions per minute"),
    ("schedule_cycle_depth", "schedule_cycle_depth", UINT32, "Total number of jobs processed in scheduling cycles",
     V41_ON),
    ("schedule_exit", _exits("schedule_exit", _SCHEDULE_EXITS), SCHEDULE_EXIT,
     "Reasons for which the scheduling cycle exited since last reset", V41_ON),
    ("schedule_queue_length", "schedule_queue_len", UINT32, "Number of jobs pending in queue"),
    ("schedule_exit", _exits("schedule_exit", _SCHEDULE_EXITS), SCHEDULE_EXIT,
     "Reasons for which the scheduling cycle exited since last reset", V40_ONLY),
    ("jobs_submitted", "jobs_submitted", UINT32, "Number of jobs submitted since last reset"),
    ("jobs_started", "jobs_started", UINT32, "Number of jobs started since last reset"),
    ("jobs_completed", "jobs_completed", UINT32, "Number of jobs completed since last reset"),
    ("jobs_canceled", "jobs_canceled", UINT32, "Number of jobs canceled since the last reset"),
    ("jobs_failed", "jobs_failed", UINT32,
     "Number of jobs failed due to slurmd or other internal issues since last reset"),
    ("jobs_pending", "jobs_pending", UINT32, "Number of jobs pending at the time of listed in job_state_ts"),
    ("jobs_running", "jobs_running", UINT32, "Number of jobs running at the time of listed in job_state_ts"),
    ("job_states_ts", "job_states_ts", TIMESTAMP_NO_VAL, "When the job state counts were gathered (UNIX timestamp)"),
    ("bf_backfilled_jobs", "bf_backfilled_jobs", UINT32,
     "Number of jobs started through backfilling since last slurm start"),
    ("bf_last_backfilled_jobs", "bf_last_backfilled_jobs", UINT32,
     "Number of jobs started through backfilling since last reset"),
    ("bf_backfilled_het_jobs", "bf_backfilled_het_jobs", UINT32,
     "Number of heterogeneous job components started through backfilling since last Slurm start"),
    ("bf_cycle_counter", "bf_cycle_counter", UINT32, "Number of backfill scheduling cycles since last reset"),
    ("bf_cycle_mean", _mean("bf_cycle_sum", "bf_cycle_counter"), INT64,
     "Mean time in microseconds of backfilling scheduling cycles since last reset"),
    ("bf_depth_mean", _mean("bf_depth_sum", "bf_cycle_counter"), INT64,
     "Mean number of eligible to run jobs processed during all backfilling scheduling cycles since last reset"),
    ("bf_depth_mean_try", _mean("bf_depth_try_sum", "bf_cycle_counter"), INT64,
     "The subset of Depth Mean that the backfill scheduler attempted to schedule"),
    ("bf_cycle_sum", "bf_cycle_sum", UINT64,
     "Total time in microseconds of backfilling scheduling cycles since last reset"),
    ("bf_cycle_last", "bf_cycle_last", UINT32, "Execution time in microseconds of last backfill scheduling cycle"),
    ("bf_cycle_max", "bf_cycle_max", UINT32, "Execution time in microseconds of longest backfill scheduling cycle",
     V41_ON),
    ("bf_exit", _exits("bf_exit", _BF_EXITS), BF_EXIT,
     "Reasons for which the backfill scheduling cycle exited since last reset", V41_ON),
    ("bf_last_depth", "bf_last_depth", UINT32, "Number of processed jobs during last backfilling scheduling cycle"),
    ("bf_last_depth_try", "bf_last_depth_try", UINT32,
     ("Number of processed jobs during last backfilling scheduling cycle that had a chance to start using "
      "available resources")),
    ("bf_depth_sum", "bf_depth_sum", UINT32,
     "Total number of jobs processed during all backfilling scheduling cycles since last reset"),
    ("bf_depth_try_sum", "bf_depth_try_sum", UINT32,
     "Subset of bf_depth_sum that the backfill scheduler attempted to schedule"),
    ("bf_queue_len", "bf_queue_len", UINT32, "Number of jobs pending to be processed by backfilling algorithm"),
    ("bf_queue_len_mean", _mean("bf_queue_len_sum", "bf_cycle_counter"), INT64,
     "Mean number of jobs pending to be processed by backfilling algorithm"),
    ("bf_queue_len_sum", "bf_queue_len_sum", UINT32,
     "Total number of jobs pending to be processed by backfilling algorithm since last reset"),
    ("bf_table_size", "bf_table_size", UINT32,
     "Number of different time slots tested by the backfill scheduler in its last iteration"),
    ("bf_table_size_sum", "bf_table_size_sum", UINT32,
     "Total number of different time slots tested by the backfill scheduler", V41_ON),
    # the reference's table reads the queue length's mean here (STATS_MSG_BF_QUEUE_LEN_MEAN)
    ("bf_table_size_mean", _mean("bf_queue_len_sum", "bf_cycle_counter"), INT64,
     "Mean number of different time slots tested by the backfill scheduler"),
    ("bf_when_last_cycle", "bf_when_last_cycle", TIMESTAMP_NO_VAL,
     "When the last backfill scheduling cycle happened (UNIX timestamp)"),
    ("bf_active", lambda s: s["bf_active"] != 0, BOOL, "Backfill scheduler currently running"),
    ("bf_exit", _exits("bf_exit", _BF_EXITS), BF_EXIT,
     "Reasons for which the backfill scheduling cycle exited since last reset", V40_ONLY),
    ("rpcs_by_message_type", _rpcs_by_type, List(RPC_TYPE_V40, "stats_msg_rpcs_by_type"),
     "Most frequently issued remote procedure calls (RPCs)", V40),
    ("rpcs_by_user", _rpcs_by_user, List(RPC_USER_V40, "stats_msg_rpcs_by_user"), "RPCs issued by user ID", V40),
    ("rpcs_by_message_type", _rpcs_by_type, List(RPC_TYPE, "stats_msg_rpcs_by_type"),
     "Most frequently issued remote procedure calls (RPCs)", V41_ON),
    ("rpcs_by_user", _rpcs_by_user, List(RPC_USER, "stats_msg_rpcs_by_user"), "RPCs issued by user ID", V41_ON),
    ("pending_rpcs", _pending, List(RPC_QUEUE, "stats_msg_rpcs_queue"), "Pending RPC statistics", V41_ON),
    ("pending_rpcs_by_hostlist", _pending_hosts, List(RPC_DUMP, "stats_msg_rpcs_dump"), "Pending RPCs hostlists",
     V41_ON),
)

# -- licenses -----------------------------------------------------------------------------------

LICENSE = (
    ("LicenseName", "name", STRING, "Name of the license"),
    ("Total", "total", UINT32, "Total number of licenses present"),
    ("Used", "in_use", UINT32, "Number of licenses in use"),
    ("Free", "available", UINT32, "Number of licenses currently available"),
    ("Remote", "remote", BOOL, "Indicates whether licenses are served by the database"),
    ("Reserved", "reserved", UINT32, "Number of licenses reserved"),
    ("LastConsumed", "last_consumed", UINT32,
     "Last known number of licenses that were consumed in the license manager (Remote Only)"),
    ("LastDeficit", "last_deficit", UINT32, "Number of \"missing licenses\" from the cluster's perspective"),
    ("LastUpdate", "last_update", INT64, "When the license information was last updated (UNIX Timestamp)"),
    ("Nodes", "nodes", STRING, "HRes nodes", V44_ON),
)


def objects(version):
    return {"ping": table("controller_ping", PING, version),
            "statistics": table("stats_msg", STATS, version),
            "license": table("license", LICENSE, version)}


def responses(version, objects):
    from .meta import FAILURE_SCHEMA

    return {
        "ping": response("openapi_ping_array_resp", (
            ("pings", "pings", List(objects["ping"], "controller_ping_array"), "pings", REQUIRED),
        ), version),
        "diag": response("openapi_diag_resp", (
            ("statistics", "statistics", objects["statistics"], "statistics", REQUIRED),
        ), version),
        "licenses": response("openapi_licenses_resp", (
            ("licenses", "licenses", List(objects["license"], "licenses"), "List of licenses", REQUIRED),
            ("last_update", "last_update", TIMESTAMP_NO_VAL, "Time of last licenses change (UNIX timestamp)",
             REQUIRED, V40_ON),
        ), version),
        # no payload: the reference's openapi_resp (meta, errors, warnings)
        "reconfigure": FAILURE_SCHEMA,
    }

