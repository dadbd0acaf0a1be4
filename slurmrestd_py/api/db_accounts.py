"""slurmdbd accounts, users and associations: GET, POST (add; associations also modify), DELETE."""
from . import Operation
from .db import (ESLURM_REST_INVALID_QUERY, Reply, body_list, each_dict, field, lookup, posting,
                 uint32_field, with_deleted)
from .db_parse import ACCOUNT, ASSOC, USER, Env, Fail, admin_level
from ..slurm.convert import INFINITE64, tres_counts
from ..slurm.slurmdb import DbError


# -- accounts --------------------------------------------------------------------------------
def _accounts(ctx):
    if ctx.request.method == "POST":
        return posting(post_accounts)(ctx)
    r = Reply(ctx)
    flag = with_deleted(r, strict=False)  # a bad field is reported; the accounts are listed all the same
    r.data["accounts"] = []
    r.data["accounts"] = ctx.plugin.render("account", r.call(r.db.accounts, None, bool(flag)))
    return r.done()


def _account(ctx):
    r = Reply(ctx)
    name = ctx.params["account_name"]
    flag = with_deleted(r)
    r.data["accounts"] = []
    r.data["accounts"] = ctx.plugin.render("account", r.call(r.db.accounts, [name], flag))
    return r.done()


def post_accounts(r, commit):
    items = body_list(r, "accounts")
    lenient = r.ctx.plugin.rule("lenient_parser")
    accounts = []
    for item in items or ():
        if not isinstance(item, dict):
            r.error(ESLURM_REST_INVALID_QUERY, "each account entry must be a dictionary")
            r.fail(ESLURM_REST_INVALID_QUERY)
        if lenient:
            account = {path: field(r, item, path) for path in ("name", "description", "organization")}
        else:
            account = r.parse(ACCOUNT, item, Env())
            account.pop("coordinators", None)  # parsed, yet slurmdbd adds none with an account
        if not r.ctx.plugin.rule("no_account_defaults"):
            # sacctmgr's defaults: organization and description are the name when absent
            for key in ("description", "organization"):
                if account.get(key) is None:
                    account[key] = account.get("name")
        accounts.append(account)
    r.call(r.db.add_accounts, accounts)
    if commit:
        r.call(r.db.commit)


def _delete_account(ctx):
    """A failed remove is reported, not failed: the reference's code ignores it and commits."""
    r = Reply(ctx)
    try:
        r.data["removed_associations"] = r.db.remove_account(ctx.params["account_name"])
    except DbError as e:
        # The reference notes a failed removal (nothing found, slurmdbd down), commits all the
        # same and answers with the commit's code: 200 when slurmdbd is there.
        r.errors.extend(e.entries())
    r.call(r.db.commit)
    return r.done()


# -- users -----------------------------------------------------------------------------------
def _users(ctx):
    r = Reply(ctx)
    if ctx.request.method == "POST":
        return posting(post_users)(ctx)
    flag = with_deleted(r)
    r.data["users"] = []
    r.data["users"] = ctx.plugin.render("user", r.call(r.db.users, None, flag))
    return r.done()


def _user(ctx):
    r = Reply(ctx)
    flag = with_deleted(r)
    r.data["users"] = []
    try:
        users = r.call(r.db.users, ctx.params["user_name"], flag)
    except DbError:
        if ctx.plugin.rule("user_op_quirks"):
            r.fail(ESLURM_REST_INVALID_QUERY)  # its handler's final code, whatever went wrong
        raise
    r.data["users"] = ctx.plugin.render("user", users)
    return r.done()


def post_users(r, commit):
    """Users, then each one's direct coordinator accounts (one slurmdb_coord_add per user), in the
    reference's order; any failure rolls all of it back."""
    items = body_list(r, "users")
    if items is None:
        r.fail(ESLURM_REST_INVALID_QUERY)
    lenient = r.ctx.plugin.rule("lenient_parser")
    users = []
    for item in items:
        if not isinstance(item, dict):
            r.error(2036, "each user entry must be a dictionary")  # ESLURM_NOT_SUPPORTED
            r.fail(ESLURM_REST_INVALID_QUERY)
        user = _lenient_user(r, item) if lenient else r.parse(USER, item, Env())
        coordinators = user.pop("coordinators", None)
        if coordinators:  # an empty list is no list, as the reference splits them out
            user["coordinators"] = [c["name"] for c in coordinators if c.get("direct")]
        users.append(user)
    r.call(r.db.add_users, users)
    if commit:
        r.call(r.db.commit)


