"""slurmdb POST accounts/, users/, clusters/, qos/ and associations/ (the reference's
op_handler_accounts, op_handler_users, op_handler_clusters, op_handler_multi_qos and
op_handler_associations: update_accounts(), update_users(), update_clusters(), update_qos(),
update_associations()).

The body is parsed through the version's tables (parsers/types.py Object.parse: the answer's own
table, as the reference's DATA_PARSE of the answer type); each item is then added or modified on
the request's connection, which commits only when nothing failed."""
from ...parsers.parsing import Report
from ...slurm.convert import tres_counts
from ...slurm.slurmdb import CLists
from .. import Operation
from ..db import connection
from .db import _address, query_list, query_rc

AMBIGUOUS_MODIFY = 9210  # ESLURM_DATA_AMBIGUOUS_MODIFY
USER_ID_MISSING = 2010  # ESLURM_USER_ID_MISSING


def parse_body(ctx, kind):
    """The body as the C fields of the version's `kind` answer table, or None when the parse failed
    (reported as the reference's parser reports)."""
    report = Report(ctx)
    table = ctx.parser.responses[kind]
    body = ctx.body
    return report.run(lambda: table.parse({} if body is None else body, "#/", report))


def _modified(ctx, caller, func, cond, rec):
    """The reference's db_modify_rc(): False after reporting a failed slurmdb_*_modify()."""
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    db = connection(ctx)
    conn = db._db(func)
    db._wrote = True
    ffi.errno = 0
    result = getattr(lib, func)(conn, cond, rec)
    if result == ffi.NULL:
        ctx.error(ffi.errno or -1, caller, f"{func}{_address(ctx, db, '()')} failed")
        return False
    lib.slurm_list_destroy(result)
    return True


def _coord(ctx, lists, func, account, user):
    """slurmdb_coord_add/remove of one user on one account; False after reporting its failure."""
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    db = connection(ctx)
    conn = db._db(func)
    db._wrote = True
    assoc = lists.keep(ffi.new("slurmdb_assoc_cond_t *"))
    assoc.user_list = lists.strings([user])
    cond = lists.keep(ffi.new("slurmdb_user_cond_t *", {"assoc_cond": assoc}))
    ffi.errno = 0
    if func == "slurmdb_coord_add":
        rc = lib.slurmdb_coord_add(conn, lists.strings([account]), cond)
        rc = (ffi.errno or rc) if rc else 0
        what = f"adding coordinator {user} to account {account} failed"
    else:
        result = lib.slurmdb_coord_remove(conn, lists.strings([account]), cond)
        rc = (ffi.errno or -1) if result == ffi.NULL else 0
        if result != ffi.NULL:
            lib.slurm_list_destroy(result)
        what = f"removing coordinator {user} from account {account} failed"
    if rc:
        ctx.error(rc, f"{func}()", what)
    return not rc


def _account_rec(ctx, lists, account):
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    rec = lists.keep(ffi.new("slurmdb_account_rec_t *"))
    rec.name = lists.cstr(account.get("name"))
    rec.description = lists.cstr(account.get("description"))
    rec.organization = lists.cstr(account.get("organization"))
    rec.flags = account.get("flags", 0)
    rec.assoc_list = lists.new()
    rec.coordinators = lists.new()
    for c in account.get("coordinators") or ():
        coord = lists.keep(ffi.new("slurmdb_coord_rec_t *"))
        coord.name = lists.cstr(c.get("name"))
        coord.direct = c.get("direct", 0)
        lib.slurm_list_append(rec.coordinators, coord)
    return rec


