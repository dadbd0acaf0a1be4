"""Jobs: slurm_load_job(s) -> v0.0.38 job records; submit, update and signal.

One dict per job, built in one pass with the C struct's fields read once each: GET /jobs renders
thousands of these, so the per-field cost is what the endpoint costs. Keys, order, values and
sentinels are the reference's (its dump_job_info()), quirks included: `cpus_per_task` is null
unless a minimum CPU frequency is set, and then the minimum is keyed "cpu_frequency_minumum".
"""
import grp
import pwd

from ..errors import SlurmError
from ._lib import check, strerror
from .convert import INFINITE, INFINITE16, NO_VAL, NO_VAL16, Record

NICE_OFFSET = 0x80000000
MEM_PER_CPU = 0x8000000000000000
CORE_SPEC_THREAD = 0x8000

# job_info_t.bitflags, in the reference's order.
JOB_FLAGS = (
    (1 << 0, "KILL_INV_DEP"), (1 << 1, "NO_KILL_INV_DEP"), (1 << 2, "HAS_STATE_DIR"),
    (1 << 3, "BACKFILL_TEST"), (1 << 4, "GRES_ENFORCE_BIND"), (1 << 5, "TEST_NOW_ONLY"),
    (1 << 8, "SPREAD_JOB"), (1 << 9, "USE_MIN_NODES"), (1 << 10, "JOB_KILL_HURRY"),
    (1 << 11, "TRES_STR_CALC"), (1 << 12, "SIB_JOB_FLUSH"), (1 << 13, "HET_JOB_FLAG"),
    (1 << 15, "JOB_CPUS_SET"), (1 << 17, "TOP_PRIO_TMP"), (1 << 18, "JOB_ACCRUE_OVER"),
    (1 << 19, "GRES_DISABLE_BIND"), (1 << 20, "JOB_WAS_RUNNING"), (1 << 23, "JOB_MEM_SET"),
    (1 << 24, "JOB_RESIZED"),
)
SHOW_FLAGS = (
    (0x0001, "SHOW_ALL"), (0x0002, "SHOW_DETAIL"), (0x0008, "SHOW_MIXED"), (0x0010, "SHOW_LOCAL"),
    (0x0020, "SHOW_SIBLING"), (0x0040, "SHOW_FEDERATION"), (0x0080, "SHOW_FUTURE"),
)
PROFILES = ((0x2, "Energy"), (0x8, "Lustre"), (0x10, "Network"), (0x4, "Task"))
SHARED = {0: "none", 1: "shared", 2: "user", 3: "mcs", NO_VAL16: None}
NO_VAL_DOUBLE = float(NO_VAL)


class _Names:
    """uid/gid -> name lookups and libslurm's state/reason strings, cached for one listing:
    thousands of jobs share a handful of users and states."""

    def __init__(self, ffi, lib):
        self.ffi, self.lib = ffi, lib
        self.users, self.groups, self.states, self.reasons = {}, {}, {}, {}

    def user(self, uid):
        try:
            return self.users[uid]
        except KeyError:
            try:
                name = pwd.getpwuid(uid).pw_name
            except KeyError:
                name = None
            self.users[uid] = name
            return name

    def group(self, gid):
        try:
            return self.groups[gid]
        except KeyError:
            try:
                name = grp.getgrgid(gid).gr_name
            except KeyError:
                name = None
            self.groups[gid] = name
            return name

    def state(self, value):
        try:
            return self.states[value]
        except KeyError:
            text = self.ffi.string(self.lib.slurm_job_state_string(value)).decode()
            self.states[value] = text
            return text

    def reason(self, value):
        try:
            return self.reasons[value]
        except KeyError:
            text = self.ffi.string(self.lib.slurm_job_reason_string(value)).decode()
            self.reasons[value] = text
            return text


