"""slurmdb GET accounts/ and account/{account_name} (the reference's op_handler_accounts and
op_handler_account; both list through its _dump_accounts)."""
from ...parsers import queries
from ...parsers.tables.accounts import QUERY_STRUCTS
from .. import Operation
from ..db import connection
from .db import query_list, query_removed


def records(ctx, cond, caller):
    """The accounts of `cond`, or None after reporting the failure (also GET config's)."""
    from ...slurm.slurmdb_copy import account

    return query_list(ctx, caller, "slurmdb_accounts_get", cond, "slurmdb_account_rec_t *", extras=account)


def _dump(ctx, cond):
    found = records(ctx, cond, "_dump_accounts")
    return None if found is None else {"accounts": found}


def _accounts(ctx):
    query = queries.parse(ctx, "accounts", ctx.parser.rules.source("accounts"), struct=QUERY_STRUCTS["accounts"],
                          quiet=True)
    if query is None:
        return None
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    cond = ffi.new("slurmdb_account_cond_t *")
    # v0.0.40 names the switches with_*, later versions by their flags
    lib.srpy_account_cond_with(cond, query.get("with_assocs") or query.get("WithAssociations", False),
                               query.get("with_coords") or query.get("WithCoordinators", False),
                               query.get("with_deleted") or query.get("DELETED", False))
    with connection(ctx).c_lists() as lists:
        if query["description"]:
            cond.description_list = lists.strings(query["description"])
        return _dump(ctx, cond)


def _account(ctx):
    query = queries.parse(ctx, "account", ctx.parser.rules.source("account"), struct=QUERY_STRUCTS["account"],
                          quiet=True)
    if query is None:
        return None
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    assoc_cond = ffi.new("slurmdb_assoc_cond_t *")
    cond = ffi.new("slurmdb_account_cond_t *", {"assoc_cond": assoc_cond})
    lib.srpy_account_cond_with(cond, query["with_assocs"], query["with_coords"], query["with_deleted"])
    with connection(ctx).c_lists() as lists:
        assoc_cond.acct_list = lists.strings([ctx.params["account_name"]])
        return _dump(ctx, cond)


def _delete_account(ctx):
    ffi = ctx.slurm.ffi
    assoc_cond = ffi.new("slurmdb_assoc_cond_t *")
    cond = ffi.new("slurmdb_account_cond_t *", {"assoc_cond": assoc_cond})
    with connection(ctx).c_lists() as lists:
        assoc_cond.acct_list = lists.strings([ctx.params["account_name"]])
        assoc_cond.user_list = lists.new()
        removed = query_removed(ctx, "_delete_account", "slurmdb_accounts_remove", cond)
    return None if removed is None else {"removed_accounts": removed}


accounts = Operation(_accounts, kind="accounts")
delete_account = Operation(_delete_account, kind="account_delete")
account = Operation(_account, kind="account")
