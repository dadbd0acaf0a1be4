"""What slurmdb POST accounts_association/ and users_association/ read (slurmdb_add_assoc_cond_t,
with the association's limits in ASSOC_REC_SET's names, an account's or user's short record) and
answer (the names added, as slurmdbd writes them)."""
from ..types import REQUIRED, STRING, UINT32_NO_VAL, List, table
from . import UNTIL_V41, V40, V41_ON, V42, V43, V44_ON

UNTIL_V43 = UNTIL_V41 | V42 | V43
from .associations import QOS_NAMES, QosId
from .meta import response
from .numbers import UINT32
from .users import ADMIN_LVL


class CsvList(List):
    """CSV_STRING_LIST: a list of strings, or one string of comma separated names."""

    def parse(self, value, at, report):
        from ..parsing import CONVERSION_FAILED, slurm_type, to_string

        if isinstance(value, list):
            out = []
            for v in value:
                text = "" if v is None else to_string(v)
                if text is None:  # reported, and the list ends there (the parse goes on)
                    report.ctx.error(CONVERSION_FAILED, at, f"unable to convert csv entry {slurm_type(v)} to string",
                                     "Unable to convert Data type")
                    break
                out.append(text)
            return out
        if isinstance(value, dict):
            report.fail(at, CONVERSION_FAILED, "slurmrestd-py does not read this field yet")
        text = "" if value is None else to_string(value)
        return [t for t in text.split(",") if t]


CSV_STRINGS = CsvList(STRING, "string_list")


def _assoc_rec_set(version):
    from .qos import TresList
    from .tres import TRES

    tres = TresList(table("tres", TRES, version), "tres_list")
    return table("assoc_rec_set", (
        ("comment", "comment", STRING, "Arbitrary comment"),
        ("defaultqos", "def_qos_id", QosId(STRING), "Default QOS"),
        ("grpjobs", "grp_jobs", UINT32_NO_VAL, "Maximum number of running jobs in this association and its children"),
        ("grpjobsaccrue", "grp_jobs_accrue", UINT32_NO_VAL,
         "Maximum number of pending jobs able to accrue age priority in this association and its children"),
        ("grpsubmitjobs", "grp_submit_jobs", UINT32_NO_VAL, "Maximum number of jobs which can be in a pending or "
         "running state at any time in this association and its children"),
        ("grptres", "grp_tres", tres,
         "Maximum number of TRES able to be allocated by running jobs in this association and its children"),
        ("grptresmins", "grp_tres_mins", tres, "Total number of TRES minutes that can possibly be used by past, "
         "present and future jobs in this association and its children"),
        ("grptresrunmins", "grp_tres_run_mins", tres, "Maximum number of TRES minutes able to be allocated by "
         "running jobs in this association and its children"),
        ("grpwall", "grp_wall", UINT32_NO_VAL, "Maximum wall clock time in minutes able to be allocated by running "
         "jobs in this association and its children"),
        ("maxjobs", "max_jobs", UINT32_NO_VAL, "Maximum number of running jobs per user in this association"),
        ("maxjobsaccrue", "max_jobs_accrue", UINT32_NO_VAL,
         "Maximum number of pending jobs able to accrue age priority at any given time in this association"),
        ("maxsubmitjobs", "max_submit_jobs", UINT32_NO_VAL,
         "Maximum number of jobs which can be in a pending or running state at any time in this association"),
        ("maxtresminsperjob", "max_tres_mins_pj", tres,
         "Maximum number of TRES minutes each job is able to use in this association"),
        ("maxtresrunmins", "max_tres_run_mins", tres,
         "Maximum number of TRES minutes able to be allocated by running jobs in this association"),
        ("maxtresperjob", "max_tres_pj", tres, "Maximum number of TRES each job is able to use in this association"),
        ("maxtrespernode", "max_tres_pn", tres, "Maximum number of TRES each node is able to use"),
        ("maxwalldurationperjob", "max_wall_pj", UINT32_NO_VAL,
         "Maximum wall clock time each job is able to use in this association"),
        ("minpriothresh", "min_prio_thresh", UINT32_NO_VAL,
         "Minimum priority required to reserve resources when scheduling"),
        ("parent", "parent_acct", STRING, "Name of parent account"),
        ("priority", "priority", UINT32_NO_VAL, "Association priority factor"),
        ("qoslevel", "qos_list", QOS_NAMES, "List of QOS names", V40),
        ("qoslevel", "qos_list", QOS_NAMES, "List of available QOS names", V41_ON),
        ("fairshare", "shares_raw", UINT32, "Allocated shares used for fairshare calculation"),
    ), version)


def objects(version):
    return {}


def responses(version, objects):
    rec_set = _assoc_rec_set(version)
    accounts_cond = table("accounts_add_cond", (
        ("accounts", "acct_list", CSV_STRINGS, "CSV accounts list", REQUIRED),
        ("association", "assoc", rec_set, "Association limits and options"),
        ("clusters", "cluster_list", CSV_STRINGS, "CSV clusters list"),
    ), version)
    account_short = table("account_short", (
        ("description", "description", STRING, "Arbitrary string describing the account"),
        ("organization", "organization", STRING, "Organization to which the account belongs"),
    ), version)
    users_cond = table("users_add_cond", (
        ("accounts", "acct_list", CSV_STRINGS, "CSV accounts list"),
        ("association", "assoc", rec_set, "Association limits and options"),
        ("clusters", "cluster_list", CSV_STRINGS, "CSV clusters list"),
        ("partitions", "partition_list", CSV_STRINGS, "CSV partitions list"),
        ("users", "user_list", CSV_STRINGS, "CSV users list", REQUIRED),
        ("wckeys", "wckey_list", CSV_STRINGS, "CSV WCKeys list"),
    ), version)
    user_short = table("user_short", (
        ("adminlevel", "admin_level", ADMIN_LVL, "AdminLevel granted to the user"),
        ("defaultqos", "def_qos_id", UINT32, "Default QOS", V44_ON),
        ("defaultaccount", "default_acct", STRING, "Default account"),
        ("defaultwckey", "default_wckey", STRING, "Default WCKey"),
    ), version)
    return {
        "accounts_add_cond": response("openapi_accounts_add_cond_resp", (
            ("association_condition", "add_assoc", accounts_cond,
             "CSV list of accounts, association limits and options, CSV list of clusters", UNTIL_V43),
            ("association_condition", "add_assoc", accounts_cond,
             "CSV list of accounts, association limits and options, CSV list of clusters", V44_ON, REQUIRED),
            ("account", "acct", account_short, "Account organization and description"),
        ), version),
        "accounts_add_cond_str": response("openapi_accounts_add_cond_resp_str", (
            ("added_accounts", "added_accounts", STRING, "added_accounts", REQUIRED),
        ), version),
        "users_add_cond": response("openapi_users_add_cond_resp", (
            ("association_condition", "add_assoc", users_cond, "Filters to select associations for users", REQUIRED),
            ("user", "user", user_short, "Admin level of user, DefaultAccount, DefaultWCKey", REQUIRED),
        ), version),
        "users_add_cond_str": response("openapi_users_add_cond_resp_str", (
            ("added_users", "added_users", STRING, "added_users", REQUIRED),
        ), version),
    }
