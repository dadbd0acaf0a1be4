"""slurmdbd's job accounting and statistics: the job query condition dbv0.0.38 builds from a
request, the jobs with their steps, and GET /diag's statistics.

    with JobCond() as cond:            # the reference's defaults for a query
        cond.add_list("acct_list", "testacct")
        records = jobs(conn, cond)     # or jobs(conn, None): no condition at all
"""
from . import convert
from ._lib import load
from .slurmdb import DbError, _CLists, _destroy, cluster_name, error_entry
from .slurmdb_job_records import ConversionFailed, JobEnv, job_record, job_renders, stats_record
from .slurmdb_records import walk


class BadStep(ValueError):
    """A job/step id that libslurm's step parser would fatal() on (the reference process dies)."""


class JobCond(_CLists):
    """A slurmdb_job_cond_t under construction and the C memory it owns until the block ends."""

    def __init__(self):
        super().__init__(*load())
        ffi, lib = self.ffi, self.lib
        self.c = ffi.new("slurmdb_job_cond_t *", {
            "flags": lib.JOBCOND_FLAG_DUP | lib.JOBCOND_FLAG_NO_TRUNC,
            "db_flags": lib.SLURMDB_JOB_FLAG_NOTSET})

    def _list(self, field, destructor):
        """The condition's List `field`, created (owning its items) on first use."""
        c_list = getattr(self.c, field)
        if c_list == self.ffi.NULL:
            c_list = self.lib.slurm_list_create(self.ffi.addressof(self.lib, destructor))
            self._lists.append(c_list)
            setattr(self.c, field, c_list)
        return c_list

    def add_list(self, field, text):
        """slurm_addto_char_list(): how many names it added."""
        if field == "cluster_list":
            text = cluster_name(text)
        return self.lib.slurm_addto_char_list(self._list(field, "slurm_xfree_ptr"), self.cstr(text))

    def add_states(self, text):
        """State names or numbers -> state_list, as the reference's _add_list_job_state(): it stops
        at the first bad one and returns what the last slurm_addto_char_list() returned."""
        lib = self.lib
        c_list = self._list("state_list", "slurm_xfree_ptr")
        rc = 0
        for value in (v for v in text.split(",") if v):
            if value[0].isdigit() and value[0].isascii():
                digits = value[:len(value) - len(value.lstrip("0123456789"))]
                number = int(digits)
                if number >= (1 << 64) - 1:  # strtoul() saturates at ULONG_MAX
                    break
                state = number & 0xFFFFFFFF
            else:
                state = lib.slurm_job_state_num(self.cstr(value))
                if state == convert.NO_VAL:
                    break
                state &= lib.JOB_STATE_BASE
            if state >= lib.JOB_END:
                break
            rc = lib.slurm_addto_char_list(c_list, self.cstr(str(state)))
        return rc

    def add_steps(self, text):
        """Job/step ids -> step_list: how many it holds after. Raises BadStep where libslurm would
        end the process."""
        check_steps(text)
        c_list = self._list("step_list", "slurm_destroy_selected_step")
        self.lib.slurm_addto_step_list(c_list, self.cstr(text))
        return self.lib.slurm_list_count(c_list)

    def set_time(self, field, text):
        """parse_time(text, past): 0 when it cannot parse."""
        value = self.lib.slurm_parse_time(self.cstr(text), 1)
        setattr(self.c, field, value)
        return value

    def set_number(self, field, value):
        """An int64 stored into a 32-bit field, as C's assignment truncates it."""
        value &= 0xFFFFFFFF
        if field == "exitcode" and value >= (1 << 31):
            value -= 1 << 32
        setattr(self.c, field, value)

    def set_flag(self, name, on):
        bit = getattr(self.lib, name)
        self.c.flags = self.c.flags | bit if on else self.c.flags & ~bit

    def has_flag(self, name):
        return bool(self.c.flags & getattr(self.lib, name))

    def set_nodes(self, text):
        self.c.used_nodes = self.cstr(text)

    def default_cluster(self):
        """The local cluster, when the request names none."""
        c_list = self.c.cluster_list
        if c_list == self.ffi.NULL or self.lib.slurm_list_count(c_list) == 0:
            c_list = self.lib.slurm_list_create(self.ffi.NULL)
            self._lists.append(c_list)
            self.lib.slurm_list_append(c_list, self.lib.slurm_conf.cluster_name)
            self.c.cluster_list = c_list


def check_steps(text):
    """Raise BadStep for the ids slurm_addto_step_list() would fatal() on: it splits at commas
    (after an opening quote, up to the closing one; other quotes read as backquotes), and each id
    must be JOB[_TASK|+OFFSET][.STEP[+COMPONENT]] with digits where it reads numbers."""
    if text[:1] in ("'", '"'):
        text = text[1:].split(text[0], 1)[0]
    text = text.replace('"', "`").replace("'", "`")
    numbered = _numbered_ids()
    for name in (n for n in text.split(",") if n):
        if not _digit(name) or numbered and not 0 < int(_leading_digits(name)) < _MAX_FED_JOB_ID:
            raise BadStep(f"Bad job/step specified: {name}")
        job, dot, step = name.partition(".")
        plus = None
        if dot:
            if step not in ("batch", "extern", "interactive") and not _digit(step):
                raise BadStep(f"Bad step specified: {job}")
            plus = step.partition("+")[1] or None
        if "_" in job:
            if not _digit(job.partition("_")[2]):
                raise BadStep(f"Bad job array element specified: {job}")
        elif not plus and "+" in job:
            if not _digit(job.partition("+")[2]):
                raise BadStep(f"Bad hetjob offset specified: {job}")


_MAX_FED_JOB_ID = 0xFFFFFFFD  # slurm.h: NO_VAL - 1