def _update_account(ctx, lists, account):
    """_foreach_update_acct(): add the account when none has its name, else modify it, then make
    its coordinators the ones given. False when the request has failed."""
    from ...slurm.slurmdb_copy import account as copy_account

    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    caller = "_foreach_update_acct"
    assoc = lists.keep(ffi.new("slurmdb_assoc_cond_t *"))
    assoc.acct_list = lists.strings([account.get("name")])
    cond = lists.keep(ffi.new("slurmdb_account_cond_t *", {"assoc_cond": assoc}))
    lib.srpy_account_cond_with(cond, 0, 1, 0)
    found = query_list(ctx, caller, "slurmdb_accounts_get", cond, "slurmdb_account_rec_t *",
                       ignore_empty=True, extras=copy_account)
    if found is None:
        return False
    if account.get("assoc_list"):
        ctx.warn(caller, "Account associations ignored. They must be set via the associations end point.")
    if account.get("flags", 0) & lib.SLURMDB_ACCT_FLAG_DELETED:
        ctx.warn(caller, "Ignoring request to set flag: DELETED")
    coords = [c.get("name") for c in account.get("coordinators") or ()]
    rec = _account_rec(ctx, lists, account)
    if not found:
        c_list = lists.new()
        lib.slurm_list_append(c_list, rec)
        query_rc(ctx, caller, "slurmdb_accounts_add", c_list)
        for name in coords:
            _coord(ctx, lists, "slurmdb_coord_add", account.get("name"), name)
    elif len(found) > 1:
        ctx.error(AMBIGUOUS_MODIFY, caller, "ambiguous account modify request")
    elif _modified(ctx, caller, "slurmdb_accounts_modify", cond, rec):
        had = [c["name"] for c in found[0]["coordinators"]]
        for name in coords:
            if not any((name or "").lower() == (h or "").lower() for h in had):
                _coord(ctx, lists, "slurmdb_coord_add", account.get("name"), name)
        for name in had:
            if not any((name or "").lower() == (c or "").lower() for c in coords):
                _coord(ctx, lists, "slurmdb_coord_remove", account.get("name"), name)
    return not ctx.rc


def _post_accounts(ctx):
    body = parse_body(ctx, "accounts")
    if body is None:
        return None
    with CLists(ctx.slurm.ffi, ctx.slurm.lib) as lists:
        for account in body.get("accounts") or ():
            if not _update_account(ctx, lists, account):
                break
    return None  # committed when the request ends without an error


def _user_rec(ctx, lists, user):
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    rec = lists.keep(ffi.new("slurmdb_user_rec_t *"))
    rec.admin_level = user.get("admin_level", 0)
    rec.default_acct = lists.cstr(user.get("default_acct"))
    rec.default_wckey = lists.cstr(user.get("default_wckey"))
    rec.flags = user.get("flags", 0) & ~lib.SLURMDB_USER_FLAG_DELETED
    rec.name = lists.cstr(user.get("name"))
    rec.old_name = lists.cstr(user.get("old_name"))
    rec.assoc_list = ffi.NULL
    rec.coord_accts = ffi.NULL
    rec.wckey_list = ffi.NULL
    wckeys = list(user.get("wckey_list") or ())
    default = user.get("default_wckey")
    if wckeys or default:
        rec.wckey_list = lists.new()
        match = next((w for w in wckeys if w.get("name") == default), None) if default else None
        for w in wckeys:
            w = {**w, "is_def": 1 if w is match else 0} if default else w
            lib.slurm_list_append(rec.wckey_list, _wckey_rec(ctx, lists, w))
        if default and match is None:  # the default wckey is added on the local cluster
            name = ffi.string(lib.slurm_conf.cluster_name).decode() if lib.slurm_conf.cluster_name else None
            lib.slurm_list_append(rec.wckey_list, _wckey_rec(ctx, lists, {
                "name": default, "user": user.get("name"), "cluster": name, "is_def": 1}))
    return rec


def _wckey_rec(ctx, lists, wckey):
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    rec = lists.keep(ffi.new("slurmdb_wckey_rec_t *"))
    lib.slurmdb_init_wckey_rec(rec, False)
    for field in ("cluster", "name", "user"):
        setattr(rec, field, lists.cstr(wckey.get(field)))
    rec.is_def = wckey.get("is_def", rec.is_def)
    rec.flags = wckey.get("flags", rec.flags)
    return rec


def _users_found(ctx, lists, caller, name):
    """The users named `name` (deleted ones too), or None after reporting the failure."""
    from ...slurm.slurmdb_copy import user as copy_user

    ffi = ctx.slurm.ffi
    assoc = lists.keep(ffi.new("slurmdb_assoc_cond_t *"))
    assoc.user_list = lists.strings([name])
    cond = lists.keep(ffi.new("slurmdb_user_cond_t *", {"assoc_cond": assoc, "with_deleted": 1}))
    return query_list(ctx, caller, "slurmdb_users_get", cond, "slurmdb_user_rec_t *", ignore_empty=True,
                      extras=copy_user)


