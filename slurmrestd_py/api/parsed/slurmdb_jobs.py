"""slurmdb GET jobs and job/{job_id} (the reference's op_handler_jobs and op_handler_job): the jobs
slurmdbd returns, copied out whole with their steps, and what naming them needs (TRES, QOS and
associations), which the parser's rows read from each record's "_env"."""
from ... import media
from ...parsers import queries
from ...slurm.failure import SlurmFailure
from .. import Operation

_NO_VAL = 0xFFFFFFFE


class _Env:
    """What the rows of parsers/tables/slurmdb_jobs.py look up beside a record."""

    def __init__(self, ctx, db):
        self.ctx, self.db = ctx, db
        self.ffi, self.lib = ctx.slurm.ffi, ctx.slurm.lib
        self._tres = self._qos = self._assocs = None
        lib = self.lib
        self.step_names = {lib.SLURM_EXTERN_CONT: "extern", lib.SLURM_BATCH_SCRIPT: "batch",
                           lib.SLURM_PENDING_STEP: "TBD", lib.SLURM_INTERACTIVE_STEP: "interactive"}
        self._reasons, self._dists, self._hosts = {}, {}, {}

    @property
    def tres(self):
        if self._tres is None:
            self._tres = self.db.tres()
        return self._tres

    @property
    def qos_names(self):
        if self._qos is None:
            self._qos = dict(self.db.all_qos())
        return self._qos

    def association(self, job):
        """JOB_ASSOC_ID: the job's association by (cluster, id), or None with the reference's
        warning."""
        assoc_id = job["associd"]
        found = None
        if assoc_id and assoc_id != _NO_VAL:
            if self._assocs is None:
                ffi = self.ffi
                cond = ffi.new("slurmdb_assoc_cond_t *")
                self.lib.srpy_assoc_cond_with(cond, 1, 0, 1, 1)
                try:
                    self._assocs = self.db.query_list("slurmdb_associations_get", cond, "slurmdb_assoc_rec_t *")
                except SlurmFailure:
                    self._assocs = []
            found = next((a for a in self._assocs
                          if a["id"] == assoc_id and (a["cluster"] or "") == (job["cluster"] or "")), None)
        if found is None:
            self.ctx.warn("DUMP_FUNC(JOB_ASSOC_ID)",
                          f"Unknown association with id#{assoc_id}. Unable to dump association.")
        return found

    def reason(self, value):
        if value not in self._reasons:
            text = self.lib.slurm_job_reason_string(value - (1 << 32) if value >= (1 << 31) else value)
            self._reasons[value] = "" if text == self.ffi.NULL else self.ffi.string(text).decode()
        return self._reasons[value]

    def distribution(self, value):
        if value not in self._dists:
            ptr = self.lib.slurm_step_layout_type_name(value)
            self._dists[value] = None if ptr == self.ffi.NULL else self.ffi.string(ptr).decode()
            if ptr != self.ffi.NULL:
                self.lib.slurm_xfree(self.ffi.new("void **", ptr))
        return self._dists[value]

    def hosts(self, nodes):
        if not nodes:
            return []
        if nodes not in self._hosts:
            ffi, lib = self.ffi, self.lib
            names = []
            hl = lib.slurm_hostlist_create(ffi.new("char[]", nodes.encode()))
            if hl != ffi.NULL:
                try:
                    while True:
                        name = lib.slurm_hostlist_shift(hl)
                        if name == ffi.NULL:
                            break
                        names.append(ffi.string(name).decode())
                        lib.free(name)
                finally:
                    lib.slurm_hostlist_destroy(hl)
            self._hosts[nodes] = names
        return self._hosts[nodes]

    def tres_list(self, text):
        from ...slurm.slurmdb_records import tres_pairs

        if not text:
            return []
        by_id = {t["id"]: t for t in self.tres}
        out = []
        for tid, count in tres_pairs(text):
            known = by_id.get(tid, {})
            out.append({"type": known.get("type"), "name": known.get("name"), "id": tid,
                        "count": count - (1 << 64) if count >= (1 << 63) else count})
        return out

    def tres_usage(self, count, node, task, nodes):
        """A step's max/min usage: count, node and task strings folded per TRES, in TRES order."""
        from ...slurm.slurmdb_records import tres_pairs

        if count is None and node is None and task is None:
            return []
        hosts = self.hosts(nodes)
        rows = {t["id"]: [0, None, 0] for t in self.tres}
        for which, text in enumerate((count, node, task)):
            for tid, value in tres_pairs(text):
                row = rows.get(tid)
                if row is None:
                    return []
                if which == 1:
                    index = value & 0xFFFFFFFF
                    index = index - (1 << 32) if index >= (1 << 31) else index
                    row[1] = hosts[index] if 0 <= index < len(hosts) else None
                else:
                    row[0 if which == 0 else 2] = value
        out = []
        for t in self.tres:
            c, n, k = rows[t["id"]]
            if c or n or k:
                out.append({"type": t["type"], "name": t["name"], "id": t["id"],
                            "count": c - (1 << 64) if c >= (1 << 63) else c,
                            "task": k - (1 << 64) if k >= (1 << 63) else k, "node": n})
        return out