def _lenient_user(r, item):
    """An older version's user: no field is missing, a bad optional one is left unset."""
    user = {"name": field(r, item, "name", required=True),
            "default_acct": field(r, item, "default/account"),
            "default_wckey": field(r, item, "default/wckey")}
    level = lookup(item, "administrator_level", _ABSENT)
    if level is not _ABSENT:
        try:
            user["admin_level"] = admin_level(level, None, r.errors, "administrator_level")
        except Fail:
            user["admin_level"] = 0  # unset, as the failed parse left it
    return user


def _delete_user(ctx):
    r = Reply(ctx)
    if ctx.plugin.rule("user_op_quirks"):
        r.fail(ESLURM_REST_INVALID_QUERY)  # its handler never reaches the delete
    r.data["removed_users"] = r.call(r.db.remove_user, ctx.params["user_name"])
    r.call(r.db.commit)
    return r.done()


# -- associations ----------------------------------------------------------------------------
_FILTERS = ("partition", "cluster", "account", "user")


def _filters(ctx, one=False):
    """The reference's association query: comma lists of partition, cluster, account, user. A
    version whose filters are single values takes each as it is (`one`: the single association
    operations; the list one reads no query at all)."""
    out = {}
    if ctx.plugin.rule("association_single_filters"):
        if one:
            out = {key: [ctx.query(key)] for key in _FILTERS if ctx.query(key) is not None}
            if ctx.request.method == "DELETE":
                out.setdefault("account", [None])
                out.setdefault("user", [None])
        return out
    for key in _FILTERS:
        value = ctx.query(key)
        if value is not None:
            out[key] = [v for v in value.split(",") if v]
    return out


def _associations(ctx):
    if ctx.request.method == "POST":
        return posting(post_associations)(ctx)
    if ctx.request.method == "DELETE":
        return _delete_associations(ctx)
    return _dump_associations(ctx, only_one=False)


def _association(ctx):
    if ctx.request.method == "DELETE":
        return _delete_associations(ctx, only_one=True)
    return _dump_associations(ctx, only_one=True)


def _single(ctx, only_one):
    """Whether a single association operation refuses to touch more than one (versions with
    single-valued filters do not check)."""
    return only_one and not ctx.plugin.rule("association_single_filters")


def _dump_associations(ctx, only_one):
    r = Reply(ctx)
    records = r.call(r.db.associations_records, only_one=_single(ctx, only_one),
                     **association_query(ctx, only_one))
    r.data["associations"] = ctx.plugin.render("association", records)
    return r.done()


def association_query(ctx, one=False):
    """associations_records() arguments for this request's version: filters, and how a version
    that lists deleted associations and their QOS ids asks for them."""
    return {"with_deleted": bool(ctx.plugin.rule("always_with_deleted")) and not one,
            "qos_ids": bool(ctx.plugin.rule("association_qos_ids")), **_filters(ctx, one)}


def _delete_associations(ctx, only_one=False):
    r = Reply(ctx)
    older = ctx.plugin.rule("association_single_filters")
    if not older:  # that code sets it only on success
        r.data["removed_associations"] = []
    try:
        removed = r.db.remove_associations(**_filters(ctx, only_one))
    except DbError as e:  # the newest adds its own entry after the call's
        r.errors.extend(e.entries())
        if not older:
            r.error(e.rc, "unable to query associations")
        r.fail(e.rc)
    if _single(ctx, only_one) and len(removed) > 1:
        r.error(ESLURM_REST_INVALID_QUERY,
                "ambiguous request: More than 1 association would have been deleted.")
        r.fail(ESLURM_REST_INVALID_QUERY)
    r.data["removed_associations"] = removed
    r.call(r.db.commit)
    return r.done()


_ASSOC_NUMBERS = (("shares_raw", "shares_raw"), ("priority", "priority"),
                  ("max/jobs/active", "max_jobs"), ("max/jobs/total", "max_submit_jobs"))