def _update_user(ctx, lists, user):
    """_foreach_update_user(): add the user when none has its name, else modify it (a rename from
    `old_name`); associations and coordinators given are ignored with a warning. False once the
    request has failed."""
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    caller = "_foreach_update_user"
    name, old = user.get("name"), user.get("old_name") or None
    user["old_name"] = old
    if old:
        found = _users_found(ctx, lists, caller, old)
        if found is None:
            return False
        if not found:
            ctx.error(USER_ID_MISSING, caller, f"Unable to rename {ctx.parser.rules.nonexistent} user {old} to {name}")
            return False
        found = _users_found(ctx, lists, caller, name)
        if found is None:
            return False
        if found:
            ctx.error(AMBIGUOUS_MODIFY, caller, f"Unable to rename user {old} to existing {name}")
            return False
        names, modify = [name, old], True
    else:
        found = _users_found(ctx, lists, caller, name)
        if found is None:
            return False
        if len(found) > 1:
            ctx.error(AMBIGUOUS_MODIFY, caller, "ambiguous user modify request")
            return False
        names, modify = [name], bool(found)
    if user.get("assoc_list"):
        ctx.warn(caller, f"User {name} associations list ignored. They must be set via the associations end point.")
    if user.get("coord_accts"):
        ctx.warn(caller, f"User {name} coordinators list ignored. They must be set via the coordinators or "
                         "accounts end point.")
    if user.get("flags", 0) & lib.SLURMDB_USER_FLAG_DELETED:
        ctx.warn(caller, "Ignoring request to set flag: DELETED")
    rec = _user_rec(ctx, lists, user)
    if not modify:
        c_list = lists.new()
        lib.slurm_list_append(c_list, rec)
        query_rc(ctx, caller, "slurmdb_users_add", c_list)
    else:
        assoc = lists.keep(ffi.new("slurmdb_assoc_cond_t *"))
        assoc.user_list = lists.strings(names)
        cond = lists.keep(ffi.new("slurmdb_user_cond_t *", {"assoc_cond": assoc, "with_deleted": 1}))
        _modified(ctx, caller, "slurmdb_users_modify", cond, rec)
    return not ctx.rc


def _post_users(ctx):
    body = parse_body(ctx, "users")
    if body is None:
        return None
    with CLists(ctx.slurm.ffi, ctx.slurm.lib) as lists:
        for user in body.get("users") or ():
            if not _update_user(ctx, lists, user):
                break
    return None


def _post_clusters(ctx):
    body = parse_body(ctx, "clusters")
    if body is not None and add_clusters(ctx, body.get("clusters") or []):
        _commit(ctx, "update_clusters")  # even after an error the parse reported (an unknown flag), as the reference
    return None


def add_clusters(ctx, clusters):
    """update_clusters(): every cluster parsed in one slurmdb_clusters_add(); False after reporting
    a failure (also POST config's first step)."""
    from ...parsers.parsing import CONVERSION_FAILED

    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    for i, cluster in enumerate(clusters):
        if cluster.get("tres"):  # its TRES are named by type and name: not read yet (README)
            ctx.error(CONVERSION_FAILED, f"#/clusters[{i}]/tres/", "slurmrestd-py does not read this field yet",
                      "Unable to convert Data type")
            return False
    with CLists(ffi, lib) as lists:
        c_list = lists.new()
        for cluster in clusters:
            rec = lists.keep(ffi.new("slurmdb_cluster_rec_t *"))
            lib.slurmdb_init_cluster_rec(rec, False)
            for field in ("control_host", "name", "nodes"):
                if field in cluster:
                    setattr(rec, field, lists.cstr(cluster[field]))
            for field in ("control_port", "flags", "rpc_version"):
                if field in cluster:
                    setattr(rec, field, cluster[field] & (0xFFFF if field == "rpc_version" else 0xFFFFFFFF))
            lib.slurm_list_append(c_list, rec)
        return query_rc(ctx, "update_clusters", "slurmdb_clusters_add", c_list)


