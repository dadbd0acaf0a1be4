"""Users (slurmdb_user_rec_t), for slurmdb GET users/ and user/{name}."""
from ..queries import BOOL_SWITCH
from ..types import REQUIRED, STRING, Flags, List, table
from . import UNTIL_V41, V42_ON, V44_ON
from .numbers import UINT32
from .meta import response

ADMIN_LVL = Flags("admin_lvl", [
    ("Not Set", "SLURMDB_ADMIN_NOTSET", "INFINITE16"), ("None", "SLURMDB_ADMIN_NONE", "INFINITE16"),
    ("Operator", "SLURMDB_ADMIN_OPERATOR", "INFINITE16"),
    ("Administrator", "SLURMDB_ADMIN_SUPER_USER", "INFINITE16")])
USER_FLAGS = Flags("user_flags", [
    ("NONE", "SLURMDB_USER_FLAG_NONE", "INFINITE64"), ("DELETED", "SLURMDB_USER_FLAG_DELETED")])


def _user(version, objects):
    return table("user", (
        ("administrator_level", "admin_level", ADMIN_LVL, "AdminLevel granted to the user"),
        ("associations", "assoc_list", List(objects["assoc_short"], "assoc_short_list"),
         "Associations created for this user"),
        ("coordinators", "coord_accts", List(objects["coord"], "coord_list"),
         "Accounts this user is a coordinator for"),
        ("default/qos", "def_qos_id", UINT32, "Default QOS", V44_ON),
        ("default/account", "default_acct", STRING, "Default Account", UNTIL_V41),
        ("default/account", "default_acct", STRING, "Default account", V42_ON),
        ("default/wckey", "default_wckey", STRING, "Default WCKey"),
        ("flags", "flags", USER_FLAGS, "Flags associated with user", UNTIL_V41),
        ("flags", "flags", USER_FLAGS, "Flags associated with this user", V42_ON),
        ("name", "name", STRING, "User name", REQUIRED),
        ("old_name", "old_name", STRING, "Previous user name"),
        ("wckeys", "wckey_list", List(objects["wckey"], "wckey_list"), "List of available WCKeys"),
    ), version)


QUERIES = {
    "users": (
        ("admin_level", ADMIN_LVL, "Administrator level"),
        ("default_account", "csv", "CSV default account list"),
        ("default_wckey", "csv", "CSV default wckey list", UNTIL_V41),
        ("default_wckey", "csv", "CSV default WCKey list", V42_ON),
        ("with_assocs", BOOL_SWITCH, "With associations"),
        ("with_coords", BOOL_SWITCH, "With coordinators"),
        ("with_deleted", BOOL_SWITCH, "With deleted"),
        ("with_wckeys", BOOL_SWITCH, "With wckeys", UNTIL_V41),
        ("with_wckeys", BOOL_SWITCH, "With WCKeys", V42_ON),
        ("without_defaults", BOOL_SWITCH, "Exclude defaults"),
    ),
    "user": (
        ("with_deleted", BOOL_SWITCH, "Include deleted users"),
        ("with_assocs", BOOL_SWITCH, "Include associations"),
        ("with_coords", BOOL_SWITCH, "Include coordinators"),
        ("with_wckeys", BOOL_SWITCH, "Include wckeys", UNTIL_V41),
        ("with_wckeys", BOOL_SWITCH, "Include WCKeys", V42_ON),
    ),
}
QUERY_STRUCTS = {"users": "USER_CONDITION", "user": "OPENAPI_USER_QUERY"}


def objects(version):
    from . import accounts, wckey

    return {"user": _user(version, {**accounts.objects(version), **wckey.objects(version)})}


def responses(version, objects):
    answer = response("openapi_users_resp", (
        ("users", "users", List(objects["user"], "user_list"), "users", REQUIRED),
    ), version)
    return {"users": answer, "user": answer, "user_delete": _RemovedUsers(version)}


class _RemovedUsers:
    """DELETE user/{name}: the reference documents its answer as openapi_resp (meta, errors and
    warnings) and sends `removed_users` before them, as we do."""

    def __init__(self, version):
        from .meta import FAILURE

        self._answer = response("openapi_users_removed_resp", (
            ("removed_users", "removed_users", List(STRING, "string_list"), "removed_users"),
        ), version)
        self._documented = FAILURE

    def dump(self, values):
        return self._answer.dump(values)

    def ref(self, schemas, description=None):
        return self._documented.ref(schemas, description)
