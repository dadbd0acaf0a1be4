"""slurmdb job, step and statistics records -> dbv0.0.38 records, as the reference's parse.c dumps
them (keys in its table order, which nested paths make first-use order).

Its dumpers read some fields through a narrower type than they have: time_t and uint64_t CPU
seconds, memory and energy as uint32 (`low32`), the step's average CPU frequency (a double) as the
low 32 bits of its IEEE bits, and the reservation name (a char *) as the low 32 bits of the pointer.
"""
import grp
import signal
import struct

from . import convert
from ._dbd_msg_names import DBD_MSG_NAMES
from .slurmdb_records import i64, tres_pairs

_MASK32 = 0xFFFFFFFF


class ConversionFailed(Exception):
    """A record the reference cannot dump (its dumper fails half-way); `partial` is what it had
    written of that record."""

    def __init__(self, partial):
        super().__init__("record conversion failed")
        self.partial = partial


def low32(v):
    """A number read as the reference's UINT32 dumper reads it: NO_VAL and INFINITE are null."""
    v &= _MASK32
    return None if v in (convert.NO_VAL, convert.INFINITE) else v


def exit_code(ec):
    """A wait(2) status as the reference's JOB_EXIT_CODE dumper renders it (WIFEXITED first, so a
    nonzero exit reads SUCCESS with return code 0, as it does)."""
    ec &= _MASK32
    if ec == convert.NO_VAL:
        return {"status": "PENDING", "return_code": None}
    sig = ec & 0x7F
    if sig == 0:
        return {"status": "SUCCESS", "return_code": 0}
    if sig != 0x7F:
        return {"status": "SIGNALED", "return_code": None,
                "signal": {"signal_id": sig, "name": _strsignal(sig)}}
    if ec & 0x80:
        return {"status": "CORE_DUMPED", "return_code": None}
    return {"status": "ERROR", "return_code": (ec >> 8) & 0xFF}


def _strsignal(sig):
    # glibc's text; Python hides its "Unknown signal N"
    return signal.strsignal(sig) or f"Unknown signal {sig}"


def wckey_tag(text):
    if text is None:
        return None
    if text.startswith("*"):
        return {"wckey": text[1:], "flags": ["ASSIGNED_DEFAULT"]}
    return {"wckey": text, "flags": []}


_JOB_FLAGS = (("SLURMDB_JOB_CLEAR_SCHED", "CLEAR_SCHEDULING"), ("SLURMDB_JOB_FLAG_NOTSET", "NOT_SET"),
              ("SLURMDB_JOB_FLAG_SUBMIT", "STARTED_ON_SUBMIT"),
              ("SLURMDB_JOB_FLAG_SCHED", "STARTED_ON_SCHEDULE"),
              ("SLURMDB_JOB_FLAG_BACKFILL", "STARTED_ON_BACKFILL"))
_GOVERNORS = (("CPU_FREQ_CONSERVATIVE", "Conservative"), ("CPU_FREQ_PERFORMANCE", "Performance"),
              ("CPU_FREQ_POWERSAVE", "PowerSave"), ("CPU_FREQ_ONDEMAND", "OnDemand"),
              ("CPU_FREQ_USERSPACE", "UserSpace"))


