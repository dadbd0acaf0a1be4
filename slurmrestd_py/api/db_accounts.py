"""slurmdbd accounts, users and associations: GET, POST (add), DELETE."""
from . import Operation
from ..slurm.slurmdb import DbError
from .db import (ESLURM_REST_INVALID_QUERY, Reply, body_list, string_field, with_deleted)


# -- accounts --------------------------------------------------------------------------------
def _accounts(ctx):
    if ctx.request.method == "POST":
        return _add_accounts(ctx)
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


def _add_accounts(ctx):
    r = Reply(ctx)
    items = body_list(r, "accounts")
    accounts = []
    for item in items or ():
        if not isinstance(item, dict):
            r.error(ESLURM_REST_INVALID_QUERY, "each account entry must be a dictionary")
            r.fail(ESLURM_REST_INVALID_QUERY)
        try:
            name = string_field(item.get("name"))
            desc = string_field(item.get("description"))
            org = string_field(item.get("organization"))
        except ValueError:
            r.error(0, "Failed to parse field", "_parser_run")
            r.fail(ESLURM_REST_INVALID_QUERY)
        # sacctmgr's defaults: organization and description are the name when absent
        accounts.append({"name": name, "description": desc if desc is not None else name,
                         "organization": org if org is not None else name})
    r.call(r.db.add_accounts, accounts)
    r.call(r.db.commit)
    return r.done()


def _delete_account(ctx):
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
        return _add_users(ctx)
    flag = with_deleted(r)
    r.data["users"] = []
    r.data["users"] = ctx.plugin.render("user", r.call(r.db.users, None, flag))
    return r.done()


def _user(ctx):
    r = Reply(ctx)
    flag = with_deleted(r)
    r.data["users"] = []
    r.data["users"] = ctx.plugin.render("user", r.call(r.db.users, ctx.params["user_name"], flag))
    return r.done()


_ADMIN_LEVELS = {"none": 1, "operator": 2, "administrator": 3, "admin": 3}


def _add_users(ctx):
    r = Reply(ctx)
    items = body_list(r, "users")
    if items is None:
        r.fail(ESLURM_REST_INVALID_QUERY)
    users = []
    for item in items:
        if not isinstance(item, dict):
            r.error(1002, "each user entry must be a dictionary")  # ESLURM_NOT_SUPPORTED
            r.fail(ESLURM_REST_INVALID_QUERY)
        if "name" not in item:
            r.error(0, "Missing required field 'name'", "_parser_run")
            r.fail(ESLURM_REST_INVALID_QUERY)
        default = item.get("default") if isinstance(item.get("default"), dict) else {}
        try:
            user = {"name": string_field(item["name"]),
                    "default_acct": string_field(default.get("account")),
                    "default_wckey": string_field(default.get("wckey"))}
        except ValueError:
            r.error(0, "Failed to parse required field 'name'", "_parser_run")
            r.fail(ESLURM_REST_INVALID_QUERY)
        if "administrator_level" in item:
            level = _ADMIN_LEVELS.get(str(item["administrator_level"]).lower())
            if level is None:
                r.error(9001, "Failed to parse field 'administrator_level'", "_parser_run")
                r.fail(ESLURM_REST_INVALID_QUERY)
            user["admin_level"] = level
        users.append(user)
    r.call(r.db.add_users, users)
    r.call(r.db.commit)
    return r.done()


def _delete_user(ctx):
    r = Reply(ctx)
    r.data["removed_users"] = r.call(r.db.remove_user, ctx.params["user_name"])
    r.call(r.db.commit)
    return r.done()


# -- associations ----------------------------------------------------------------------------
_FILTERS = ("partition", "cluster", "account", "user")


def _filters(ctx):
    """The reference's association query: comma lists of partition, cluster, account, user."""
    out = {}
    for key in _FILTERS:
        value = ctx.query(key)
        if value is not None:
            out[key] = [v for v in value.split(",") if v]
    return out


def _associations(ctx):
    if ctx.request.method == "POST":
        return _add_associations(ctx)
    return _dump_associations(ctx, only_one=False)


def _association(ctx):
    if ctx.request.method == "DELETE":
        return _delete_associations(ctx, only_one=True)
    return _dump_associations(ctx, only_one=True)