def _add_associations_only(r, commit):
    """A version that only adds: every association in one call, unlooked-up."""
    ctx = r.ctx
    lenient = ctx.plugin.rule("lenient_parser")
    items = body_list(r, "associations")
    r.call(r.db.tres)  # as the reference: TRES and QOS are read (and fail) before the items
    r.call(r.db.all_qos)
    pending = []
    for item in items or ():  # no list: reported, and nothing is added
        if not isinstance(item, dict):
            r.error(ESLURM_REST_INVALID_QUERY, "Associations must be a list of dictionaries")
            r.fail(ESLURM_REST_INVALID_QUERY)
        for required in ("account", "user"):
            if required not in item and not lenient:
                r.error(0, f"Missing required field '{required}'", "_parser_run")
                r.fail(ESLURM_REST_INVALID_QUERY)
        try:
            assoc = {"acct": field(r, item, "account", required=True),
                     "cluster": field(r, item, "cluster"),
                     "partition": field(r, item, "partition"),
                     "user": field(r, item, "user", required=True),
                     "parent_acct": field(r, item, "parent_account")}
        except ValueError:
            r.error(9001, "Failed to parse field", "_parser_run")
            r.fail(ESLURM_REST_INVALID_QUERY)
        for path, name in _ASSOC_NUMBERS:
            if lenient:
                if lookup(item, path, _ABSENT) is not _ABSENT:
                    value = field(r, item, path, uint32_field)
                    if value is not None:
                        assoc[name] = value
                continue
            value = lookup(item, path)
            if value is not None:
                if not isinstance(value, int) or isinstance(value, bool):
                    r.error(9001, f"Failed to parse field '{path}'", "_parser_run")
                    r.fail(ESLURM_REST_INVALID_QUERY)
                assoc[name] = value
        pending.append(assoc)
    r.call(r.db.add_associations, pending)
    if commit:
        r.call(r.db.commit)


def post_associations(r, commit):
    """Each association is modified when one matches its account, cluster, partition and user
    exactly, added otherwise. Without an "associations" list the reference reports it and succeeds."""
    if r.ctx.plugin.rule("association_add_only"):
        return _add_associations_only(r, commit)
    items = body_list(r, "associations")
    if items is None:
        if commit:
            r.call(r.db.commit)
        return
    env = Env(r.call(r.db.tres), r.call(r.db.all_qos))
    for item in each_dict(r, items, "Associations must be a list of dictionaries"):
        fields = r.parse(ASSOC, item, env)
        key = {k: fields.get(k) for k in ("acct", "cluster", "partition", "user")}
        found = r.db.associations_matching(key)
        if not found:
            r.item(r.db.add_associations, [fields])
        elif len(found) > 1:
            r.error(ESLURM_REST_INVALID_QUERY, "ambiguous modify request", "slurmdb_associations_get")
            r.fail(ESLURM_REST_INVALID_QUERY)
        else:
            r.item(r.db.modify_association, key, _assoc_change(found[0], fields, r.db.ASSOC_TRES))
    if commit:
        r.call(r.db.commit)


def _assoc_change(current, wanted, tres_fields):
    """The reference's _diff_assoc(): slurmdbd modifies with a diff, not the state wanted. Numbers
    are sent as given (unset ones mean "no change"), names and QOS kept unless given, and each TRES
    limit becomes the changes that turn the current one into the one wanted."""
    out = {k: v for k, v in wanted.items() if k != "flags"}  # the reference skips flags
    for key, value in current.items():
        if key in tres_fields:
            out[key] = _tres_change(value, wanted.get(key))
        elif out.get(key) is None and value is not None:
            out[key] = value
    return out


def _tres_change(current, wanted):
    """_diff_tres(): counts of the TRES wanted, and INFINITE64 ("remove") for the others.

    A limit not given is left as it is (the reference would dereference a NULL list here)."""
    if not current or wanted is None:
        return wanted
    have, want = tres_counts(current), tres_counts(wanted)
    for tres_id in have:
        have[tres_id] = want.get(tres_id, INFINITE64)
    for tres_id, count in want.items():
        have.setdefault(tres_id, count)
    return ",".join(f"{i}={c}" for i, c in have.items())


_ABSENT = object()


accounts = Operation(_accounts, {"accounts": []})
account = Operation(_account, {"accounts": []})
delete_account = Operation(_delete_account, {})
users = Operation(_users, {"users": []})
user = Operation(_user, {"users": []})
delete_user = Operation(_delete_user, {})
associations = Operation(_associations)
association = Operation(_association)