class JobEnv:
    """What rendering jobs needs beside the records: the TRES, QOS and associations slurmdbd
    returned, and memoised lookups (names of users, groups, states, hosts of a node list)."""

    def __init__(self, ffi, lib, tres, qos_names, assocs):
        self.ffi, self.lib = ffi, lib
        self.tres = tres  # [{type, name, id, count}] in slurmdbd's order
        self.tres_by_id = {t["id"]: t for t in tres}
        self.qos_names = qos_names  # id -> name
        self.assocs = assocs  # id -> {account, cluster, partition, user}, first of an id wins
        self.job_flags = [(getattr(lib, c), n) for c, n in _JOB_FLAGS]
        self.governors = [(getattr(lib, c), n) for c, n in _GOVERNORS]
        self.step_names = {lib.SLURM_EXTERN_CONT: "extern", lib.SLURM_BATCH_SCRIPT: "batch",
                           lib.SLURM_PENDING_STEP: "pending",
                           lib.SLURM_INTERACTIVE_STEP: "interactive"}
        self._users, self._groups, self._states, self._reasons = {}, {}, {}, {}
        self._dists, self._hosts = {}, {}

    def string(self, ptr):
        return None if ptr == self.ffi.NULL else self.ffi.string(ptr).decode("utf-8", "replace")

    def user(self, uid):
        if uid not in self._users:
            self._users[uid] = convert.user_or_none(uid)
        return self._users[uid]

    def group(self, gid):
        if gid not in self._groups:
            try:
                self._groups[gid] = grp.getgrgid(gid).gr_name
            except (KeyError, OverflowError):
                self._groups[gid] = None
        return self._groups[gid]

    def state(self, value):
        if value not in self._states:
            self._states[value] = self.string(self.lib.slurm_job_state_string(value))
        return self._states[value]

    def reason(self, value):
        if value not in self._reasons:
            # job_reason_string() takes an enum: the uint32 reads as int
            arg = value - (1 << 32) if value >= (1 << 31) else value
            self._reasons[value] = self.string(self.lib.slurm_job_reason_string(arg))
        return self._reasons[value]

    def distribution(self, value):
        if value not in self._dists:
            ptr = self.lib.slurm_step_layout_type_name(value)
            self._dists[value] = self.string(ptr)
            if ptr != self.ffi.NULL:
                holder = self.ffi.new("void **", ptr)
                self.lib.slurm_xfree(holder)
        return self._dists[value]

    def hosts(self, ptr):
        """The host names of a node list (Slurm's hostlist expansion)."""
        key = self.string(ptr)
        if key not in self._hosts:
            ffi, lib = self.ffi, self.lib
            names = []
            hl = lib.slurm_hostlist_create(ptr)
            if hl != ffi.NULL:
                try:
                    while True:
                        name = lib.slurm_hostlist_shift(hl)
                        if name == ffi.NULL:
                            break
                        names.append(self.string(name))
                        lib.free(name)
                finally:
                    lib.slurm_hostlist_destroy(hl)
            self._hosts[key] = names
        return self._hosts[key]

    def qos(self, qos_id):
        """The QOS's name; None for 0; an id slurmdbd did not list fails the record, as the
        reference's dumper does."""
        if qos_id == 0:
            return None
        return self.qos_names[qos_id]

    def association(self, assoc_id):
        if not assoc_id or assoc_id == convert.NO_VAL:
            return None
        found = self.assocs.get(assoc_id)
        if found is None:
            return {"id": assoc_id, "account": None, "cluster": None, "partition": None,
                    "user": None}
        return dict(found)

    def tres_list(self, ptr):
        """A TRES string as [{type, name, id, count}], named from slurmdbd's TRES table."""
        out = []
        for tid, count in tres_pairs(self.string(ptr)):
            known = self.tres_by_id.get(tid)
            out.append({"type": known["type"] if known else None,
                        "name": known["name"] if known else None,
                        "id": tid, "count": i64(count)})
        return out

    def tres_usage(self, count_ptr, node_ptr, task_ptr, hosts):
        """A step's max/min usage: three TRES strings (value, node index, task) folded per TRES,
        in TRES table order, for each TRES any of them mentions."""
        texts = [self.string(p) for p in (count_ptr, node_ptr, task_ptr)]
        if texts == [None, None, None]:
            return []
        rows = {t["id"]: [0, None, 0] for t in self.tres}
        for which, text in enumerate(texts):
            for tid, value in tres_pairs(text):
                row = rows.get(tid)
                if row is None:
                    raise ConversionFailed(None)  # the reference finds the lists out of sync
                if which == 1:
                    index = value & _MASK32  # hostlist_nth() takes an int
                    index = index - (1 << 32) if index >= (1 << 31) else index
                    row[1] = hosts[index] if 0 <= index < len(hosts) else None
                else:
                    row[0 if which == 0 else 2] = value
        out = []
        for t in self.tres:
            count, node, task = rows[t["id"]]
            if count or node or task:
                out.append({"type": t["type"], "name": t["name"], "id": t["id"],
                            "count": i64(count), "task": i64(task), "node": node})
        return out


