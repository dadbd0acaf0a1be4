"""API v0.0.43 (Slurm 25.05 to 26.05): so far v0.0.42's tables, with 26.05's handlers' behaviour."""
from . import Parser, Rules
from .v0_0_42 import SCHEMA_NAMES, TABLES

# 26.05's slurmrestd, the newest release serving v0.0.43 on, as parsers/releases.py has it for v0.0.42
RULES = Rules(sources="method", missing_is_warning=True, slurm_errors_unprocessable=True,
              infinite_floats_as_numbers=True, infinite_float_warning=True,
              node_delete_verb="delete", node_update_reason_uid=False,
              specifing_typo=False, db_messages_name_connection=False, nonexistent="non-existent",
              stdio_slash=True, ids_overflow_checked=True)
# v0.0.43 on write their flags and enums where they are used: these schemas are no longer named
INLINE_NAMES = frozenset({
    "account_flags", "acct_gather_profile", "admin_lvl", "assoc_flags", "assoc_shares_obj_wrap_type",
    "cluster_rec_flags", "cpu_binding_flags", "cr_type", "cron_entry_flags", "job_flags", "job_mail_flags",
    "job_res_core_status", "job_shared", "job_state", "memory_binding_type", "node_cr_type", "node_states",
    "open_mode", "oversubscribe_flags", "partition_states", "process_exit_code_status", "qos_flags",
    "qos_preempt_modes", "reservation_flags", "slurmdb_job_flags", "user_flags", "warn_flags", "wckey_flags",
    "wckey_tag_flags", "x11_flags",
    # and those the tables gained with v0.0.43-45
    "job_exclusive_flags", "job_requeue_flags", "job_show_flags", "node_cert_flags",
    "node_partition_cpu_binding_flags", "partition_flags", "partition_preempt_modes", "select_type_param"})
# slurmdb's `format` ("Ignored; ...") is deprecated in v0.0.43 and v0.0.44, gone from v0.0.45
DEPRECATED_PARAMETERS = frozenset({"format"})
def build():
    """This version's parser, built by parsers.get() for the version a request names (only that one)."""
    return Parser.build("v0.0.43", TABLES, rules=RULES, schema_names=SCHEMA_NAMES, inline_names=INLINE_NAMES,
                        deprecated_parameters=DEPRECATED_PARAMETERS)
