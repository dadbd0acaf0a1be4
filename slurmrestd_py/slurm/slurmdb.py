"""slurmdbd through libslurm: one connection per request, queries that copy records out as plain
Python data in the reference's dbv0.0.38 shape, and the writes.

    conn = slurmdb.Connection()        # slurmdb_connection_get()
    conn.accounts(...); conn.add_accounts([...])
    conn.finish(ok)                    # commit(ok) then close; rolls back unless ok

Every failure raises `DbError` with the errors[] items the reference reports (its `resp_error()`:
description only when it gives one, error_number/error only for a nonzero code).
"""
import os

from . import convert
from ._lib import load, strerror
from .slurmdb_records import (account_record, assoc_record, cluster_record, qos_raw, qos_record,
                              tres_record, user_record, wckey_record)
from ..errors import HandlerError

ESLURM_DB_CONNECTION = 7000
ESLURM_REST_INVALID_QUERY = 9000
ESLURM_REST_EMPTY_RESULT = 9003


def error_entry(code, description=None, source=None):
    """One errors[] item exactly as the reference's resp_error() builds it."""
    entry = {}
    if description is not None:
        entry["description"] = description
    if code:
        entry["error_number"] = code
        entry["error"] = strerror(code)
    if source is not None:
        entry["source"] = source
    return entry


class Flags(tuple):
    """Names of libslurm flag constants a parsed field ORs into its record."""


class DbError(HandlerError):
    """A failed slurmdbd request: the status the reference derives from its final return code, every
    errors[] item it gathered, and the payload it had built so far (sent beside the errors)."""

    def __init__(self, rc, entries, payload=None):
        super().__init__(rc, entries)
        self.payload = payload