def _commit(ctx, caller):
    """The reference's db_query_commit(): commit now, a failure an error of the request."""
    db = connection(ctx)
    rc = ctx.slurm.lib.slurmdb_connection_commit(db._db("slurmdb_connection_commit"), True)
    if rc:
        ctx.error(rc, caller, f"slurmdb_connection_commit{_address(ctx, db, '()')} failed")


INVALID_QUERY = 9000  # ESLURM_REST_INVALID_QUERY


def _qos_rec(ctx, lists, qos):
    """A QOS record as the reference's parser makes one (slurmdb_init_qos_rec(NO_VAL), flags 0,
    preemption off), with the body's fields; TRES already strings, preemption QOS ids."""
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    rec = lists.keep(ffi.new("slurmdb_qos_rec_t *"))
    lib.slurmdb_init_qos_rec(rec, False, lib.NO_VAL)
    rec.flags = 0
    rec.preempt_mode = lib.PREEMPT_MODE_OFF
    for field, value in qos.items():
        if field == "preempt_names":
            rec.preempt_list = lists.strings(value)
        elif value is None:
            continue  # an empty TRES list: no change
        elif isinstance(value, str):
            setattr(rec, field, lists.cstr(value))
        else:
            setattr(rec, field, value)
    return rec


def _update_qos(ctx, lists, qos):
    """_foreach_update_qos(): the QOS of the body's id and/or name is modified, or added when
    there is none (a new one needs a name, and no id). False once the request has failed."""
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    caller = "_foreach_update_qos"
    cond = lists.keep(ffi.new("slurmdb_qos_cond_t *"))
    qos_id, name = qos.get("id", 0), qos.get("name")
    found = None
    if qos_id or name is not None:
        if qos_id:
            cond.id_list = lists.strings([str(qos_id)])
        if name is not None:
            cond.name_list = lists.strings([name])
        records = query_list(ctx, caller, "slurmdb_qos_get", cond, "slurmdb_qos_rec_t *", ignore_empty=True)
        if records and len(records) == 1:
            found = records[0]
    if found is None and qos_id:
        ctx.error(INVALID_QUERY, caller, "QOS was not found for the requested ID")
    elif found is None and name is None:
        ctx.error(INVALID_QUERY, caller, "Cannot create a QOS without a name")
    elif found is None:
        c_list = lists.new()
        lib.slurm_list_append(c_list, _qos_rec(ctx, lists, qos))
        if not query_rc(ctx, caller, "slurmdb_qos_add", c_list):
            return False
    else:
        if not qos_id:
            qos = {**qos, "id": found["id"]}
        if not _modified(ctx, caller, "slurmdb_qos_modify", cond, _qos_rec(ctx, lists, qos)):
            return False
    return not ctx.rc


def _post_qos(ctx):
    body = parse_body(ctx, "qos")
    if body is None or not body.get("qos"):  # (no list: nothing to do, as the reference)
        return None
    with CLists(ctx.slurm.ffi, ctx.slurm.lib) as lists:
        for qos in body["qos"]:
            if not _update_qos(ctx, lists, qos):
                break
    return None


_ASSOC_KEYS = ("acct", "cluster", "partition", "user")
_ASSOC_TRES = ("grp_tres", "grp_tres_mins", "grp_tres_run_mins", "max_tres_mins_pj", "max_tres_run_mins",
               "max_tres_pj", "max_tres_pn")
# what a modify sends as the body gave it (the parser's new record: NO_VAL when not given)
_ASSOC_GIVEN = ("def_qos_id", "grp_jobs", "grp_jobs_accrue", "grp_submit_jobs", "grp_wall", "is_def", "max_jobs",
                "max_jobs_accrue", "max_submit_jobs", "max_wall_pj", "min_prio_thresh", "priority", "shares_raw")
# what a modify keeps of the association found
_ASSOC_FOUND = ("comment", "flags", "id", "lineage")


def _assoc_rec(ctx, lists, fields):
    """slurmdb_init_assoc_rec() then `fields` (C field names: strings, numbers, qos_list ids)."""
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    rec = lists.keep(ffi.new("slurmdb_assoc_rec_t *"))
    lib.slurmdb_init_assoc_rec(rec, False)
    for field, value in fields.items():
        if field == "accounting_list" or not hasattr(rec, field):
            continue
        if field == "qos_list":
            rec.qos_list = ffi.NULL if value is None else lists.strings(value)
        elif value is None or isinstance(value, str):
            setattr(rec, field, lists.cstr(value))
        else:
            setattr(rec, field, value)
    return rec