def _numbered_ids():
    """After 24.11, slurm_addto_step_list() reads each id with unfmt_job_id_string(), which fatal()s
    on a job number of 0 or from MAX_FED_JOB_ID on too (26.05: GET slurmdb job/0 killed the process)."""
    from ._lib import release

    return release() not in ("22.05", "24.11")


def _leading_digits(text):
    digits = text[:len(text) - len(text.lstrip("0123456789"))]
    return digits[:20]  # (an int of a few digits more than any job number is enough to refuse it)


def _digit(text):
    return text[:1].isdigit() and text[:1].isascii()


def jobs(conn, cond):
    """The jobs of `cond` (None: slurmdbd's defaults), as the reference's _dump_jobs(): the jobs,
    then every association, QOS and TRES (deleted ones too) to name them. A failed query raises
    DbError; a record the reference cannot render raises DbError(ESLURM_DATA_CONV_FAILED) whose
    payload holds the jobs rendered so far."""
    return list(each_job(conn, cond))


def each_job(conn, cond):
    """As jobs(), but an iterator making each job when it is asked for (slurmdbd's List stays in
    memory until it ends or is dropped). Every failure is raised now: the records are checked
    first for what would fail to render (job_renders), and when one would, the jobs are
    rendered up to it at once and DbError raised as jobs() raises it."""
    ffi, lib = conn.ffi, conn.lib
    if cond is not None:
        cond.default_cluster()
    job_list = conn._list("slurmdb_jobs_get", ffi.NULL if cond is None else cond.c)
    streamed = False
    try:
        assocs = _associations(conn)  # the reference's order of queries
        qos_names = dict(conn.all_qos())
        env = JobEnv(ffi, lib, conn.tres(), qos_names, assocs)
        records = []
        for p in walk(ffi, lib, job_list):
            j = ffi.cast("slurmdb_job_rec_t *", p)
            records.append((j, [ffi.cast("slurmdb_step_rec_t *", s) for s in walk(ffi, lib, j.steps)]))
        if not all(job_renders(env, j, steps) for j, steps in records):
            out = []
            for j, steps in records:
                try:
                    out.append(job_record(env, j, steps))
                except ConversionFailed as e:
                    out.append(e.partial)
                    raise DbError(lib.ESLURM_DATA_CONV_FAILED, [], {"jobs": out}) from None
        owned = ffi.gc(job_list, lib.slurm_list_destroy) if job_list != ffi.NULL else None
        streamed = True
    finally:
        if not streamed:
            _destroy(lib, job_list)

    def each():
        try:
            for j, steps in records:
                yield job_record(env, j, steps)
        finally:
            records.clear()
            if owned is not None:
                ffi.release(owned)

    return each()


def _job_extras(c, record):
    """A job's steps, copied out whole (slurmdb_step_rec_t, its stats and step_id embedded)."""
    from .copy import copier

    ffi, lib = load()
    step = copier(ffi, "slurmdb_step_rec_t")
    record["steps"] = [step(ffi.cast("slurmdb_step_rec_t *", p)) for p in walk(ffi, lib, c.steps)]


def each_copied_job(conn, cond):
    """The parser versions' jobs: slurmdb_jobs_get(cond) (a slurmdb_job_cond_t *, or NULL: slurmdbd's
    defaults) as (count, iterator), each job a dict of slurmdb_job_rec_t's fields with its "steps"
    copied whole, made when asked for (SlurmDb.query_each). SlurmFailure as db_query_list() sees one."""
    ffi, _ = load()
    return conn.query_each("slurmdb_jobs_get", ffi.NULL if cond is None else cond, "slurmdb_job_rec_t *",
                           _job_extras)


def _associations(conn):
    """id -> {account, cluster, partition, user} of every association (the first of an id wins,
    as the reference's list search does)."""
    ffi, lib = conn.ffi, conn.lib
    cond = ffi.new("slurmdb_assoc_cond_t *")
    lib.srpy_assoc_cond_with(cond, 1, 0, 1, 1)
    c_list = conn._list("slurmdb_associations_get", cond)
    try:
        out = {}
        for p in walk(ffi, lib, c_list):
            a = ffi.cast("slurmdb_assoc_rec_t *", p)
            if a.id not in out:
                out[a.id] = {"account": convert.string(ffi, a.acct),
                             "cluster": convert.string(ffi, a.cluster),
                             "partition": convert.string(ffi, a.partition),
                             "user": convert.string(ffi, a.user)}
        return out
    finally:
        _destroy(lib, c_list)


def stats(conn):
    """slurmdbd's statistics (slurmdb_get_stats); None when slurmdbd cannot be reached."""
    ffi, lib = conn.ffi, conn.lib
    try:
        db = conn._db("openapi_get_db_conn")
    except DbError:
        return None
    holder = ffi.new("slurmdb_stats_rec_t **")
    conn._quickack()
    rc = lib.slurmdb_get_stats(db, holder)
    try:
        if rc:
            raise DbError(rc, [error_entry(rc, None, "slurmdb_get_stats")])
        st = holder[0]
        rpcs = [ffi.cast("slurmdb_rpc_obj_t *", p) for p in walk(ffi, lib, st.rpc_list)]
        users = [ffi.cast("slurmdb_rpc_obj_t *", p) for p in walk(ffi, lib, st.user_list)]
        try:
            return stats_record(ffi, lib, st, rpcs, users)
        except ConversionFailed as e:
            raise DbError(lib.ESLURM_DATA_CONV_FAILED, [], {"statistics": e.partial}) from None
    finally:
        if holder[0] != ffi.NULL:
            lib.slurmdb_destroy_stats_rec(holder[0])