class Connection:
    """A slurmdbd connection for one request."""

    def __init__(self):
        self.ffi, self.lib = load()
        self._conn = self.ffi.new("void **")
        self._wrote = False  # only a request that changed something commits or rolls back
        self._discard = False  # roll back even a request that succeeded (discard())
        self._sock = None
        self._connect()

    def _connect(self):
        """slurmdb_connection_get() as the reference's rest_auth plugins judge it: with slurmdbd
        down it returns a handle but sets errno. A failed attempt is retried by the next call."""
        ffi = self.ffi
        ffi.errno = 0
        self._conn[0] = self.lib.slurmdb_connection_get(ffi.NULL)
        if ffi.errno and self._conn[0] != ffi.NULL:
            self.lib.slurmdb_connection_close(self._conn)
            self._conn[0] = ffi.NULL
        if self._conn[0] != ffi.NULL:
            self._sock = _slurmdbd_socket(self.lib)
            if self._sock is not None:
                self._sock.setsockopt(_IPPROTO_TCP, _TCP_NODELAY, 1)

    def _db(self, func):
        """The connection for a call to `func`, or the reference's error naming `func`."""
        if self._conn[0] == self.ffi.NULL:
            self._connect()
        if self._conn[0] == self.ffi.NULL:
            raise DbError(ESLURM_DB_CONNECTION, [error_entry(
                ESLURM_DB_CONNECTION, "Failed connecting to slurmdbd", func)])
        return self._conn[0]

    def finish(self, ok):
        """Commit the request's changes if every call succeeded, roll them back otherwise; close.
        A request that only read closes at once (a commit is one more round trip to slurmdbd)."""
        if self._conn[0] == self.ffi.NULL:
            return
        try:
            if self._wrote:
                self._quickack()
                self.lib.slurmdb_connection_commit(self._conn[0], bool(ok) and not self._discard)
        finally:
            self.lib.slurmdb_connection_close(self._conn)
            if self._sock is not None:
                self._sock.close()  # our duplicate of the descriptor

    def discard(self):
        """Roll this request's changes back when it ends, whatever its outcome (a handler that
        never commits, as the reference's POST config)."""
        self._discard = True

    def _quickack(self):
        """Before each exchange: ACK slurmdbd's next message at once (see _slurmdbd_socket)."""
        if self._sock is not None:
            try:
                self._sock.setsockopt(_IPPROTO_TCP, _TCP_QUICKACK, 1)
            except OSError:
                pass

    def commit(self):
        """The reference's db_query_commit(): commit now; a failure is an error of the request."""
        rc = self.lib.slurmdb_connection_commit(self._db("db_query_commit"), True)
        if rc:
            raise DbError(rc, [error_entry(rc, None, "slurmdb_connection_commit")])

    # -- for the parser versions: records copied out whole ------------------------------------
    def query_list(self, func, cond, ctype, extras=None):
        """A slurmdb_*_get, its records copied out whole (copy.copier of `ctype`, a pointer type,
        with `extras` for what its plain fields cannot say); [] when none. SlurmFailure(func, rc,
        errno) as the reference's db_query_list() sees a failure: errno when set,
        ESLURM_REST_INVALID_QUERY for no list at all."""
        _, records = self.query_each(func, cond, ctype, extras)
        return list(records)

    def query_each(self, func, cond, ctype, extras=None):
        """As query_list, but (count, iterator) copying each record out when it is asked for: the
        List slurmdbd sent stays in memory until the iterator ends or is dropped, its copies
        never all at once. The query and its failure happen now."""
        from .copy import copier
        from .failure import SlurmFailure

        ffi, lib = self.ffi, self.lib
        conn = self._db(func)
        self._quickack()
        ffi.errno = 0
        result = getattr(lib, func)(conn, cond)
        errno = ffi.errno
        if errno:
            _destroy(lib, result)
            raise SlurmFailure(func, errno, errno)
        if result == ffi.NULL:
            raise SlurmFailure(func, ESLURM_REST_INVALID_QUERY, 0)
        result = ffi.gc(result, lib.slurm_list_destroy)
        copy = copier(ffi, ctype.rstrip(" *"), extras)
        items = _items(lib, result)

        def each():
            try:
                for item in items:
                    yield copy(ffi.cast(ctype, item))
            finally:
                items.clear()
                ffi.release(result)

        return len(items), each()

    def ping_all(self):
        """slurmdb_ping_all(): [{hostname, pinged, latency, offset}] of every slurmdbd, or None."""
        from .copy import copier

        ffi, lib = self.ffi, self.lib
        pings = lib.slurmdb_ping_all()
        if pings == ffi.NULL:
            return None
        copy = copier(ffi, "slurmdbd_ping_t")
        try:
            out = []
            while pings[len(out)].hostname != ffi.NULL:  # the array ends with an empty entry
                out.append(copy(pings + len(out)))
            return out
        finally:
            lib.slurm_xfree(ffi.new("void **", pings))  # xcalloc()ed

    def query_removed(self, func, cond):
        """A slurmdb_*_remove: what it removed, as strings ([] for nothing), failing as query_list;
        the request now commits if it succeeds (and rolls back if not)."""
        from .failure import SlurmFailure
        from .slurmdb_copy import strings

        ffi, lib = self.ffi, self.lib
        conn = self._db(func)
        self._quickack()
        self._wrote = True
        ffi.errno = 0
        result = getattr(lib, func)(conn, cond)
        errno = ffi.errno
        if errno:
            _destroy(lib, result)
            raise SlurmFailure(func, errno, errno)
        if result == ffi.NULL:
            raise SlurmFailure(func, ESLURM_REST_INVALID_QUERY, 0)
        try:
            return strings(result)
        finally:
            _destroy(lib, result)

    @property
    def handle(self):
        """The connection's address, as the reference prints it in its messages ("0x55d1...")."""
        return int(self.ffi.cast("uintptr_t", self._conn[0]))

    def c_lists(self):
        """C Lists and strings for one call's condition, freed when the `with` block ends."""
        return _CLists(self.ffi, self.lib)

    # -- the reference's db_query_list / db_query_rc ------------------------------------------
    def _list(self, func, cond):
        """Call a slurmdb_*_get/remove: a C List, or DbError as db_query_list() reports it."""
        ffi = self.ffi
        conn = self._db(func)
        self._quickack()
        ffi.errno = 0
        result = getattr(self.lib, func)(conn, cond)
        errno = ffi.errno
        if errno:
            _destroy(self.lib, result)
            raise DbError(errno, [error_entry(errno, None, func)])
        if result == ffi.NULL:
            raise DbError(ESLURM_REST_INVALID_QUERY, [error_entry(
                ESLURM_REST_INVALID_QUERY, "Unknown error with query", func)])
        if self.lib.slurm_list_count(result) == 0:
            _destroy(self.lib, result)
            raise DbError(ESLURM_REST_EMPTY_RESULT, [error_entry(
                ESLURM_REST_EMPTY_RESULT, "Nothing found", func)])
        return result

    def _records(self, func, cond, ctype, convert_one, *args):
        lst = self._list(func, cond)
        try:
            return [convert_one(self.ffi, self.ffi.cast(ctype, item), *args)
                    for item in _items(self.lib, lst)]
        finally:
            _destroy(self.lib, lst)

    def _strings(self, func, cond):
        """A slurmdb_*_remove: the names it removed."""
        self._wrote = True
        lst = self._list(func, cond)
        try:
            return [convert.string(self.ffi, self.ffi.cast("char *", p)) for p in _items(self.lib, lst)]
        finally:
            _destroy(self.lib, lst)

    def _rc(self, func, *args):
        """A write answering a return code: slurmdb_*_add(conn, *args)."""
        self._wrote = True
        conn = self._db(func)
        self._quickack()
        rc = getattr(self.lib, func)(conn, *args)
        if rc:
            raise DbError(rc, [error_entry(rc, None, func)])

    # -- reads ---------------------------------------------------------------------------------
    def tres(self):
        """Every TRES, deleted ones too: [{type, name, id, count}]."""
        cond = self.ffi.new("slurmdb_tres_cond_t *", {"with_deleted": 1})
        return self._records("slurmdb_tres_get", cond, "slurmdb_tres_rec_t *", tres_record)

    def all_qos(self, with_deleted=True):
        """[(id, name)] of every QOS (deleted too, unless asked not), to name QOS ids."""
        cond = self.ffi.new("slurmdb_qos_cond_t *")
        self.lib.srpy_qos_cond_with(cond, with_deleted)
        return self._records("slurmdb_qos_get", cond, "slurmdb_qos_rec_t *",
                             lambda ffi, q: (q.id, convert.string(ffi, q.name)))

    def qos_list(self, with_deleted=False):
        """Every QOS, raw (to be named and finished by qos_records())."""
        cond = self.ffi.new("slurmdb_qos_cond_t *")
        self.lib.srpy_qos_cond_with(cond, with_deleted)
        return self._records("slurmdb_qos_get", cond, "slurmdb_qos_rec_t *", qos_raw)

    def qos_records(self, name=None, with_deleted=False, qos_all=None):
        """QOS records, all or the one named; the reference reads every QOS (to name preemptees),
        then the TRES, then keeps the named one (none found is no error). `qos_all`: qos_list()'s
        answer, when the caller read it already."""
        qos_all = self.qos_list(with_deleted) if qos_all is None else qos_all
        tres = self.tres()
        names_by_id = {q["id"]: q["name"] for q in qos_all}
        return [qos_record(q, tres, names_by_id) for q in qos_all
                if name is None or q["name"] == name]

    def accounts(self, names=None, with_deleted=False):
        self.tres()  # as the reference: TRES and QOS are read (and fail) before the accounts
        self.all_qos()
        ffi = self.ffi
        with _CLists(ffi, self.lib) as lists:
            cond = ffi.new("slurmdb_account_cond_t *")
            self.lib.srpy_account_cond_with(cond, 1, 1, with_deleted)
            if names is not None:
                assoc = lists.keep(ffi.new("slurmdb_assoc_cond_t *"))
                assoc.acct_list = lists.strings(names)
                cond.assoc_cond = assoc
            return self._records("slurmdb_accounts_get", cond, "slurmdb_account_rec_t *",
                                 account_record)

    def users(self, name=None, with_deleted=False):
        ffi = self.ffi
        with _CLists(ffi, self.lib) as lists:
            assoc = lists.keep(ffi.new("slurmdb_assoc_cond_t *"))
            if name is not None:
                assoc.user_list = lists.strings([name])
            cond = ffi.new("slurmdb_user_cond_t *", {
                "assoc_cond": assoc, "with_assocs": 1, "with_coords": 1,
                "with_deleted": int(with_deleted), "with_wckeys": 1})
            users = self._records("slurmdb_users_get", cond, "slurmdb_user_rec_t *", user_record)
        self.tres()
        self.all_qos()
        return users

    def associations_records(self, only_one=False, with_deleted=False, qos_ids=False, **filters):
        """Association records; `qos_ids`: their QOS lists as slurmdbd sends them (ids), not named."""
        ffi, lib = self.ffi, self.lib
        with _CLists(ffi, lib) as lists:
            cond = ffi.new("slurmdb_assoc_cond_t *")
            lib.srpy_assoc_cond_with(cond, with_deleted, 0, 0, 0)
            for field, key in (("acct_list", "account"), ("cluster_list", "cluster"),
                               ("partition_list", "partition"), ("user_list", "user")):
                if filters.get(key) is not None:
                    convert_list = lists.clusters if key == "cluster" else lists.strings
                    setattr(cond, field, convert_list(filters[key]))
            lst = self._list("slurmdb_associations_get", cond)
        try:
            tres = self.tres()
            qos_names = dict(self.all_qos())
            if only_one and lib.slurm_list_count(lst) > 1:
                raise DbError(ESLURM_REST_INVALID_QUERY, [error_entry(
                    ESLURM_REST_INVALID_QUERY,
                    "Ambiguous request: More than 1 association would have been dumped.")],
                    {"associations": []})
            return [assoc_record(ffi, ffi.cast("slurmdb_assoc_rec_t *", a), tres, qos_names, qos_ids)
                    for a in _items(lib, lst)]
        finally:
            _destroy(lib, lst)

    def clusters(self, name=None):
        ffi = self.ffi
        tres = self.tres()
        with _CLists(ffi, self.lib) as lists:
            # flags NO_VAL: any flags (0 would ask for clusters with no flag bits in common with 0)
            cond = ffi.new("slurmdb_cluster_cond_t *",
                           {"with_deleted": 1, "with_usage": 1, "flags": convert.NO_VAL})
            cond.cluster_list = lists.clusters([name] if name is not None else [])
            return self._records("slurmdb_clusters_get", cond, "slurmdb_cluster_rec_t *",
                                 cluster_record, tres)

    def wckeys(self, name=None):
        ffi = self.ffi
        with _CLists(ffi, self.lib) as lists:
            cond = ffi.new("slurmdb_wckey_cond_t *", {"with_deleted": 1})
            if name is not None:
                cond.name_list = lists.strings([name])
            return self._records("slurmdb_wckeys_get", cond, "slurmdb_wckey_rec_t *",
                                 wckey_record)

    def jobs(self, cond=None):
        """Accounting jobs with their steps; `cond` a slurmdb_jobs.JobCond, or None."""
        from .slurmdb_jobs import jobs

        return jobs(self, cond)

    def each_job(self, cond=None):
        """As jobs(), an iterator making each job when asked for; every failure raised now."""
        from .slurmdb_jobs import each_job

        return each_job(self, cond)

    def stats(self):
        """slurmdbd's statistics (GET /diag)."""
        from .slurmdb_jobs import stats

        return stats(self)

    # -- writes --------------------------------------------------------------------------------
    def add_accounts(self, accounts):
        """accounts: [{name, description, organization, associations}] -> slurmdb_accounts_add;
        `associations` as in add_users."""
        ffi, lib = self.ffi, self.lib
        with _CLists(ffi, lib) as lists:
            c_list = lists.new()
            for a in accounts:
                rec = lists.keep(ffi.new("slurmdb_account_rec_t *"))
                rec.name = lists.cstr(a.get("name"))
                rec.description = lists.cstr(a.get("description"))
                rec.organization = lists.cstr(a.get("organization"))
                rec.assoc_list = self._associations(lists, a.get("associations", ()))
                rec.coordinators = lists.new()
                lib.slurm_list_append(c_list, rec)
            self._rc("slurmdb_accounts_add", c_list)

    def _associations(self, lists, items):
        """A List of association records, each initialised and then given `items`' fields."""
        c_list = lists.new()
        for fields in items:
            assoc = self._record(lists, "slurmdb_assoc_rec_t *", self._init_assoc, fields)
            self.lib.slurm_list_append(c_list, assoc)
        return c_list

    def add_users(self, users):
        """users: [{name, default_acct, default_wckey, admin_level, associations, coordinators}]
        -> slurmdb_users_add, then slurmdb_coord_add per user with a coordinator list, as the
        reference does: `associations` [{acct, cluster, partition, user}] go with the record
        (slurmdbd adds them), `coordinators` are account names (None: no call; []: a call slurmdbd
        refuses)."""
        ffi, lib = self.ffi, self.lib
        with _CLists(ffi, lib) as lists:
            c_list = lists.new()
            for u in users:
                rec = lists.keep(ffi.new("slurmdb_user_rec_t *"))
                rec.name = lists.cstr(u.get("name"))
                rec.default_acct = lists.cstr(u.get("default_acct"))
                rec.default_wckey = lists.cstr(u.get("default_wckey"))
                rec.admin_level = u.get("admin_level", 0)
                rec.assoc_list = self._associations(lists, u.get("associations", ()))
                rec.coord_accts = lists.new()
                lib.slurm_list_append(c_list, rec)
            self._rc("slurmdb_users_add", c_list)
            for u in users:
                if u.get("coordinators") is None:
                    continue
                assoc = lists.keep(ffi.new("slurmdb_assoc_cond_t *"))
                assoc.user_list = lists.strings([u["name"]])
                cond = lists.keep(ffi.new("slurmdb_user_cond_t *", {"assoc_cond": assoc}))
                self._rc("slurmdb_coord_add", lists.strings(u["coordinators"]), cond)

    def _record(self, lists, ctype, init, fields):
        """A record initialised as the reference does (`init(rec)`), then `fields` set: strings,
        lists of strings, `Flags` ORed in, numbers as they are."""
        ffi, lib = self.ffi, self.lib
        rec = lists.keep(ffi.new(ctype))
        init(rec)
        for field, value in fields.items():
            if isinstance(value, Flags):
                bits = 0
                for const in value:
                    bits |= getattr(lib, const)
                setattr(rec, field, getattr(rec, field) | bits)
            elif isinstance(value, list):
                setattr(rec, field, lists.strings(value))
            elif value is None or isinstance(value, str):
                setattr(rec, field, lists.cstr(value))
            else:
                setattr(rec, field, value)
        return rec

    def _add(self, func, ctype, init, items):
        """slurmdb_*_add() of records built by `init(rec, lists)` and then each item's fields."""
        with _CLists(self.ffi, self.lib) as lists:
            c_list = lists.new()
            for fields in items:
                rec = self._record(lists, ctype, lambda r: init(r, lists), fields)
                self.lib.slurm_list_append(c_list, rec)
            self._rc(func, c_list)

    def _modify(self, func, cond, rec):
        """The reference's db_modify_rc(): a NULL answer fails with errno (or SLURM_ERROR)."""
        ffi = self.ffi
        conn = self._db(func)
        ffi.errno = 0
        result = getattr(self.lib, func)(conn, cond, rec)
        if result == ffi.NULL:
            rc = ffi.errno or -1
            raise DbError(rc, [error_entry(rc, None, func)])
        _destroy(self.lib, result)

    # -- associations --
    def _init_assoc(self, rec, lists=None):
        self.lib.slurmdb_init_assoc_rec(rec, False)

    def add_associations(self, items):
        """Associations, each {acct, cluster, ..., shares_raw ...} as parsed, in one call."""
        self._add("slurmdb_associations_add", "slurmdb_assoc_rec_t *", self._init_assoc, items)

    def _assoc_cond(self, lists, key):
        """The exact-match condition of the reference's add-or-modify: "" for an unset part."""
        cond = lists.keep(self.ffi.new("slurmdb_assoc_cond_t *"))
        for field, name in (("acct_list", "acct"), ("cluster_list", "cluster"),
                            ("partition_list", "partition"), ("user_list", "user")):
            values = [key.get(name) or ""]
            setattr(cond, field, lists.clusters(values) if name == "cluster" else lists.strings(values))
        return cond

    ASSOC_STRINGS = ("acct", "cluster", "partition", "user", "parent_acct")
    ASSOC_TRES = ("grp_tres", "grp_tres_mins", "grp_tres_run_mins", "max_tres_mins_pj",
                  "max_tres_run_mins", "max_tres_pj", "max_tres_pn")

    def associations_matching(self, key):
        """The associations matching key {acct, cluster, partition, user} exactly, each as the
        fields a modify starts from (strings, TRES strings, QOS id strings); [] when the lookup
        fails, since the reference then adds."""
        ffi, lib = self.ffi, self.lib
        with _CLists(ffi, lib) as lists:
            conn = self._db("slurmdb_associations_get")
            ffi.errno = 0
            result = lib.slurmdb_associations_get(conn, self._assoc_cond(lists, key))
            failed = ffi.errno != 0
        if result == ffi.NULL or failed:
            _destroy(lib, result)
            return []
        try:
            out = []
            for item in _items(lib, result):
                a = ffi.cast("slurmdb_assoc_rec_t *", item)
                rec = {f: convert.string(ffi, getattr(a, f))
                       for f in self.ASSOC_STRINGS + self.ASSOC_TRES}
                rec["qos_list"] = (None if a.qos_list == ffi.NULL else
                                   [convert.string(ffi, ffi.cast("char *", q))
                                    for q in _items(lib, a.qos_list)])
                out.append(rec)
            return out
        finally:
            _destroy(lib, result)

    def modify_association(self, key, fields):
        """slurmdb_associations_modify() of the association matching `key` exactly."""
        with _CLists(self.ffi, self.lib) as lists:
            rec = self._record(lists, "slurmdb_assoc_rec_t *", self._init_assoc, fields)
            self._modify("slurmdb_associations_modify", self._assoc_cond(lists, key), rec)

    # -- QOS --
    def _init_qos(self, rec, lists=None):
        self.lib.slurmdb_init_qos_rec(rec, False, convert.NO_VAL)
        rec.flags = 0  # not QOS_FLAG_NOTSET: an update sets exactly the flags given
        rec.preempt_mode = self.lib.PREEMPT_MODE_OFF

    def _qos_cond(self, lists, name, qos_id):
        cond = lists.keep(self.ffi.new("slurmdb_qos_cond_t *"))
        if qos_id:
            cond.id_list = lists.strings([str(qos_id)])
        if name is not None:
            cond.name_list = lists.strings([name])
        return cond

    def qos_matching(self, name, qos_id):
        """How many QOS have this name and/or id; 0 when the lookup fails."""
        ffi, lib = self.ffi, self.lib
        with _CLists(ffi, lib) as lists:
            conn = self._db("slurmdb_qos_get")
            ffi.errno = 0
            result = lib.slurmdb_qos_get(conn, self._qos_cond(lists, name, qos_id))
            failed = ffi.errno != 0
        try:
            return 0 if result == ffi.NULL or failed else lib.slurm_list_count(result)
        finally:
            _destroy(lib, result)

    def add_qos(self, fields):
        self._add("slurmdb_qos_add", "slurmdb_qos_rec_t *", self._init_qos, [fields])

    def modify_qos(self, name, qos_id, fields):
        with _CLists(self.ffi, self.lib) as lists:
            rec = self._record(lists, "slurmdb_qos_rec_t *", self._init_qos, fields)
            self._modify("slurmdb_qos_modify", self._qos_cond(lists, name, qos_id), rec)

    def remove_qos(self, name):
        with _CLists(self.ffi, self.lib) as lists:
            return self._strings("slurmdb_qos_remove", self._qos_cond(lists, name, None))

    # -- wckeys --
    def _init_wckey(self, rec, lists):
        self.lib.slurmdb_init_wckey_rec(rec, False)
        rec.accounting_list = lists.new()

    def add_wckeys(self, items):
        self._add("slurmdb_wckeys_add", "slurmdb_wckey_rec_t *", self._init_wckey, items)

    def remove_wckeys(self, name):
        ffi = self.ffi
        with _CLists(ffi, self.lib) as lists:
            cond = ffi.new("slurmdb_wckey_cond_t *", {"with_deleted": 1})
            cond.name_list = lists.strings([name])
            return self._strings("slurmdb_wckeys_remove", cond)

    # -- clusters --
    def _init_cluster(self, rec, lists):
        self.lib.slurmdb_init_cluster_rec(rec, False)
        rec.accounting_list = lists.new()

    def add_clusters(self, items):
        self._add("slurmdb_clusters_add", "slurmdb_cluster_rec_t *", self._init_cluster, items)

    def remove_clusters(self, name):
        """The reference's condition: flags 0 (not NO_VAL), which slurmdbd reads as "clusters
        sharing a flag with 0", so nothing is ever removed (SLURM_NO_CHANGE_IN_DATA)."""
        ffi = self.ffi
        with _CLists(ffi, self.lib) as lists:
            cond = ffi.new("slurmdb_cluster_cond_t *", {"with_deleted": 1})
            cond.cluster_list = lists.clusters([name])
            return self._strings("slurmdb_clusters_remove", cond)

    def remove_account(self, name):
        ffi = self.ffi
        with _CLists(ffi, self.lib) as lists:
            assoc = lists.keep(ffi.new("slurmdb_assoc_cond_t *"))
            assoc.acct_list = lists.strings([name])
            assoc.user_list = lists.new()
            cond = ffi.new("slurmdb_account_cond_t *", {"assoc_cond": assoc})
            return self._strings("slurmdb_accounts_remove", cond)

    def remove_user(self, name):
        ffi = self.ffi
        with _CLists(ffi, self.lib) as lists:
            assoc = lists.keep(ffi.new("slurmdb_assoc_cond_t *"))
            assoc.user_list = lists.strings([name])
            cond = ffi.new("slurmdb_user_cond_t *", {
                "assoc_cond": assoc, "with_assocs": 1, "with_coords": 1, "with_wckeys": 1})
            return self._strings("slurmdb_users_remove", cond)

    def remove_associations(self, only_one=False, **filters):
        ffi = self.ffi
        with _CLists(ffi, self.lib) as lists:
            cond = ffi.new("slurmdb_assoc_cond_t *")
            for field, key in (("acct_list", "account"), ("cluster_list", "cluster"),
                               ("partition_list", "partition"), ("user_list", "user")):
                if filters.get(key) is not None:
                    convert_list = lists.clusters if key == "cluster" else lists.strings
                    setattr(cond, field, convert_list(filters[key]))
            return self._strings("slurmdb_associations_remove", cond)