def _diff_tres(current, wanted):
    """_diff_tres(): the TRES changes that turn `current` into `wanted` ("id=count" strings):
    counts of the TRES wanted, INFINITE64 ("remove") for the others."""
    if not current:
        return wanted
    have, want = tres_counts(current), tres_counts(wanted or "")
    out = {i: want.get(i, 0xFFFFFFFFFFFFFFFF) for i in have}
    for i, count in want.items():
        out.setdefault(i, count)
    return ",".join(f"{i}={c}" for i, c in out.items())


def _diff_assoc(found, wanted):
    """_diff_assoc(): the association found, with what the body gives."""
    out = {k: wanted.get(k) if wanted.get(k) is not None else found.get(k) for k in _ASSOC_KEYS}
    out.update({k: found[k] for k in _ASSOC_FOUND if k in found})
    out.update({k: wanted[k] for k in _ASSOC_GIVEN if k in wanted})
    for k in _ASSOC_TRES:
        out[k] = _diff_tres(found.get(k), wanted.get(k))
    parent = wanted.get("parent_acct")
    out["parent_acct"] = parent if parent and parent != found.get("parent_acct") else None
    out["qos_list"] = wanted["qos_list"] if wanted.get("qos_list") is not None else found.get("qos_list")
    return out


def _update_assoc(ctx, lists, assoc):
    """_foreach_update_assoc(): the association of exactly this account, cluster, partition and
    user is modified, or added when there is none. False when the loop stops."""
    from ...slurm.slurmdb_copy import assoc as copy_assoc

    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    caller = "_foreach_update_assoc"
    if assoc.get("parent_acct") == "":
        assoc["parent_acct"] = None
    cond = lists.keep(ffi.new("slurmdb_assoc_cond_t *"))
    cond.acct_list = lists.strings([assoc.get("acct") or ""])
    cond.cluster_list = lists.clusters([assoc.get("cluster") or ""])
    cond.partition_list = lists.strings([assoc.get("partition") or ""])
    cond.user_list = lists.strings([assoc.get("user") or ""])
    found = query_list(ctx, caller, "slurmdb_associations_get", cond, "slurmdb_assoc_rec_t *", ignore_empty=True,
                       extras=copy_assoc)
    if not found:
        c_list = lists.new()
        lib.slurm_list_append(c_list, _assoc_rec(ctx, lists, assoc))
        query_rc(ctx, caller, "slurmdb_associations_add", c_list)
        return True  # (its failure fails the request, yet the next items are still tried)
    if len(found) > 1:
        ctx.error(AMBIGUOUS_MODIFY, caller, "ambiguous association modify request")
        return False
    return _modified(ctx, caller, "slurmdb_associations_modify", cond,
                     _assoc_rec(ctx, lists, _diff_assoc(found[0], assoc)))


def _post_associations(ctx):
    body = parse_body(ctx, "associations")
    if body is None:
        return None
    with CLists(ctx.slurm.ffi, ctx.slurm.lib) as lists:
        for assoc in body.get("associations") or ():
            if not _update_assoc(ctx, lists, assoc):
                break
    return None


AMBIGUOUS_QUERY = 9211  # ESLURM_DATA_AMBIGUOUS_QUERY


def _add_assoc_cond(ctx, lists, add):
    """slurmdb_add_assoc_cond_t: slurmdb_init_add_assoc_cond(), then the body's lists and the
    association's limits."""
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    cond = lists.keep(ffi.new("slurmdb_add_assoc_cond_t *"))
    lib.slurmdb_init_add_assoc_cond(cond, False)
    for field in ("acct_list", "cluster_list", "partition_list", "user_list", "wckey_list"):
        if add.get(field) is not None:
            setattr(cond, field, lists.clusters(add[field]) if field == "cluster_list" else lists.strings(add[field]))
    for field, value in (add.get("assoc") or {}).items():
        if field == "qos_list":
            cond.assoc.qos_list = lists.strings(value)
        elif value is None or isinstance(value, str):
            setattr(cond.assoc, field, lists.cstr(value))
        else:
            setattr(cond.assoc, field, value)
    return cond