class Jobs:
    """The jobs part of `Slurm` (mixed into it): needs `self.ffi` and `self.lib`."""

    # -- GET /jobs, GET /job/{job_id} -------------------------------------------------------
    def jobs(self, update_time=0):
        """Every job slurmctld knows (SHOW_ALL|SHOW_DETAIL), or None when nothing changed since
        `update_time` (SLURM_NO_CHANGE_IN_DATA)."""
        ffi, lib = self.ffi, self.lib
        msg = ffi.new("job_info_msg_t **")
        rc = lib.slurm_load_jobs(update_time, msg, lib.SHOW_ALL | lib.SHOW_DETAIL)
        if rc != 0 and lib.srpy_errno() == lib.SLURM_NO_CHANGE_IN_DATA:
            return None
        try:
            # The call's own return code, as the reference: slurmctld's error, or -1 when unreachable.
            check(rc, "slurm_load_jobs", "Failed while looking for jobs")
            return _records(ffi, lib, msg[0])
        finally:
            if msg[0] != ffi.NULL:
                lib.slurm_free_job_info_msg(msg[0])

    def each_job(self, update_time=0):
        """As jobs(), but an iterator making each record from slurmctld's answer when asked for it
        (the answer stays in memory, its records never all at once); None when nothing changed.
        The RPC and its failure happen now; the answer is freed when the iterator ends, or when it
        is dropped."""
        ffi, lib = self.ffi, self.lib
        msg = ffi.new("job_info_msg_t **")
        rc = lib.slurm_load_jobs(update_time, msg, lib.SHOW_ALL | lib.SHOW_DETAIL)
        if rc != 0 and lib.srpy_errno() == lib.SLURM_NO_CHANGE_IN_DATA:
            return None
        answer = ffi.gc(msg[0], lib.slurm_free_job_info_msg) if msg[0] != ffi.NULL else None
        check(rc, "slurm_load_jobs", "Failed while looking for jobs")
        if answer is None:
            return iter(())

        def each():
            try:
                yield from _each(ffi, lib, answer)
            finally:
                ffi.release(answer)

        return each()

    def job(self, job_id, job_id_str):
        """The records of one job id (an array's or het job's records all come back)."""
        ffi, lib = self.ffi, self.lib
        msg = ffi.new("job_info_msg_t **")
        rc = lib.srpy_load_job(msg, job_id, lib.SHOW_ALL | lib.SHOW_DETAIL)
        try:
            if rc != 0:
                check(rc, "slurm_load_job", f"Unable to find JobId={job_id_str}")
            return _records(ffi, lib, msg[0])
        finally:
            if msg[0] != ffi.NULL:
                lib.slurm_free_job_info_msg(msg[0])

    def xlate_job_id(self, job_id_str):
        """slurm_xlate_job_id(): "123", "123_4", "123+1" -> a job id; 0 when invalid."""
        return self.lib.srpy_xlate_job_id(job_id_str.encode())

    def job_option_site(self):
        """What job options need from libslurm: {cpu_freq_govs, gres_types, compact_hosts}."""
        conf = self.lib.slurm_conf
        plugins = self.ffi.string(conf.gres_plugins).decode() if conf.gres_plugins else ""
        return {"cpu_freq_govs": conf.cpu_freq_govs,
                "gres_types": tuple(p.strip() for p in plugins.split(",") if p.strip()),
                "compact_hosts": self.compact_hosts}

    def compact_hosts(self, text):
        """A host list ranged and without repeats: "n3,n1,n2,n1" -> "n[1-3]"."""
        ffi, lib = self.ffi, self.lib
        hl = lib.slurm_hostlist_create(text.encode())
        if hl == ffi.NULL:
            return ""
        try:
            lib.slurm_hostlist_uniq(hl)
            ranged = ffi.new("char **", lib.slurm_hostlist_ranged_string_xmalloc(hl))
            try:
                return ffi.string(ranged[0]).decode() if ranged[0] != ffi.NULL else ""
            finally:
                if ranged[0] != ffi.NULL:
                    lib.slurm_xfree(ffi.cast("void **", ranged))
        finally:
            lib.slurm_hostlist_destroy(hl)

    def ranged_hosts(self, texts):
        """hostlist_push() of each text into one host list -> (its ranged string, None), or (None,
        the index of the first text that is no host list)."""
        ffi, lib = self.ffi, self.lib
        hl = lib.slurm_hostlist_create(ffi.NULL)
        try:
            for i, text in enumerate(texts):
                one = lib.slurm_hostlist_create(text.encode())  # (pushing a bad one can crash libslurm)
                if one == ffi.NULL:
                    return None, i
                lib.slurm_hostlist_destroy(one)
                if lib.slurm_hostlist_push(hl, text.encode()) <= 0:
                    return None, i
            ranged = ffi.new("char **", lib.slurm_hostlist_ranged_string_xmalloc(hl))
            try:
                return (ffi.string(ranged[0]).decode() if ranged[0] != ffi.NULL else ""), None
            finally:
                if ranged[0] != ffi.NULL:
                    lib.slurm_xfree(ffi.cast("void **", ranged))
        finally:
            lib.slurm_hostlist_destroy(hl)

    # -- DELETE /job/{job_id} ----------------------------------------------------------------
    def signal_job(self, job_id_str, signal):
        """slurm_kill_job2(KILL_FULL_JOB); a job that already ended is a success."""
        lib = self.lib
        if lib.slurm_kill_job2(job_id_str.encode(), signal, lib.KILL_FULL_JOB, self.ffi.NULL) == 0:
            return
        errno = lib.srpy_errno()
        if errno == lib.ESLURM_ALREADY_DONE:
            return
        text = strerror(errno)
        raise SlurmError(errno, text, "slurm_kill_job",
                         f"unable to kill JobId={job_id_str} with signal {signal}: {text}")

    def kill_job(self, job_id, signal):
        """slurm_kill_job(job_id, signal, KILL_FULL_JOB) (as slurm_kill_job2() of the job's number,
        which it is) -> errno (0: sent)."""
        lib = self.lib
        if lib.slurm_kill_job2(str(job_id).encode(), signal, lib.KILL_FULL_JOB, self.ffi.NULL) == 0:
            return 0
        return lib.srpy_errno()

    def kill_jobs(self, job_ids, signal, flags, filters=None):
        """slurm_kill_jobs() of a kill_jobs_msg_t (22.05: release/22.05.c's stand-in) -> (rc, answers):
        rc its return code, answers [{error_code, error_msg, id, real_job_id, sibling}] whole.
        `filters`: the message's other fields by their C names (account, job_name, partition, qos,
        reservation, state, user_id, user_name, wckey, nodelist); KILL_JOB_MSG_INITIALIZER's
        values where not given."""
        ffi, lib = self.ffi, self.lib
        keep = [ffi.new("char[]", j.encode()) for j in job_ids]
        array = ffi.new("char *[]", keep + [ffi.NULL])
        req = ffi.new("kill_jobs_msg_t *")
        req.signal, req.flags, req.state, req.user_id = signal, flags, lib.JOB_END, lib.SRPY_AUTH_NOBODY
        req.jobs_array, req.jobs_cnt = array, len(job_ids)
        for name, value in (filters or {}).items():
            if value is None:
                continue
            if isinstance(value, str):
                value = ffi.new("char[]", value.encode())
                keep.append(value)
            setattr(req, name, value)
        results, count = ffi.new("srpy_kill_result_t **"), ffi.new("uint32_t *")
        rc = lib.srpy_kill_jobs(req, results, count)
        def text(p):
            return ffi.string(p).decode("utf-8", "replace") if p != ffi.NULL else None

        try:
            answers = [{"error_code": r.error_code, "error_msg": text(r.error_msg), "id": text(r.id),
                        "real_job_id": r.real_job_id, "sibling": text(r.sibling)}
                       for r in (results[0][i] for i in range(count[0]))]
        finally:
            lib.srpy_free_kill_results(results[0], count[0])
        return rc, answers

    # -- POST /job/allocate ----------------------------------------------------------------------
    def allocate(self, desc):
        """A blocking allocation (no timeout) of one description -> (job_id, error_code,
        job_submit_user_msg); SlurmError with errno when refused."""
        ffi, lib = self.ffi, self.lib
        keep = []
        cdesc = _job_desc(ffi, lib, desc, keep)
        resp = lib.srpy_allocate(cdesc)
        if resp == ffi.NULL:
            errno = lib.srpy_errno()
            raise SlurmError(errno, strerror(errno), "slurm_allocate_resources_blocking")
        try:
            msg = resp.job_submit_user_msg
            return (lib.srpy_alloc_job_id(resp), resp.error_code,
                    ffi.string(msg).decode("utf-8", "replace") if msg != ffi.NULL else "")
        finally:
            lib.slurm_free_resource_allocation_response_msg(resp)

    # -- POST /job/submit ----------------------------------------------------------------------
    def allocate_het(self, descs):
        """A blocking HetJob allocation (no timeout) -> ([(job_id, error_code)] per component,
        job_submit_user_msg of the first that has one, or None); SlurmError with errno when refused."""
        ffi, lib = self.ffi, self.lib
        keep = []
        cdescs = [_job_desc(ffi, lib, d, keep) for d in descs]
        array = ffi.new("job_desc_msg_t *[]", cdescs)
        ids, codes = ffi.new("uint32_t[]", len(descs)), ffi.new("uint32_t[]", len(descs))
        msg = ffi.new("char **")
        n = lib.srpy_allocate_het(array, len(descs), ids, codes, msg)
        if n < 0:
            errno = lib.srpy_errno()
            raise SlurmError(errno, strerror(errno), "slurm_allocate_het_job_blocking")
        text = None
        if msg[0] != ffi.NULL:
            text = ffi.string(msg[0]).decode("utf-8", "replace")
            lib.free(msg[0])
        return [(ids[i], codes[i]) for i in range(n)], text

    def submit(self, descs, script):
        """Submit one batch job (one description) or a het job (several); the script goes with
        the first. -> (job_id, step_id, error_code, job_submit_user_msg); SlurmError with
        `error_number` = errno when slurmctld refuses."""
        ffi, lib = self.ffi, self.lib
        keep = []
        cdescs = [_job_desc(ffi, lib, d, keep) for d in descs]
        cdescs[0].script = _cstr(ffi, script, keep)
        resp = ffi.new("submit_response_msg_t **")
        if len(cdescs) == 1:
            rc = lib.slurm_submit_batch_job(cdescs[0], resp)
        else:
            array = ffi.new("job_desc_msg_t *[]", cdescs)
            rc = lib.srpy_submit_batch_het_job(array, len(cdescs), resp)
        try:
            if rc != 0:
                errno = lib.srpy_errno()
                raise SlurmError(errno, strerror(errno), "slurm_submit_batch_job")
            r = resp[0]
            return (lib.srpy_submit_job_id(r), lib.srpy_submit_step_id(r), r.error_code,
                    ffi.string(r.job_submit_user_msg).decode("utf-8", "replace")
                    if r.job_submit_user_msg else "")
        finally:
            if resp[0] != ffi.NULL:
                lib.slurm_free_submit_response_response_msg(resp[0])

    def step_name(self, step_id):
        lib = self.lib
        return {lib.SLURM_PENDING_STEP: "PENDING", lib.SLURM_BATCH_SCRIPT: "BATCH",
                lib.SLURM_EXTERN_CONT: "EXTERN", lib.SLURM_INTERACTIVE_STEP: "INTERACTIVE",
                }.get(step_id, step_id)

    # -- POST /job/{job_id} --------------------------------------------------------------------
    def update_job_results(self, desc):
        """slurm_update_job2() of a description carrying its job_id -> (rc, errno, results):
        results None when slurmctld answered none, else [{id, error_code, why}]."""
        ffi, lib = self.ffi, self.lib
        keep = []
        cdesc = _job_desc(ffi, lib, desc, keep)
        resp = ffi.new("job_array_resp_msg_t **")
        rc = lib.slurm_update_job2(cdesc, resp)
        errno = lib.srpy_errno() if rc else 0
        try:
            results = _update_results(ffi, resp[0]) if resp[0] != ffi.NULL else None
        finally:
            if resp[0] != ffi.NULL:
                lib.slurm_free_job_array_resp(resp[0])
        return rc, errno, results

    def update_job(self, job_id_str, desc):
        """slurm_update_job2() -> (rc, errno, first per-task error code or 0)."""
        ffi, lib = self.ffi, self.lib
        keep = []
        cdesc = _job_desc(ffi, lib, desc, keep)
        cdesc.job_id_str = _cstr(ffi, job_id_str, keep)
        resp = ffi.new("job_array_resp_msg_t **")
        rc = lib.slurm_update_job2(cdesc, resp)
        errno = lib.srpy_errno() if rc else 0
        try:
            r = resp[0]
            code = r.error_code[0] if r != ffi.NULL and r.error_code != ffi.NULL else 0
        finally:
            if resp[0] != ffi.NULL:
                lib.slurm_free_job_array_resp(resp[0])
        return rc, errno, code


