"""Associations (slurmdb_assoc_rec_t), for slurmdb GET and DELETE associations/ and association/.

TRES strings ("1=10,2=1000"), QOS ids and the default QOS are resolved by the handler against the
TRES and QOS lists (as the reference's parser does with the lists it loads) before these rows
write them: `max/tres/...` fields hold lists of TRES records, `qos_list` names, `def_qos_id` a name.
"""
from ..queries import CSV, EFLAG, TIMESTAMP, OLD_SWITCH
from ..types import BOOL, REQUIRED, STRING, UINT32_NO_VAL, Flags, List, Scalar, Type, table
from . import V39, V40, V40_ON, V40_ONLY, V41, V41_ON, V42, V42_ON, V43_ON, UNTIL_V41
from .meta import response
from .numbers import UINT32, Removed

ASSOC_FLAGS = {
    V40: Flags("assoc_flags", [("DELETED", "ASSOC_FLAG_DELETED")]),
    V41_ON: Flags("assoc_flags", [
        ("DELETED", "ASSOC_FLAG_DELETED"), ("NoUpdate", "ASSOC_FLAG_NO_UPDATE"), ("Exact", "ASSOC_FLAG_EXACT"),
        ("NoUsersAreCoords", "ASSOC_FLAG_USER_COORD_NO"), ("UsersAreCoords", "ASSOC_FLAG_USER_COORD")]),
}


class StringList(Type):
    """A list of strings described once for the list and once for its items (QOS names)."""
    unset = ()

    def __init__(self, name, description):
        self.name, self.description = name, description

    def dump(self, values):
        return None if values is None else list(values)

    def body(self, schemas):
        return {"type": "array", "description": self.description,
                "items": {"type": "string", "description": self.description}}


# v0.0.39's usage of an association: slurmctld's, which slurmdbd's records never carry ({}, as its
# dumper writes a NULL pointer to an object)
ASSOC_USAGE_V39 = Removed(Scalar({"type": "object", "description": "Association usage"}))
class QosIds(StringList):
    """QOS names (or ids), parsed (POST) into QOS ids as strings (QOS_STRING_ID_LIST, as PreemptList)."""

    def parse(self, value, at, report):
        from .qos import PreemptList

        return PreemptList.parse(self, value, at, report, checked=True)


class QosId(Type):
    """A QOS name (or id) as its id (QOS_ID): nothing (null, "") is INFINITE; one that is no
    QOS fails the parse silently, as the reference's."""

    def __init__(self, inner):
        self.inner = inner

    def dump(self, value):
        return self.inner.dump(value)

    def ref(self, schemas, description=None):
        return self.inner.ref(schemas, description)

    def parse(self, value, at, report):
        from ..parsing import EXPECT_STRING, check
        from ..types import INFINITE
        from .qos import find_qos

        check(EXPECT_STRING, value, at, report)
        if value is None or value == "":
            return INFINITE[32]
        q, _ = find_qos(value, at, report)
        if q is None:
            report.silent()
        return q["id"]


QOS_NAMES = QosIds("qos_string_id_list", "List of QOS names")
NO_ID = lambda record: 0  # noqa: E731  v0.0.41 on: the reference has no association list to find ids in


def rows(objects):
    from .qos import TresList

    tres = TresList(objects["tres"], "tres_list")
    return (
        ("accounting", "accounting_list", List(objects["accounting"], "accounting_list"),
         "Accounting records containing related resource usage", V40_ON),
        ("account", "acct", STRING, "Account", UNTIL_V41),
        ("account", "acct", STRING, "Account name", V42_ON),
        ("cluster", "cluster", STRING, "Cluster name"),
        ("comment", "comment", STRING, "Arbitrary comment", V40_ON),
        ("default/qos", "def_qos_id", QosId(STRING), "Default QOS"),
        ("flags", "flags", ASSOC_FLAGS[V40], "Flags on the association", V40),
        ("flags", "flags", ASSOC_FLAGS[V41_ON], "Flags on the association", V41_ON),
        ("max/jobs/per/count", "grp_jobs", UINT32_NO_VAL, "GrpJobs"),
        ("max/jobs/per/accruing", "grp_jobs_accrue", UINT32_NO_VAL, "GrpJobsAccrue"),
        ("max/jobs/per/submitted", "grp_submit_jobs", UINT32_NO_VAL, "GrpSubmitJobs"),
        ("max/tres/total", "grp_tres", tres, "GrpTRES"),
        ("max/tres/minutes/per/job", "max_tres_mins_pj", tres, "MaxTRESMinsPerJob", V39),  # its place in v0.0.39
        ("max/tres/group/minutes", "grp_tres_mins", tres, "GrpTRESMins"),
        ("max/tres/group/active", "grp_tres_run_mins", tres, "GrpTRESRunMins"),
        ("max/tres/minutes/total", "max_tres_run_mins", tres, "MaxTRESMinsPerJob"),
        ("max/per/account/wall_clock", "grp_wall", UINT32_NO_VAL, "GrpWall"),
        ("id", lambda record: record, objects["assoc_short"], "Unique ID", V40_ONLY),
        ("id", NO_ID, UINT32, "Unique ID", V41 | V42),
        ("id", "id", UINT32, "Unique ID", V43_ON),  # v0.0.43 on: the record's own id
        ("is_default", "is_def", BOOL, "Is default association for user"),
        ("lineage", "lineage", STRING, "Complete path up the hierarchy to the root association", V40_ON),
        ("max/jobs/active", "max_jobs", UINT32_NO_VAL, "MaxJobs"),
        ("max/jobs/accruing", "max_jobs_accrue", UINT32_NO_VAL, "MaxJobsAccrue"),
        ("max/jobs/total", "max_submit_jobs", UINT32_NO_VAL, "MaxSubmitJobs"),
        ("max/tres/minutes/per/job", "max_tres_mins_pj", tres, "MaxTRESMinsPerJob", V40_ON),
        ("max/tres/per/job", "max_tres_pj", tres, "MaxTRESPerJob"),
        ("max/tres/per/node", "max_tres_pn", tres, "MaxTRESPerNode"),
        ("max/jobs/per/wall_clock", "max_wall_pj", UINT32_NO_VAL, "MaxWallDurationPerJob"),
        ("min/priority_threshold", "min_prio_thresh", UINT32_NO_VAL, "MinPrioThreshold"),
        ("parent_account", "parent_acct", STRING, "Name of parent account"),
        ("partition", "partition", STRING, "Partition name"),
        ("priority", "priority", UINT32_NO_VAL, "Association priority factor"),
        ("qos", "qos_list", QOS_NAMES, "List of available QOS names"),
        ("shares_raw", "shares_raw", UINT32, "Allocated shares used for fairshare calculation"),
        ("usage", lambda record: None, ASSOC_USAGE_V39, "Usage (slurmdbd has none to give)", V39),
        ("user", "user", STRING, "User name", REQUIRED),
    )