def _add_cond(ctx, func, cond, rec):
    """A slurmdb_*_add_cond(): (errno, the names added as slurmdbd wrote them, or None)."""
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    db = connection(ctx)
    conn = db._db(func)
    db._wrote = True
    ffi.errno = 0
    out = getattr(lib, func)(conn, cond, rec)
    rc = ffi.errno
    return rc, (None if out == ffi.NULL else ffi.string(out).decode("utf-8", "replace"))


def _post_accounts_association(ctx):
    """_add_accounts_association(): the accounts added with their associations on the clusters,
    committed when slurmdbd succeeded; the names added are answered either way."""
    body = parse_body(ctx, "accounts_add_cond")
    if body is None:
        return None
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    with CLists(ffi, lib) as lists:
        acct = lists.keep(ffi.new("slurmdb_account_rec_t *"))
        account = body.get("acct") or {}
        acct.description = lists.cstr(account.get("description"))
        acct.organization = lists.cstr(account.get("organization"))
        acct.assoc_list, acct.coordinators = lists.new(), lists.new()
        rc, added = _add_cond(ctx, "slurmdb_accounts_add_cond", _add_assoc_cond(ctx, lists, body.get("add_assoc") or {}),
                              acct)
    if rc:
        ctx.error(rc, "_add_accounts_association", "slurmdb_accounts_add_cond() failed")
    else:
        _commit(ctx, "_add_accounts_association")
    return {"added_accounts": added}


def _post_users_association(ctx):
    """_add_users_association(): the users added with associations to the accounts (the default
    account when none is listed) or wckeys, committed when slurmdbd succeeded."""
    body = parse_body(ctx, "users_add_cond")
    if body is None:
        return None
    add, user = dict(body.get("add_assoc") or {}), body.get("user") or {}
    if user.get("default_acct") and not add.get("acct_list"):
        add["acct_list"] = [a for a in user["default_acct"].split(",") if a]
    if user.get("default_wckey") and not add.get("wckey_list"):
        add["wckey_list"] = [w for w in user["default_wckey"].split(",") if w]
    if not add.get("acct_list") and not add.get("wckey_list"):
        ctx.error(AMBIGUOUS_QUERY, "_add_users_association", "Need name of account(s) or wckey(s) to add")
        return {"added_users": None}
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    with CLists(ffi, lib) as lists:
        rec = lists.keep(ffi.new("slurmdb_user_rec_t *"))
        rec.admin_level = user.get("admin_level", 0)
        rec.default_acct = lists.cstr(user.get("default_acct"))
        rec.default_wckey = lists.cstr(user.get("default_wckey"))
        if "def_qos_id" in user:  # v0.0.44 on; a user record has a default QOS from 26.05 only
            if not hasattr(rec, "def_qos_id"):
                from ...parsers.parsing import CONVERSION_FAILED

                ctx.error(CONVERSION_FAILED, "#/user/defaultqos", "this release's slurmdbd keeps no default QOS of a user",
                          "Unable to convert Data type")
                return {"added_users": None}
            rec.def_qos_id = user["def_qos_id"]
        rec.assoc_list, rec.coord_accts = lists.new(), lists.new()
        rc, added = _add_cond(ctx, "slurmdb_users_add_cond", _add_assoc_cond(ctx, lists, add), rec)
    if rc:
        ctx.error(rc, "slurmdb_users_add_cond", "(null)" if added is None else added)
    else:
        _commit(ctx, "_add_users_association")
    return {"added_users": added}


post_accounts_association = Operation(_post_accounts_association, kind="accounts_add_cond_str",
                                      body=("accounts_add_cond", "Add list of accounts with conditional association"))
post_users_association = Operation(_post_users_association, kind="users_add_cond_str", query="partitions",
                                   body=("users_add_cond", "Create users with conditional association"))
post_associations = Operation(_post_associations, body=("associations", "Job description"))
post_qos = Operation(_post_qos, query="qos", body=("qos", "Description of QOS to add or update"))
post_clusters = Operation(_post_clusters, query="clusters", body=("clusters", "Cluster add or update descriptions"))
post_users = Operation(_post_users, body=("users", "add or update user"))
post_accounts = Operation(_post_accounts, body=("accounts", "Description of accounts to update/create"))