def _dump_associations(ctx, only_one):
    r = Reply(ctx)
    records = r.call(r.db.associations_records, only_one=only_one, **_filters(ctx))
    r.data["associations"] = ctx.plugin.render("association", records)
    return r.done()


def _delete_associations(ctx, only_one=False):
    r = Reply(ctx)
    r.data["removed_associations"] = []
    try:
        removed = r.db.remove_associations(**_filters(ctx))
    except DbError as e:  # the reference adds its own entry after the call's
        r.errors.extend(e.entries())
        r.error(e.rc, "unable to query associations")
        r.fail(e.rc)
    if only_one and len(removed) > 1:
        r.error(ESLURM_REST_INVALID_QUERY,
                "ambiguous request: More than 1 association would have been deleted.")
        r.fail(ESLURM_REST_INVALID_QUERY)
    r.data["removed_associations"] = removed
    r.call(r.db.commit)
    return r.done()


_ASSOC_NUMBERS = (("shares_raw", "shares_raw"), ("priority", "priority"),
                  ("max/jobs/active", "max_jobs"), ("max/jobs/total", "max_submit_jobs"))


def _add_associations(ctx):
    """Each association is added when no exact match exists (the reference also modifies one that
    does; we support adding only and report a modify as unsupported)."""
    r = Reply(ctx)
    items = body_list(r, "associations")
    if items is None:
        r.fail(ESLURM_REST_INVALID_QUERY)
    r.call(r.db.tres)  # as the reference: TRES and QOS are read (and fail) before the items
    r.call(r.db.all_qos)
    for item in items:
        if not isinstance(item, dict):
            r.error(ESLURM_REST_INVALID_QUERY, "Associations must be a list of dictionaries")
            r.fail(ESLURM_REST_INVALID_QUERY)
        for required in ("account", "user"):
            if required not in item:
                r.error(0, f"Missing required field '{required}'", "_parser_run")
                r.fail(ESLURM_REST_INVALID_QUERY)
        try:
            assoc = {"acct": string_field(item.get("account")),
                     "cluster": string_field(item.get("cluster")),
                     "partition": string_field(item.get("partition")),
                     "user": string_field(item.get("user")),
                     "parent_acct": string_field(item.get("parent_account"))}
        except ValueError:
            r.error(9001, "Failed to parse field", "_parser_run")
            r.fail(ESLURM_REST_INVALID_QUERY)
        for path, field in _ASSOC_NUMBERS:
            value = _lookup(item, path)
            if value is not None:
                if not isinstance(value, int) or isinstance(value, bool):
                    r.error(9001, f"Failed to parse field '{path}'", "_parser_run")
                    r.fail(ESLURM_REST_INVALID_QUERY)
                assoc[field] = value
        found = r.db.associations_exist(assoc["acct"], assoc["cluster"], assoc["partition"],
                                        assoc["user"])
        if found > 1:
            r.error(ESLURM_REST_INVALID_QUERY, "ambiguous modify request", "slurmdb_associations_get")
            r.fail(ESLURM_REST_INVALID_QUERY)
        if found == 1:
            r.error(1002, "modifying an association is not supported by slurmrestd-py",
                    "slurmdb_associations_modify")
            r.fail(1002)
        r.call(r.db.add_association, assoc)
    r.call(r.db.commit)
    return r.done()


def _lookup(item, path):
    for key in path.split("/"):
        if not isinstance(item, dict):
            return None
        item = item.get(key)
    return item


accounts = Operation(_accounts, {"accounts": []})
account = Operation(_account, {"accounts": []})
delete_account = Operation(_delete_account, {})
users = Operation(_users, {"users": []})
user = Operation(_user, {"users": []})
delete_user = Operation(_delete_user, {})
associations = Operation(_associations)
association = Operation(_association)

FAMILY = "slurmdb"
OPERATIONS = (
    ("GET", "accounts", accounts),
    ("POST", "accounts", accounts),
    ("GET", "account/{account_name}", account),
    ("DELETE", "account/{account_name}", delete_account),
    ("GET", "users", users),
    ("POST", "users", users),
    ("GET", "user/{user_name}", user),
    ("DELETE", "user/{user_name}", delete_user),
    ("GET", "associations", associations),
    ("POST", "associations", associations),
    ("GET", "association", association),
    ("DELETE", "association", association),
)