def _update_results(ffi, r):
    """job_array_resp_msg_t -> [{id, error_code, why}] (why: err_msg, a field 22.05 lacks)."""
    why = getattr(r, "err_msg", ffi.NULL) if hasattr(r, "err_msg") else ffi.NULL
    out = []
    for i in range(r.job_array_count):
        text = r.job_array_id[i]
        msg = why[i] if why != ffi.NULL else ffi.NULL
        out.append({"id": ffi.string(text).decode() if text != ffi.NULL else None, "error_code": r.error_code[i],
                    "why": ffi.string(msg).decode("utf-8", "replace") if msg != ffi.NULL else None})
    return out


def _cstr(ffi, text, keep):
    if text is None:
        return ffi.NULL
    buf = ffi.new("char[]", text.encode())
    keep.append(buf)
    return buf


def _job_desc(ffi, lib, fields, keep):
    """A job_desc_msg_t from slurm_init_job_desc_msg() plus `fields` (name -> int, str, or list
    of str for char ** fields). Python owns every buffer (`keep`): never slurm_free it."""
    desc = ffi.new("job_desc_msg_t *")
    keep.append(desc)
    lib.slurm_init_job_desc_msg(desc)
    for name, value in fields.items():
        if name == "job_id":  # (where the release keeps it: a seam of its own)
            lib.srpy_job_desc_set_job_id(desc, value)
            continue
        if name == "step_id":  # (sluid, job_id, step_het_comp, step_id): 26.05 on
            if lib.srpy_job_desc_set_step_id(desc, *value) < 0:
                raise SlurmError(lib.ESLURM_NOT_SUPPORTED, strerror(lib.ESLURM_NOT_SUPPORTED), "job_desc_msg_t.step_id")
            continue
        if not hasattr(desc, name):  # a field this release's job_desc_msg_t lacks: refused, not dropped
            raise SlurmError(lib.ESLURM_NOT_SUPPORTED, strerror(lib.ESLURM_NOT_SUPPORTED), "job_desc_msg_t." + name)
        if isinstance(value, str):
            value = _cstr(ffi, value, keep)
        elif isinstance(value, list):
            items = [_cstr(ffi, v, keep) for v in value] + [ffi.NULL]
            array = ffi.new("char *[]", items)
            keep.append(array)
            value = array
        elif value is None:
            value = ffi.NULL
        setattr(desc, name, value)
    return desc