_IPPROTO_TCP, _TCP_NODELAY, _TCP_QUICKACK = 6, 1, 12  # <netinet/tcp.h>


def cluster_name(name):
    """A cluster name slurmdbd can take. It builds table names from cluster names ("<name>_job_table");
    MariaDB refuses characters beyond U+FFFF in a name, and slurmdbd 22.05 then dies on the failed
    query (a NULL dereference), so any client could take accounting down with one GET. Such a name
    cannot belong to a cluster: it is asked for as one that does not exist (U+FFFD instead)."""
    if name and any(ord(c) > 0xFFFF or c == "\0" for c in name):
        return "".join("\ufffd" if ord(c) > 0xFFFF or c == "\0" else c for c in name)
    return name


def _slurmdbd_socket(lib):
    """A duplicate of the TCP socket libslurm opened to slurmdbd, to tune it; None if not found.

    libslurm writes each message as two write()s (length, then body) and slurmdbd answers the same
    way. With Nagle's algorithm on, each body waits for the peer's delayed ACK of its length:
    ~40 ms on loopback, up to twice per query (the reference pays it: most of its ~0.4 s for a few
    jobs). TCP_NODELAY sends our bodies at once; TCP_QUICKACK, set again before each exchange as
    the kernel drops it once the connection looks interactive, ACKs slurmdbd's lengths at once so
    its bodies are not held either. libslurm keeps its socket to itself: it is the one TCP socket
    among our descriptors whose peer is slurmdbd's port.
    """
    import socket

    port = lib.slurm_conf.accounting_storage_port
    for name in os.listdir("/proc/self/fd"):
        try:
            sock = socket.socket(fileno=os.dup(int(name)))
        except OSError:
            continue
        try:
            if (sock.type == socket.SOCK_STREAM and sock.family in (socket.AF_INET, socket.AF_INET6)
                    and sock.getpeername()[1] == port):
                return sock
        except OSError:
            pass
        sock.close()
    return None


