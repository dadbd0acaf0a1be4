"""API v0.0.41 (Slurm 24.05 to 25.05)."""
from . import Parser, Rules
from .v0_0_42 import SCHEMA_NAMES, TABLES

# the answers (*_resp) its document writes inline all the same, as every other schema
INLINE_RESPONSES = frozenset({
    "openapi_diag_resp", "openapi_ping_array_resp", "openapi_licenses_resp", "openapi_kill_jobs_resp",
    "openapi_slurmdbd_qos_removed_resp", "openapi_clusters_removed_resp", "openapi_slurmdbd_stats_resp",
    "openapi_wckey_removed_resp", "openapi_accounts_removed_resp", "openapi_job_alloc_resp",
    "openapi_accounts_add_cond_resp", "openapi_accounts_add_cond_resp_str", "openapi_users_add_cond_resp",
    "openapi_users_add_cond_resp_str",
})
RULES = Rules(cpu_frequency_typo=True, query_timestamps=False, timestamp_strings_detected=False)


def build():
    """This version's parser, built by parsers.get() for the version a request names (only that one)."""
    return Parser.build("v0.0.41", TABLES, rules=RULES, schema_names=SCHEMA_NAMES, inline_schemas=True,
                        inline_responses=INLINE_RESPONSES)
