"""slurmdb GET users/ and user/{name} (the reference's op_handler_users and op_handler_user; both
list through its _dump_users)."""
from ...parsers import queries
from ...parsers.tables.users import QUERY_STRUCTS
from .. import Operation
from ..db import connection
from .db import query_list, query_removed

ESLURM_USER_ID_MISSING = 2011


def records(ctx, cond, caller):
    """The users of `cond`, or None after reporting the failure (also GET config's)."""
    from ...slurm.slurmdb_copy import user

    return query_list(ctx, caller, "slurmdb_users_get", cond, "slurmdb_user_rec_t *", extras=user)


def _dump(ctx, cond):
    found = records(ctx, cond, "_dump_users")
    return None if found is None else {"users": found}


def _users(ctx):
    query = queries.parse(ctx, "users", ctx.parser.rules.source("users"), struct=QUERY_STRUCTS["users"],
                          quiet=True)
    if query is None:
        return None
    ffi = ctx.slurm.ffi
    cond = ffi.new("slurmdb_user_cond_t *", {
        "admin_level": query["admin_level"], "with_assocs": query["with_assocs"],
        "with_coords": query["with_coords"], "with_deleted": query["with_deleted"],
        "with_wckeys": query["with_wckeys"], "without_defaults": query["without_defaults"]})
    with connection(ctx).c_lists() as lists:
        if query["default_account"]:
            cond.def_acct_list = lists.strings(query["default_account"])
        if query["default_wckey"]:
            cond.def_wckey_list = lists.strings(query["default_wckey"])
        return _dump(ctx, cond)


def _user(ctx):
    name = ctx.params["name"] if "name" in ctx.params else ctx.params["user_name"]  # v0.0.39: user/{user_name}
    if not name:
        ctx.error(ESLURM_USER_ID_MISSING, ctx.parser.rules.source("user"),
                  "User name must be provided for singular query")
        return None
    query = queries.parse(ctx, "user", ctx.parser.rules.source("user"), struct=QUERY_STRUCTS["user"],
                          quiet=True)
    if query is None:
        return None
    ffi = ctx.slurm.ffi
    assoc_cond = ffi.new("slurmdb_assoc_cond_t *")
    cond = ffi.new("slurmdb_user_cond_t *", {
        "assoc_cond": assoc_cond, "with_assocs": query["with_assocs"], "with_coords": query["with_coords"],
        "with_deleted": query["with_deleted"], "with_wckeys": query["with_wckeys"]})
    with connection(ctx).c_lists() as lists:
        assoc_cond.user_list = lists.strings([name])
        return _dump(ctx, cond)


def _delete_user(ctx):
    name = ctx.params["name"] if "name" in ctx.params else ctx.params["user_name"]  # v0.0.39: user/{user_name}
    if not name:
        ctx.error(ESLURM_USER_ID_MISSING, ctx.parser.rules.source("user", "DELETE"),
                  "User name must be provided for singular query")
        return None
    ffi = ctx.slurm.ffi
    assoc_cond = ffi.new("slurmdb_assoc_cond_t *")
    cond = ffi.new("slurmdb_user_cond_t *", {"assoc_cond": assoc_cond})
    with connection(ctx).c_lists() as lists:
        assoc_cond.user_list = lists.strings([name])
        removed = query_removed(ctx, "_delete_user", "slurmdb_users_remove", cond)
    return None if removed is None else {"removed_users": removed}


users = Operation(_users, kind="users")
delete_user = Operation(_delete_user, kind="user_delete")
user = Operation(_user, kind="user")