def _items(lib, c_list):
    """The items of a C List, collected before anything can fail (an iterator must not outlive
    its List)."""
    ffi, _ = load()
    from .slurmdb_records import walk

    return walk(ffi, lib, c_list)


def _destroy(lib, c_list):
    """Free a List libslurm returned; its own destructor frees the records."""
    ffi, _ = load()
    if c_list is not None and c_list != ffi.NULL:
        lib.slurm_list_destroy(c_list)


class _CLists:
    """C memory we allocate for one call: Lists without destructors (their items are ours), strings
    and structs kept alive until the call returns, then released."""

    def __init__(self, ffi, lib):
        self.ffi, self.lib = ffi, lib
        self._lists, self._keep = [], []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for c_list in self._lists:
            self.lib.slurm_list_destroy(c_list)
        self._lists.clear()
        self._keep.clear()

    def keep(self, obj):
        self._keep.append(obj)
        return obj

    def cstr(self, text):
        if text is None:
            return self.ffi.NULL
        return self.keep(self.ffi.new("char[]", text.encode()))

    def new(self):
        c_list = self.lib.slurm_list_create(self.ffi.NULL)
        self._lists.append(c_list)
        return c_list

    def clusters(self, names):
        return self.strings(cluster_name(n) for n in names)

    def strings(self, values):
        c_list = self.new()
        for value in values:
            self.lib.slurm_list_append(c_list, self.cstr(value))
        return c_list


CLists = _CLists  # C memory for one call, for the parser versions' handlers (api/parsed/)
