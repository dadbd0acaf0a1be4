"""`Slurm`: libslurm calls -> plain Python records (C memory copied out and freed before returning).

Record keys, order and values are those the reference slurmrestd emits in v0.0.38 (`pings[]`,
`statistics`, `licenses[]`); the per-version field tables start from these.
"""
from . import convert
from ._lib import check, load
from ._rpc_names import RPC_NAMES
from .jobs import Jobs

U32 = 0xFFFFFFFF


def _mode(i, count):
    if i == 0:
        return "primary"
    if i == 1 and count == 2:
        return "backup"
    return f"backup{i}"


def _mean(total, count):
    return total // count if count > 0 else 0


class Slurm(Jobs):
    """A handle on an initialized libslurm (get one from `slurmrestd_py.slurm.open()`)."""

    def __init__(self):
        self.ffi, self.lib = load()

    def slurmdb(self):
        """A new slurmdbd connection (`slurmdb.Connection`); the caller ends it with finish(ok)."""
        from .slurmdb import Connection

        return Connection()

    # -- GET /ping ---------------------------------------------------------------------------
    def ping(self):
        """One record per configured controller: {hostname, ping ("UP"/"DOWN"), status, mode}."""
        ffi, lib = self.ffi, self.lib
        conf = ffi.new("slurm_conf_t **")
        check(lib.slurm_load_ctl_conf(0, conf), "slurm_load_ctl_conf",
              "slurmctld config is unable to load")
        try:
            count = conf[0].control_cnt
            hosts = convert.string_list(ffi, conf[0].control_machine, count)
        finally:
            lib.slurm_free_ctl_conf(conf[0])
        pings = []
        for i, host in enumerate(hosts):
            status = lib.slurm_ping(i)
            pings.append({
                "hostname": host,
                "ping": "UP" if status == 0 else "DOWN",
                "status": status,
                "mode": _mode(i, count),
            })
        return pings

    # -- GET /diag ---------------------------------------------------------------------------
    def diag(self):
        """slurmctld's statistics, as the reference's `statistics` object."""
        ffi, lib = self.ffi, self.lib
        req = ffi.new("stats_info_request_msg_t *")
        req.command_id = lib.STAT_COMMAND_GET
        buf = ffi.new("stats_info_response_msg_t **")
        check(lib.slurm_get_statistics(buf, req), "slurm_get_statistics", "request failed")
        try:
            return _statistics(buf[0])
        finally:
            lib.slurm_free_stats_response_msg(buf[0])

    # -- GET /licenses -----------------------------------------------------------------------
    def licenses(self):
        """[{LicenseName, Total, Used, Free, Reserved, Remote}], in slurmctld's order."""
        ffi, lib = self.ffi, self.lib
        msg = ffi.new("license_info_msg_t **")
        rc = lib.slurm_load_licenses(0, msg, 0)
        try:
            check(rc, "slurm_load_licenses", "slurmctld unable to load licenses")
            m = msg[0]
            return [
                {
                    "LicenseName": convert.string(ffi, lic.name),
                    "Total": lic.total,
                    "Used": lic.in_use,
                    "Free": lic.available,
                    "Reserved": lic.reserved,
                    "Remote": bool(lic.remote),
                }
                for lic in (m.lic_array[i] for i in range(m.num_lic))
            ]
        finally:
            if msg[0] != ffi.NULL:
                lib.slurm_free_license_info_msg(msg[0])

    # -- GET /nodes, /partitions, /reservations (and one of each) ----------------------------
    def nodes(self, update_time=0, name=None):
        from .nodes import load_nodes

        return load_nodes(self.ffi, self.lib, update_time, name)

    def partitions(self, update_time=0, name=None):
        from .partitions import load_partitions

        return load_partitions(self.ffi, self.lib, update_time, name)

    def reservations(self, update_time=0, name=None):
        from .reservations import load_reservations

        return load_reservations(self.ffi, self.lib, update_time, name)


def _statistics(r):
    sched_n = r.schedule_cycle_counter
    bf_n = r.bf_cycle_counter
    elapsed = r.req_time - r.req_time_start
    stats = {
        "rpcs_by_message_type": [
            {
                "message_type": RPC_NAMES.get(r.rpc_type_id[i], str(r.rpc_type_id[i])),
                "type_id": r.rpc_type_id[i],
                "count": r.rpc_type_cnt[i],
                "average_time": _mean(r.rpc_type_time[i], r.rpc_type_cnt[i]) & U32,
                "total_time": r.rpc_type_time[i],
            }
            for i in range(r.rpc_type_size)
        ],
        "rpcs_by_user": [
            {
                "user": convert.uid_name(r.rpc_user_id[i]),
                "user_id": r.rpc_user_id[i],
                "count": r.rpc_user_cnt[i],
                "average_time": _mean(r.rpc_user_time[i], r.rpc_user_cnt[i]) & U32,
                "total_time": r.rpc_user_time[i],
            }
            for i in range(r.rpc_user_size)
        ],
        "parts_packed": load()[1].srpy_stats_parts_packed(r),
        "req_time": r.req_time,
        "req_time_start": r.req_time_start,
        "server_thread_count": r.server_thread_count,
        "agent_queue_size": r.agent_queue_size,
        "agent_count": r.agent_count,
        "agent_thread_count": r.agent_thread_count,
        "dbd_agent_queue_size": r.dbd_agent_queue_size,
        "gettimeofday_latency": r.gettimeofday_latency,
        "schedule_cycle_max": r.schedule_cycle_max,
        "schedule_cycle_last": r.schedule_cycle_last,
        "schedule_cycle_total": sched_n,
        "schedule_cycle_mean": _mean(r.schedule_cycle_sum, sched_n),
        "schedule_cycle_mean_depth": _mean(r.schedule_cycle_depth, sched_n),
        # Cycles per whole minute of uptime; 0 in the first minute.
        "schedule_cycle_per_minute": (sched_n // (elapsed // 60)) & U32 if elapsed > 60 else 0,
        "schedule_queue_length": r.schedule_queue_len,
        "jobs_submitted": r.jobs_submitted,
        "jobs_started": r.jobs_started,
        "jobs_completed": r.jobs_completed,
        "jobs_canceled": r.jobs_canceled,
        "jobs_failed": r.jobs_failed,
        "jobs_pending": r.jobs_pending,
        "jobs_running": r.jobs_running,
        "job_states_ts": r.job_states_ts,
        "bf_backfilled_jobs": r.bf_backfilled_jobs,
        "bf_last_backfilled_jobs": r.bf_last_backfilled_jobs,
        "bf_backfilled_het_jobs": r.bf_backfilled_het_jobs,
        "bf_cycle_counter": bf_n,
        "bf_cycle_mean": _mean(r.bf_cycle_sum, bf_n),
        "bf_depth_mean": _mean(r.bf_depth_sum, bf_n),
        "bf_depth_mean_try": _mean(r.bf_depth_try_sum, bf_n),
        "bf_cycle_last": r.bf_cycle_last,
        "bf_cycle_max": r.bf_cycle_max,
        "bf_queue_len": r.bf_queue_len,
        "bf_queue_len_mean": _mean(r.bf_queue_len_sum, bf_n),
        "bf_table_size": r.bf_table_size,
        "bf_table_size_mean": _mean(r.bf_table_size_sum, bf_n),
        "bf_when_last_cycle": r.bf_when_last_cycle,
        "bf_active": r.bf_active != 0,
    }
    return stats