def step_record(env, st):
    s = env.string
    hosts = env.hosts(st.nodes)
    stats = st.stats
    nodes = {"list": hosts} if hosts else {}
    nodes["count"] = low32(st.nnodes)
    nodes["range"] = s(st.nodes)
    freq = struct.unpack("<Q", struct.pack("<d", stats.act_cpufreq))[0]
    gov = st.req_cpufreq_gov
    step_id = st.step_id.step_id
    return {
        "nodes": nodes,
        "tres": {
            "requested": {
                "max": env.tres_usage(stats.tres_usage_in_max, stats.tres_usage_in_max_nodeid,
                                      stats.tres_usage_in_max_taskid, hosts),
                "min": env.tres_usage(stats.tres_usage_in_min, stats.tres_usage_in_min_nodeid,
                                      stats.tres_usage_in_min_taskid, hosts),
                "average": env.tres_list(stats.tres_usage_in_ave),
                "total": env.tres_list(stats.tres_usage_in_tot),
            },
            "consumed": {
                "max": env.tres_usage(stats.tres_usage_out_max, stats.tres_usage_out_max_nodeid,
                                      stats.tres_usage_out_max_taskid, hosts),
                "min": env.tres_usage(stats.tres_usage_out_min, stats.tres_usage_out_min_nodeid,
                                      stats.tres_usage_out_min_taskid, hosts),
                "average": env.tres_list(stats.tres_usage_out_ave),
                "total": env.tres_list(stats.tres_usage_out_tot),
            },
            "allocated": env.tres_list(st.tres_alloc_str),
        },
        "time": {
            "elapsed": low32(st.elapsed),
            "end": low32(st.end),
            "start": low32(st.start),
            "suspended": low32(st.suspended),
            "system": {"seconds": low32(st.sys_cpu_sec), "microseconds": low32(st.sys_cpu_usec)},
            "total": {"seconds": low32(st.tot_cpu_sec), "microseconds": low32(st.tot_cpu_usec)},
            "user": {"seconds": low32(st.user_cpu_sec), "microseconds": low32(st.user_cpu_usec)},
        },
        "exit_code": exit_code(st.exitcode),
        "tasks": {"count": low32(st.ntasks)},
        "pid": s(st.pid_str),
        "CPU": {
            "requested_frequency": {"min": low32(st.req_cpufreq_min),
                                    "max": low32(st.req_cpufreq_max)},
            "governor": [name for bit, name in env.governors if gov & bit],
        },
        "kill_request_user": env.user(st.requid),
        "state": env.state(st.state),
        "statistics": {"CPU": {"actual_frequency": low32(freq)},
                       "energy": {"consumed": low32(stats.consumed_energy)}},
        "step": {
            "job_id": low32(st.step_id.job_id),
            "het": {"component": low32(st.step_id.step_het_comp)},
            "id": env.step_names.get(step_id, step_id),
            "name": s(st.stepname),
        },
        "task": {"distribution": env.distribution(st.task_dist)},
    }


_USAGE = tuple(f"tres_usage_{d}_{m}{w}" for d in ("in", "out") for m in ("max", "min")
               for w in ("", "_nodeid", "_taskid"))


def job_renders(env, j, steps):
    """False where job_record(env, j, steps) would raise ConversionFailed (a QOS id slurmdbd did
    not list; a step's usage naming a TRES it did not list), without making the record: an
    answer streamed record by record must know before its first byte."""
    if j.qosid and j.qosid not in env.qos_names:
        return False
    known = {t["id"] for t in env.tres}
    for st in steps:
        stats = st.stats
        for name in _USAGE:
            if any(tid not in known for tid, _ in tres_pairs(env.string(getattr(stats, name)))):
                return False
    return True


