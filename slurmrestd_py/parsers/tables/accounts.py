"""Accounts (slurmdb_account_rec_t) with their coordinators (slurmdb_coord_rec_t) and short
associations, for slurmdb GET accounts/ and account/{account_name}."""
from ..queries import BOOL_SWITCH, EFLAG, OLD_SWITCH
from ..types import BOOL, REQUIRED, STRING, Flags, List, table
from . import UNTIL_V41, V40, V40_ON, V41_ON, V42_ON
from .meta import response
from .numbers import UINT32

# v0.0.40 knows DELETED only; later versions every flag of the account condition
ACCOUNT_FLAGS = {
    V40: Flags("account_flags", [("DELETED", "SLURMDB_ACCT_FLAG_DELETED")]),
    V41_ON: Flags("account_flags", [
        ("DELETED", "SLURMDB_ACCT_FLAG_DELETED"), ("WithAssociations", "SLURMDB_ACCT_FLAG_WASSOC"),
        ("WithCoordinators", "SLURMDB_ACCT_FLAG_WCOORD"),
        ("NoUsersAreCoords", "SLURMDB_ACCT_FLAG_USER_COORD_NO"),
        ("UsersAreCoords", "SLURMDB_ACCT_FLAG_USER_COORD")]),
}

COORD = (
    ("name", "name", STRING, "User name", REQUIRED),
    ("direct", "direct", BOOL, "Indicates whether the coordinator was directly assigned to this account"),
)

ASSOC_SHORT = (
    ("account", "acct", STRING, "Account", UNTIL_V41),
    ("account", "acct", STRING, "Account name", V42_ON),
    ("cluster", "cluster", STRING, "Cluster", UNTIL_V41),
    ("cluster", "cluster", STRING, "Cluster name", V42_ON),
    ("partition", "partition", STRING, "Partition", UNTIL_V41),
    ("partition", "partition", STRING, "Partition name", V42_ON),
    ("user", "user", STRING, "User name", REQUIRED),
    ("id", "id", UINT32, "Numeric association ID", V40_ON),  # (v0.0.39's has none)
)


def _account(version, assoc_short, coord):
    flags = next(f for versions, f in ACCOUNT_FLAGS.items() if version in versions)
    return table("account", (
        ("associations", "assoc_list", List(assoc_short, "assoc_short_list"),
         "Associations involving this account (only populated if requested)"),
        ("coordinators", "coordinators", List(coord, "coord_list"),
         "List of users that are a coordinator of this account (only populated if requested)"),
        ("description", "description", STRING, "Arbitrary string describing the account", REQUIRED),
        ("name", "name", STRING, "Account name", REQUIRED),
        ("organization", "organization", STRING, "Organization to which the account belongs", REQUIRED),
        ("flags", "flags", flags, "Flags associated with the account", UNTIL_V41),
        ("flags", "flags", flags, "Flags associated with this account", V42_ON),
    ), version)


# Query parameters. GET accounts/ reads the account condition (its flags one parameter each from
# v0.0.41 on), GET account/{account_name} the account query. The last item of a row: versions.
QUERIES = {
    "accounts": (
        ("description", "csv", "CSV description list"),
        ("with_assocs", OLD_SWITCH, "Include associations", V40),
        ("with_coords", OLD_SWITCH, "Include coordinators", V40),
        ("with_deleted", OLD_SWITCH, "Include deleted accounts", V40),
        ("DELETED", EFLAG, "include deleted associations", V41_ON),
        ("WithAssociations", EFLAG, "query includes associations", V41_ON),
        ("WithCoordinators", EFLAG, "query includes coordinators", V41_ON),
        ("NoUsersAreCoords", EFLAG, "remove users as coordinators", V41_ON),
        ("UsersAreCoords", EFLAG, "users are coordinators", V41_ON),
    ),
    "account": (
        ("with_assocs", BOOL_SWITCH, "Include associations"),
        ("with_coords", BOOL_SWITCH, "Include coordinators"),
        ("with_deleted", BOOL_SWITCH, "Include deleted"),
    ),
}
# The reference's names of the structures a query is parsed into (its "unknown field" warnings)
QUERY_STRUCTS = {"accounts": "ACCOUNT_CONDITION", "account": "OPENAPI_ACCOUNT_QUERY"}


def objects(version):
    coord = table("coord", COORD, version)
    assoc_short = table("assoc_short", ASSOC_SHORT, version)
    return {"coord": coord, "assoc_short": assoc_short, "account": _account(version, assoc_short, coord)}


def responses(version, objects):
    answer = response("openapi_accounts_resp", (
        ("accounts", "accounts", List(objects["account"], "account_list"), "accounts", REQUIRED),
    ), version)
    removed = response("openapi_accounts_removed_resp", (
        ("removed_accounts", "removed_accounts", List(STRING, "string_list"), "removed_accounts", REQUIRED),
    ), version)
    return {"accounts": answer, "account": answer, "account_delete": removed}