# ASSOC_CONDITION: v0.0.40 and v0.0.41 name the switches, v0.0.42 one parameter per condition flag
# (named by its description, which the document then leaves out)
_CONDITION = (
    ("account", CSV, "CSV accounts list"),
    ("cluster", CSV, "CSV clusters list"),
    ("default_qos", "csv_ids", "CSV QOS list"),
    ("Include deleted associations", EFLAG, None, V42_ON),
    ("Include usage", EFLAG, None, V42_ON),
    ("Filter to only defaults", EFLAG, None, V42_ON),
    ("Include the raw QOS or delta_qos", EFLAG, None, V42_ON),
    ("Include sub acct information", EFLAG, None, V42_ON),
    ("Exclude parent id/name", EFLAG, None, V42_ON),
    ("Exclude limits from parents", EFLAG, None, V42_ON),
    ("format", CSV, "Ignored; process JSON manually to control output format"),
    ("id", "csv_ids", "CSV id list", UNTIL_V41),
    ("id", "csv_ids", "CSV ID list", V42_ON),
    ("only_defaults", OLD_SWITCH, "Filter to only defaults", V40),
    ("only_defaults", OLD_SWITCH, "Filter to only defaults", V41),
    ("parent_account", CSV, "CSV names of parent account"),
    ("partition", CSV, "CSV partition name list"),
    ("qos", "csv_ids", "CSV QOS list"),
    ("usage_end", TIMESTAMP, "Usage end (UNIX timestamp)"),
    ("usage_start", TIMESTAMP, "Usage start (UNIX timestamp)"),
    ("user", CSV, "CSV user list"),
    ("with_usage", OLD_SWITCH, "Include usage", V40),
    ("with_usage", OLD_SWITCH, "Include usage", V41),
    ("with_deleted", OLD_SWITCH, "Include deleted associations", V40),
    ("with_deleted", OLD_SWITCH, "Include deleted associations", V41),
    ("with_raw_qos", OLD_SWITCH, "Include a raw qos or delta_qos", V40),
    ("with_raw_qos", OLD_SWITCH, "Include a raw qos or delta_qos", V41),
    ("with_sub_accts", OLD_SWITCH, "Include sub acct information also", V40),
    ("with_sub_accts", OLD_SWITCH, "Include sub acct information", V41),
    ("without_parent_info", OLD_SWITCH, "Exclude parent id/name", V40),
    ("without_parent_info", OLD_SWITCH, "Exclude parent id/name", V41),
    ("without_parent_limits", OLD_SWITCH, "Exclude limits from parents", V40),
    ("without_parent_limits", OLD_SWITCH, "Exclude limits from parents", V41),
)
QUERIES = {"associations": _CONDITION, "association": _CONDITION, "associations_delete": _CONDITION,
           "association_delete": _CONDITION}
QUERY_STRUCTS = {kind: "ASSOC_CONDITION" for kind in QUERIES}
# A switch: the names it goes by in each version
SWITCHES = {
    "deleted": ("with_deleted", "Include deleted associations"),
    "usage": ("with_usage", "Include usage"),
    "only_defs": ("only_defaults", "Filter to only defaults"),
    "raw_qos": ("with_raw_qos", "Include the raw QOS or delta_qos"),
    "sub_accts": ("with_sub_accts", "Include sub acct information"),
    "wopi": ("without_parent_info", "Exclude parent id/name"),
    "wopl": ("without_parent_limits", "Exclude limits from parents"),
}


def objects(version):
    from . import accounts, wckey

    mine = {**accounts.objects(version), **wckey.objects(version)}
    return {"assoc": table("assoc", rows(mine), version)}


def responses(version, objects):
    found = response("openapi_assocs_resp", (
        ("associations", "associations", List(objects["assoc"], "assoc_list"), "associations", REQUIRED),
    ), version)
    removed = response("openapi_assocs_removed_resp", (
        ("removed_associations", "removed_associations", List(STRING, "string_list"), "removed_associations",
         REQUIRED),
    ), version)
    return {"associations": found, "association": found, "associations_delete": removed,
            "association_delete": removed}
