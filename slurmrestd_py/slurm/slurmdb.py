"""slurmdbd through libslurm: one connection per request, queries that copy records out as plain
Python data in the reference's dbv0.0.38 shape, and the writes.

    conn = slurmdb.Connection()        # slurmdb_connection_get()
    conn.accounts(...); conn.add_accounts([...])
    conn.finish(ok)                    # commit(ok) then close; rolls back unless ok

Every failure raises `DbError` with the errors[] items the reference reports (its `resp_error()`:
description only when it gives one, error_number/error only for a nonzero code).
"""
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
        self._conn[0] = self.lib.slurmdb_connection_get(self.ffi.NULL)
        if self._conn[0] == self.ffi.NULL:
            raise DbError(ESLURM_DB_CONNECTION, [error_entry(
                ESLURM_DB_CONNECTION, "Failed connecting to slurmdbd", "openapi_get_db_conn")])

    def finish(self, ok):
        """Commit the request's changes if every call succeeded, roll them back otherwise; close."""
        if self._conn[0] == self.ffi.NULL:
            return
        try:
            self.lib.slurmdb_connection_commit(self._conn[0], bool(ok))
        finally:
            self.lib.slurmdb_connection_close(self._conn)

    def commit(self):
        """The reference's db_query_commit(): commit now; a failure is an error of the request."""
        rc = self.lib.slurmdb_connection_commit(self._conn[0], True)
        if rc:
            raise DbError(rc, [error_entry(rc, None, "slurmdb_connection_commit")])

    # -- the reference's db_query_list / db_query_rc ------------------------------------------
    def _list(self, func, cond):
        """Call a slurmdb_*_get/remove: a C List, or DbError as db_query_list() reports it."""
        ffi = self.ffi
        ffi.errno = 0
        result = getattr(self.lib, func)(self._conn[0], cond)
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
        lst = self._list(func, cond)
        try:
            return [convert.string(self.ffi, self.ffi.cast("char *", p)) for p in _items(self.lib, lst)]
        finally:
            _destroy(self.lib, lst)

    def _rc(self, func, c_list):
        rc = getattr(self.lib, func)(self._conn[0], c_list)
        if rc:
            raise DbError(rc, [error_entry(rc, None, func)])

    # -- reads ---------------------------------------------------------------------------------
    def tres(self):
        """Every TRES, deleted ones too: [{type, name, id, count}]."""
        cond = self.ffi.new("slurmdb_tres_cond_t *", {"with_deleted": 1})
        return self._records("slurmdb_tres_get", cond, "slurmdb_tres_rec_t *", tres_record)

    def all_qos(self):
        """[(id, name)] of every QOS (deleted too), to name QOS ids."""
        cond = self.ffi.new("slurmdb_qos_cond_t *", {"with_deleted": 1})
        return self._records("slurmdb_qos_get", cond, "slurmdb_qos_rec_t *",
                             lambda ffi, q: (q.id, convert.string(ffi, q.name)))

    def qos_records(self, name=None, with_deleted=False):
        """QOS records, all or the one named; the reference reads every QOS (to name preemptees),
        then the TRES, then keeps the named one (none found is no error)."""
        cond = self.ffi.new("slurmdb_qos_cond_t *", {"with_deleted": int(with_deleted)})
        qos_all = self._records("slurmdb_qos_get", cond, "slurmdb_qos_rec_t *", qos_raw)
        tres = self.tres()
        names_by_id = {q["id"]: q["name"] for q in qos_all}
        return [qos_record(q, tres, names_by_id) for q in qos_all
                if name is None or q["name"] == name]

    def accounts(self, names=None, with_deleted=False):
        self.tres()  # as the reference: TRES and QOS are read (and fail) before the accounts
        self.all_qos()
        ffi = self.ffi
        with _CLists(ffi, self.lib) as lists:
            cond = ffi.new("slurmdb_account_cond_t *", {
                "with_assocs": 1, "with_coords": 1, "with_deleted": int(with_deleted)})
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
            cond = ffi.new("slurmdb_assoc_cond_t *", {"with_deleted": int(with_deleted)})
            for field, key in (("acct_list", "account"), ("cluster_list", "cluster"),
                               ("partition_list", "partition"), ("user_list", "user")):
                if filters.get(key) is not None:
                    setattr(cond, field, lists.strings(filters[key]))
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
            cond.cluster_list = lists.strings([name] if name is not None else [])
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

    # -- writes --------------------------------------------------------------------------------
    def add_accounts(self, accounts):
        """accounts: [{name, description, organization}] -> slurmdb_accounts_add."""
        ffi, lib = self.ffi, self.lib
        with _CLists(ffi, lib) as lists:
            c_list = lists.new()
            for a in accounts:
                rec = lists.keep(ffi.new("slurmdb_account_rec_t *"))
                rec.name = lists.cstr(a["name"])
                rec.description = lists.cstr(a["description"])
                rec.organization = lists.cstr(a["organization"])
                rec.assoc_list = lists.new()
                rec.coordinators = lists.new()
                lib.slurm_list_append(c_list, rec)
            self._rc("slurmdb_accounts_add", c_list)

    def add_users(self, users):
        """users: [{name, default_acct, default_wckey, admin_level}] -> slurmdb_users_add."""
        ffi, lib = self.ffi, self.lib
        with _CLists(ffi, lib) as lists:
            c_list = lists.new()
            for u in users:
                rec = lists.keep(ffi.new("slurmdb_user_rec_t *"))
                rec.name = lists.cstr(u["name"])
                rec.default_acct = lists.cstr(u.get("default_acct"))
                rec.default_wckey = lists.cstr(u.get("default_wckey"))
                rec.admin_level = u.get("admin_level", 0)
                rec.assoc_list = lists.new()
                rec.coord_accts = lists.new()
                lib.slurm_list_append(c_list, rec)
            self._rc("slurmdb_users_add", c_list)

    def add_associations(self, assocs):
        """Associations {acct, cluster, partition, user, parent_acct, shares_raw ...}, in one call."""
        ffi, lib = self.ffi, self.lib
        with _CLists(ffi, lib) as lists:
            c_list = lists.new()
            for assoc in assocs:
                rec = lists.keep(ffi.new("slurmdb_assoc_rec_t *"))
                lib.slurmdb_init_assoc_rec(rec, False)
                for field in ("acct", "cluster", "partition", "user", "parent_acct"):
                    if assoc.get(field) is not None:
                        setattr(rec, field, lists.cstr(assoc[field]))
                for field, value in assoc.items():
                    if field not in ("acct", "cluster", "partition", "user", "parent_acct"):
                        setattr(rec, field, value)
                lib.slurm_list_append(c_list, rec)
            self._rc("slurmdb_associations_add", c_list)

    def associations_exist(self, account, cluster, partition, user):
        """How many associations match exactly (the reference's add-or-modify lookup)."""
        ffi, lib = self.ffi, self.lib
        with _CLists(ffi, lib) as lists:
            cond = ffi.new("slurmdb_assoc_cond_t *")
            cond.acct_list = lists.strings([account or ""])
            cond.cluster_list = lists.strings([cluster or ""])
            cond.partition_list = lists.strings([partition or ""])
            cond.user_list = lists.strings([user or ""])
            ffi.errno = 0
            result = lib.slurmdb_associations_get(self._conn[0], cond)
            try:
                return 0 if result == ffi.NULL else lib.slurm_list_count(result)
            finally:
                _destroy(lib, result)

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
                    setattr(cond, field, lists.strings(filters[key]))
            return self._strings("slurmdb_associations_remove", cond)


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

    def strings(self, values):
        c_list = self.new()
        for value in values:
            self.lib.slurm_list_append(c_list, self.cstr(value))
        return c_list