def _dump(ctx, cond):
    """The reference's _dump_jobs(): the jobs of `cond` (None: slurmdbd's defaults), each
    carrying its env for the parser."""
    from ..db import connection
    from ...slurm.slurmdb_jobs import each_copied_job

    db = connection(ctx)
    source = "_dump_jobs"  # the reference names the function that queries
    if cond is not None:
        cond.default_cluster()
    handle = f"0x{db.handle:x}" if ctx.parser.rules.db_messages_name_connection else ""
    try:
        count, jobs = each_copied_job(db, None if cond is None else cond.c)
    except SlurmFailure as e:
        ctx.error(e.rc, source, f"{e.function}({handle}) failed")
        return None
    if not count:
        ctx.warn(source, f"slurmdb_jobs_get({handle}) found nothing")
    env = _Env(ctx, db)

    def each():
        for job in jobs:
            job["_env"] = env
            for step in job["steps"]:
                step["_env"] = env
            yield job

    # each job copied out, dumped and encoded as the answer is streamed: memory flat in the jobs;
    # what dumping one reports (an unknown association) is in warnings[], written after the jobs
    return {"jobs": media.Lazy(each())}


def _jobs(ctx):
    from ...slurm.slurmdb_jobs import JobCond

    source = "op_handler_jobs"  # 26.05 too names its slurmdbd handler so
    if not ctx.request.query:
        return _dump(ctx, None)
    with JobCond() as cond:
        if not queries.job_condition(ctx, cond, source):
            return None
        return _dump(ctx, cond)


_MAX_FED_JOB_ID = 0xFFFFFFFD  # slurm.h: NO_VAL - 1


def _job_number_refused(text):
    """The reference reads the path's job id with unfmt_job_id_string(), whose job number (strtol)
    must be from 1 to below MAX_FED_JOB_ID: 0, negative, too large or no number at all is refused
    (422). 26.05's slurm_addto_step_list() would fatal() on them (the process dies: no answer)."""
    import re

    sign, digits = re.match(r"[ \t\n\v\f\r]*([+-]?)([0-9]*)", text).groups()
    return not digits or sign == "-" or not 0 < int(digits) < _MAX_FED_JOB_ID


def one_job(ctx, cond):
    """Put the path's job_id into `cond`; False (reported) when it names no job the reference takes."""
    from ...slurm.slurmdb_jobs import BadStep

    try:
        if _job_number_refused(ctx.params["job_id"]):
            raise BadStep(ctx.params["job_id"])
        cond.add_steps(ctx.params["job_id"])
    except BadStep:
        ctx.error(queries.FAILED_QUERY, "op_handler_job", "Rejecting request. Failure parsing query parameters")
        return False
    return True


def _job(ctx):
    from ...slurm.slurmdb_jobs import JobCond

    with JobCond() as cond:
        return _dump(ctx, cond) if one_job(ctx, cond) else None


jobs = Operation(_jobs, kind="slurmdb_jobs")
job = Operation(_job, kind="slurmdb_job")