def _records(ffi, lib, msg):
    return list(_each(ffi, lib, msg))


def _each(ffi, lib, msg):
    names = _Names(ffi, lib)
    ctl_type = lib.slurm_conf.select_type_param
    cores_key = ("allocated_cores" if ctl_type & (lib.CR_CORE | lib.CR_SOCKET)
                 else "allocated_cpus" if ctl_type & lib.CR_CPU else None)
    array = msg.job_array
    for i in range(msg.record_count):
        yield _record(ffi, lib, array + i, names, cores_key)


def _record(ffi, lib, job, names, cores_key):
    string = ffi.string

    def s(p):  # NULL -> "" as the reference's data_set_string() renders it
        return string(p).decode("utf-8", "replace") if p else ""

    core_spec = job.core_spec
    cpu_freq_min = job.cpu_freq_min
    group_id = job.group_id
    billable = job.billable_tres
    nice = job.nice
    num_tasks = job.num_tasks
    pn_min_memory = job.pn_min_memory
    priority = job.priority
    profile = job.profile
    bitflags = job.bitflags
    show = lib.srpy_job_show_flags(job, lib.SHOW_ALL | lib.SHOW_DETAIL)  # what jobs() and job() load
    contiguous = job.contiguous
    tasks_known = num_tasks != NO_VAL and num_tasks != INFINITE
    d = {
        "account": s(job.account),
        "accrue_time": job.accrue_time,
        "admin_comment": s(job.admin_comment),
        "array_job_id": job.array_job_id,
        "array_task_id": None if job.array_task_id == NO_VAL else job.array_task_id,
        "array_max_tasks": job.array_max_tasks,
        "array_task_string": s(job.array_task_str),
        "association_id": job.assoc_id,
        "batch_features": s(job.batch_features),
        "batch_flag": job.batch_flag == 1,
        "batch_host": s(job.batch_host),
        "flags": [name for bit, name in JOB_FLAGS if bitflags & bit] if bitflags else [],
        "burst_buffer": s(job.burst_buffer),
        "burst_buffer_state": s(job.burst_buffer_state),
        "cluster": s(job.cluster),
        "cluster_features": s(job.cluster_features),
        "command": s(job.command),
        "comment": s(job.comment),
        "container": s(job.container),
        "contiguous": None if contiguous == NO_VAL16 else contiguous == 1,
    }
    if core_spec == NO_VAL16:
        d["core_spec"] = None
        d["thread_spec"] = None
    elif core_spec & CORE_SPEC_THREAD:
        d["core_spec"] = core_spec
        d["thread_spec"] = None
    else:
        d["thread_spec"] = core_spec & ~CORE_SPEC_THREAD
        d["core_spec"] = None
    d["cores_per_socket"] = None if job.cores_per_socket == NO_VAL16 else job.cores_per_socket
    d["billable_tres"] = None if billable == NO_VAL_DOUBLE else billable
    if cpu_freq_min == NO_VAL:
        d["cpus_per_task"] = None
        d["cpu_frequency_minimum"] = None
    else:
        d["cpus_per_task"] = job.cpus_per_task
        d["cpu_frequency_minumum"] = cpu_freq_min
    d["cpu_frequency_maximum"] = None if job.cpu_freq_max == NO_VAL else job.cpu_freq_max
    d["cpu_frequency_governor"] = None if job.cpu_freq_gov == NO_VAL else job.cpu_freq_gov
    d["cpus_per_tres"] = s(job.cpus_per_tres)
    d["deadline"] = job.deadline
    d["delay_boot"] = None if job.delay_boot == NO_VAL else job.delay_boot
    d["dependency"] = s(job.dependency)
    d["derived_exit_code"] = job.derived_ec
    d["eligible_time"] = job.eligible_time
    d["end_time"] = job.end_time
    d["excluded_nodes"] = s(job.exc_nodes)
    d["exit_code"] = job.exit_code
    d["features"] = s(job.features)
    d["federation_origin"] = s(job.fed_origin_str)
    d["federation_siblings_active"] = s(job.fed_siblings_active_str)
    d["federation_siblings_viable"] = s(job.fed_siblings_viable_str)
    gres = job.gres_detail_str
    d["gres_detail"] = [s(gres[i]) for i in range(job.gres_detail_cnt)]
    if group_id == NO_VAL:
        d["group_id"] = None
    else:
        d["group_id"] = group_id
        d["group_name"] = names.group(group_id)
    d["job_id"] = None if job.job_id == NO_VAL else job.job_id
    if job.job_resrcs:
        d["job_resources"] = _resources(ffi, lib, job.job_resrcs, cores_key, s)
    d["job_state"] = names.state(job.job_state)
    d["last_sched_evaluation"] = job.last_sched_eval
    d["licenses"] = s(job.licenses)
    d["max_cpus"] = None if job.max_cpus == NO_VAL else job.max_cpus
    d["max_nodes"] = None if job.max_nodes == NO_VAL else job.max_nodes
    d["mcs_label"] = s(job.mcs_label)
    d["memory_per_tres"] = s(job.mem_per_tres)
    d["name"] = s(job.name)
    d["nodes"] = s(job.nodes)
    d["nice"] = None if nice == NO_VAL or nice == NICE_OFFSET else nice - NICE_OFFSET
    v = job.ntasks_per_core
    d["tasks_per_core"] = None if v == NO_VAL16 or v == INFINITE16 else v
    d["tasks_per_node"] = job.ntasks_per_node
    v = job.ntasks_per_socket
    d["tasks_per_socket"] = None if v == NO_VAL16 or v == INFINITE16 else v
    d["tasks_per_board"] = job.ntasks_per_board
    d["cpus"] = job.num_cpus if tasks_known else None
    d["node_count"] = job.num_nodes
    d["tasks"] = num_tasks if tasks_known else None
    d["het_job_id"] = job.het_job_id
    d["het_job_id_set"] = s(job.het_job_id_set)
    d["het_job_offset"] = job.het_job_offset
    d["partition"] = s(job.partition)
    d["prefer"] = s(job.prefer)
    if pn_min_memory & MEM_PER_CPU:
        d["memory_per_node"] = None
        d["memory_per_cpu"] = pn_min_memory & ~MEM_PER_CPU
    elif pn_min_memory:
        d["memory_per_node"] = pn_min_memory
        d["memory_per_cpu"] = None
    else:
        d["memory_per_node"] = None
        d["memory_per_cpu"] = None
    d["minimum_cpus_per_node"] = job.pn_min_cpus
    d["minimum_tmp_disk_per_node"] = job.pn_min_tmp_disk
    d["preempt_time"] = job.preempt_time
    d["pre_sus_time"] = job.pre_sus_time
    d["priority"] = None if priority == NO_VAL or priority == INFINITE else priority
    if profile == 0:
        d["profile"] = None
    else:
        d["profile"] = (["None"] if profile == 1 else []) + [n for bit, n in PROFILES if profile & bit]
    d["qos"] = s(job.qos)
    d["reboot"] = bool(job.reboot)
    d["required_nodes"] = s(job.req_nodes)
    d["requeue"] = bool(job.requeue)
    d["resize_time"] = job.resize_time
    d["restart_cnt"] = job.restart_cnt
    d["resv_name"] = s(job.resv_name)
    shared = job.shared
    d["shared"] = SHARED[shared] if shared in SHARED else shared
    d["show_flags"] = [name for bit, name in SHOW_FLAGS if show & bit]
    d["sockets_per_board"] = job.sockets_per_board
    d["sockets_per_node"] = None if job.sockets_per_node == NO_VAL16 else job.sockets_per_node
    d["start_time"] = job.start_time
    d["state_description"] = s(job.state_desc)
    d["state_reason"] = names.reason(job.state_reason)
    d["standard_error"] = s(job.std_err)
    d["standard_input"] = s(job.std_in)
    d["standard_output"] = s(job.std_out)
    d["submit_time"] = job.submit_time
    d["suspend_time"] = job.suspend_time
    d["system_comment"] = s(job.system_comment)
    d["time_limit"] = None if job.time_limit == INFINITE else job.time_limit
    d["time_minimum"] = None if job.time_min == INFINITE else job.time_min
    d["threads_per_core"] = None if job.threads_per_core == NO_VAL16 else job.threads_per_core
    d["tres_bind"] = s(job.tres_bind)
    d["tres_freq"] = s(job.tres_freq)
    d["tres_per_job"] = s(job.tres_per_job)
    d["tres_per_node"] = s(job.tres_per_node)
    d["tres_per_socket"] = s(job.tres_per_socket)
    d["tres_per_task"] = s(job.tres_per_task)
    d["tres_req_str"] = s(job.tres_req_str)
    d["tres_alloc_str"] = s(job.tres_alloc_str)
    d["user_id"] = job.user_id
    d["user_name"] = s(job.user_name) if job.user_name else names.user(job.user_id)
    d["wckey"] = s(job.wckey)
    d["current_working_directory"] = s(job.work_dir)
    # v0.0.36 prints the job's own user_name, null or not
    return Record(d, user_name=s(job.user_name))