def job_record(env, j, steps):
    """One job; `steps` are its slurmdb_step_rec_t pointers."""
    s = env.string
    ffi = env.ffi
    rec = {
        "account": s(j.account),
        "comment": {"administrator": s(j.admin_comment), "job": s(j.derived_es)},
        "allocation_nodes": low32(j.alloc_nodes),
        "array": {"job_id": low32(j.array_job_id),
                  "limits": {"max": {"running": {"tasks": low32(j.array_max_tasks)}}},
                  "task": s(j.array_task_str), "task_id": low32(j.array_task_id)},
        "association": env.association(j.associd),
        "cluster": s(j.cluster),
        "constraints": s(j.constraints),
        "container": s(j.container),
        "derived_exit_code": exit_code(j.derived_ec),
        "time": {"elapsed": low32(j.elapsed), "eligible": low32(j.eligible),
                 "end": low32(j.end)},
        "exit_code": exit_code(j.exitcode),
        "flags": [name for bit, name in env.job_flags if j.flags & bit],
        "group": env.group(j.gid),
        "het": {"job_id": low32(j.het_job_id), "job_offset": low32(j.het_job_offset)},
        "job_id": low32(j.jobid),
        "name": s(j.jobname),
        "mcs": {"label": s(j.mcs_label)},
        "nodes": s(j.nodes),
        "partition": s(j.partition),
        "priority": low32(j.priority),
        "qos": None,
    }
    try:
        rec["qos"] = env.qos(j.qosid)
    except KeyError:
        raise ConversionFailed(rec) from None
    time = rec["time"]
    rec["required"] = {"CPUs": low32(j.req_cpus), "memory": low32(j.req_mem)}
    rec["kill_request_user"] = env.user(j.requid)
    rec["reservation"] = {"id": low32(j.resvid),
                          "name": int(ffi.cast("uintptr_t", j.resv_name)) & _MASK32}
    time["start"] = low32(j.start)
    rec["state"] = {"current": env.state(j.state), "reason": env.reason(j.state_reason_prev)}
    time["submission"] = low32(j.submit)
    rec["steps"] = []
    for st in steps:
        try:
            rec["steps"].append(step_record(env, st))
        except ConversionFailed:
            raise ConversionFailed(rec) from None
    time["suspended"] = low32(j.suspended)
    rec["comment"]["system"] = s(j.system_comment)
    time["system"] = {"seconds": low32(j.sys_cpu_sec), "microseconds": low32(j.sys_cpu_usec)}
    time["limit"] = low32(j.timelimit)
    time["total"] = {"seconds": low32(j.tot_cpu_sec), "microseconds": low32(j.tot_cpu_usec)}
    rec["tres"] = {"allocated": env.tres_list(j.tres_alloc_str),
                   "requested": env.tres_list(j.tres_req_str)}
    rec["user"] = s(j.user)
    time["user"] = {"seconds": low32(j.user_cpu_sec), "microseconds": low32(j.user_cpu_usec)}
    rec["wckey"] = wckey_tag(s(j.wckey))
    rec["working_directory"] = s(j.work_dir)
    return rec


def _u64(v):
    """The reference's UINT64 dumper: null for NO_VAL64/INFINITE64, else the int64 it stores."""
    return None if v in (convert.NO_VAL64, convert.INFINITE64) else convert.int64(v)


def _rpc(name, r):
    return {name[0]: name[1], "count": low32(r.cnt),
            "time": {"average": _u64(r.time_ave), "total": _u64(r.time)}}


def stats_record(ffi, lib, st, rpcs, users):
    """slurmdbd's statistics; `rpcs` and `users` are the slurmdb_rpc_obj_t pointers of its lists.
    Raises ConversionFailed when slurmdbd sent no rollup statistics (the reference fails too)."""
    roll = st.dbd_rollup_stats
    rollups = []
    if roll == ffi.NULL:
        raise ConversionFailed({"time_start": low32(st.time_start), "rollups": []})
    for i in range(lib.DBD_ROLLUP_COUNT):
        total = roll.time_total[i]
        if total == 0:
            continue
        count = roll.count[i]
        rollups.append({
            "type": ("internal", "user")[i] if i < 2 else "unknown",
            "last_run": convert.int64(roll.timestamp[i] & 0xFFFFFFFFFFFFFFFF),
            "last_cycle": convert.int64(roll.time_last[i]),
            "max_cycle": convert.int64(roll.time_max[i]),
            "total_time": convert.int64(total),
            "total_cycles": count,
            "mean_cycles": convert.int64(total // count if count > 1 else total),
        })
    return {
        "time_start": low32(st.time_start),
        "rollups": rollups,
        "RPCs": [_rpc(("rpc", DBD_MSG_NAMES.get(r.id, f"MsgType={r.id}")), r) for r in rpcs],
        "users": [_rpc(("user", convert.user_or_none(r.id)), r) for r in users],
    }