def _resources(ffi, lib, j, cores_key, s):
    """job_resources: the allocation per node, sockets and cores as the reference lays them out."""
    out = {"nodes": s(j.nodes)}
    if cores_key:
        out[cores_key] = j.ncpus
    out["allocated_hosts"] = j.nhosts
    nodes = out["allocated_nodes"] = []
    if not j.cores_per_socket or not j.nhosts:
        return out
    bit_test = lib.slurm_bit_test
    bitmap, used = j.core_bitmap, j.core_bitmap_used
    size = lib.slurm_bit_size(bitmap)
    hl = lib.slurm_hostlist_create(j.nodes)
    try:
        bit = sock_inx = reps = 0
        for node_inx in range(j.nhosts):
            if reps >= j.sock_core_rep_count[sock_inx]:
                sock_inx += 1
                reps = 0
            reps += 1
            name = lib.slurm_hostlist_nth(hl, node_inx)
            try:
                nodename = s(name)
            finally:
                lib.free(name)
            sockets = {}
            cores = j.cores_per_socket[sock_inx]
            for i in range(j.sockets_per_node[sock_inx] * cores):
                if bit >= size:
                    break
                if bit_test(bitmap, bit):
                    socket = sockets.setdefault(str(i // cores), {"cores": {}})
                    socket["cores"][str(i % cores)] = (
                        "allocated_and_in_use" if used and bit_test(used, bit) else "allocated")
                bit += 1
            nodes.append(Record({
                "sockets": sockets,
                "nodename": nodename,
                "cpus_used": j.cpus_used[node_inx],
                "memory_used": j.memory_used[node_inx],
                "memory_allocated": j.memory_allocated[node_inx],
            }, cpus=j.cpus[node_inx]))  # v0.0.37 and v0.0.36 print the CPUs per node
    finally:
        lib.slurm_hostlist_destroy(hl)
    return out


# -- v0.0.4x: job_info_t copied out whole (parsers/tables/jobs.py writes it) ---------------------
def job_msg(ffi, lib, update_time, show_flags, job_id=None, lazy=False):
    """slurm_load_jobs() (or slurm_load_job() of `job_id`) copied out whole:
    {"last_backfill", "last_update", "jobs": [records keyed by job_info_t's fields]}, or None when
    nothing changed since `update_time` (SLURM_NO_CHANGE_IN_DATA). A record adds what plain
    fields cannot say: "gres_detail" [str], "std_err"/"std_in"/"std_out" as libslurm expands them
    (slurm_get_job_stdout() ...), "priority_array" [(partition, priority)] and "job_resrcs"
    (None, or job_resources_t with "allocation": per node, its sockets' cores). Raises SlurmFailure.
    `lazy`: "jobs" is an iterator copying each record out when asked for it (libslurm's answer
    stays in memory until it ends or is dropped, the copies never all at once)."""
    from .failure import SlurmFailure

    msg = ffi.new("job_info_msg_t **")
    if job_id is None:
        rc = lib.slurm_load_jobs(update_time, msg, show_flags)
        if rc != 0 and lib.srpy_errno() == lib.SLURM_NO_CHANGE_IN_DATA:
            return None
        function = "slurm_load_jobs"
    else:
        rc = lib.srpy_load_job(msg, job_id, show_flags)
        function = "slurm_load_job"
    try:
        SlurmFailure.check(rc, function)
        m = msg[0]
        if m == ffi.NULL:
            return {"last_backfill": 0, "last_update": 0, "jobs": []}
        copy = _job_copier(ffi, lib)
        if lazy:
            answer = ffi.gc(m, lib.slurm_free_job_info_msg)
            msg[0] = ffi.NULL  # freed with `answer`
            return {"last_backfill": m.last_backfill, "last_update": m.last_update,
                    "jobs": _copies(ffi, answer, copy)}
        return {"last_backfill": m.last_backfill, "last_update": m.last_update,
                "jobs": [copy(m.job_array + i) for i in range(m.record_count)]}
    finally:
        if msg[0] != ffi.NULL:
            lib.slurm_free_job_info_msg(msg[0])


def _copies(ffi, answer, copy):
    try:
        for i in range(answer.record_count):
            yield copy(answer.job_array + i)
    finally:
        ffi.release(answer)


def _job_copier(ffi, lib):
    from .copy import copier

    fields = {name for name, _ in ffi.typeof("slurm_job_info_t").fields}
    buf = ffi.new("char[]", 4096)

    def path(get, job):
        get(buf, 4096, job)
        return ffi.string(buf).decode("utf-8", "replace")

    def extras(job, record):
        record.pop("job_resrcs", None)
        record["gres_detail"] = [ffi.string(job.gres_detail_str[i]).decode("utf-8", "replace")
                                 for i in range(job.gres_detail_cnt)] if job.gres_detail_str != ffi.NULL else []
        for key in ("std_err", "std_in", "std_out"):  # as given (v0.0.43 on write both)
            record[key + "_raw"] = record.get(key)
        ids = ffi.new("uint64_t[1]"), ffi.new("uint32_t[3]")
        lib.srpy_job_step_id(job, ids[0], ids[1])
        record["_step_id"] = {"sluid": ids[0][0], "job_id": ids[1][0], "step_het_comp": ids[1][1],
                              "step_id": ids[1][2]}
        record["std_err"] = path(lib.slurm_get_job_stderr, job)
        record["std_in"] = path(lib.slurm_get_job_stdin, job)
        record["std_out"] = path(lib.slurm_get_job_stdout, job)
        prio = []
        if "priority_array" in fields and job.priority_array != ffi.NULL and record.get("priority_array_names"):
            prio = [(name, job.priority_array[i])
                    for i, name in enumerate(n for n in record["priority_array_names"].split(",") if n)]
        record["priority_array"] = prio
        record["job_resrcs"] = _resources_whole(ffi, lib, job.job_resrcs) if job.job_resrcs != ffi.NULL else None

    return copier(ffi, "slurm_job_info_t", extras)


def _resources_whole(ffi, lib, j):
    """job_resources_t: its plain fields, and "allocation": per node {index, name, cpus, cpus_used,
    memory_used, memory_allocated, sockets: [[core status: (allocated, in_use)]]}, the core bitmap
    read as the reference's dumpers read it (log_job_resources())."""
    nodes = None if j.nodes == ffi.NULL else ffi.string(j.nodes).decode("utf-8", "replace")
    out = {"cr_type": j.cr_type, "nhosts": j.nhosts, "node_req": j.node_req, "nodes": nodes,
           "ncpus": j.ncpus, "threads_per_core": j.threads_per_core, "whole_node": j.whole_node,
           "allocation": []}
    if j.cores_per_socket == ffi.NULL or not j.nhosts:
        return out
    bit_test = lib.slurm_bit_test
    bitmap, used = j.core_bitmap, j.core_bitmap_used
    size = lib.slurm_bit_size(bitmap)
    hl = lib.slurm_hostlist_create(j.nodes)
    try:
        bit = sock_inx = reps = 0
        for node_inx in range(j.nhosts):
            if reps >= j.sock_core_rep_count[sock_inx]:
                sock_inx += 1
                reps = 0
            reps += 1
            name = lib.slurm_hostlist_nth(hl, node_inx)
            try:
                nodename = ffi.string(name).decode() if name != ffi.NULL else ""
            finally:
                lib.free(name)
            cores = j.cores_per_socket[sock_inx]
            sockets = [[None] * cores for _ in range(j.sockets_per_node[sock_inx])]
            for i in range(j.sockets_per_node[sock_inx] * cores):
                if bit >= size:
                    break
                alloc = bool(bit_test(bitmap, bit))
                sockets[i // cores][i % cores] = (alloc, alloc and used != ffi.NULL and bool(bit_test(used, bit)))
                bit += 1
            out["allocation"].append({
                "index": node_inx, "name": nodename, "cpus": j.cpus[node_inx], "cpus_used": j.cpus_used[node_inx],
                "memory_used": j.memory_used[node_inx], "memory_allocated": j.memory_allocated[node_inx],
                "sockets": sockets})
    finally:
        lib.slurm_hostlist_destroy(hl)
    return out


def job_states(ffi, lib, ids):
    """slurm_load_job_state() of `ids` [(job_id, task or NO_VAL, het offset or NO_VAL)] (none: every
    job): [{"job_id", "array_job_id", "array_task_id", "het_job_id", "state"}], each array's tasks
    one by one. Raises SlurmFailure."""
    from .failure import SlurmFailure

    n = len(ids)
    out, count = ffi.new("srpy_job_state_t **"), ffi.new("int *")
    rc = lib.srpy_load_job_state(n, [i[0] for i in ids] or ffi.NULL, [i[1] for i in ids] or ffi.NULL,
                                 [i[2] for i in ids] or ffi.NULL, out, count)
    try:
        SlurmFailure.check(rc, "slurm_load_job_state")
        return [{"job_id": s.job_id, "array_job_id": s.array_job_id, "array_task_id": s.array_task_id,
                 "het_job_id": s.het_job_id, "state": s.state} for s in (out[0][i] for i in range(count[0]))]
    finally:
        if out[0] != ffi.NULL:
            lib.free(out[0])
