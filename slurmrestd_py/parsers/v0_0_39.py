"""API v0.0.39 (Slurm 23.02 to 24.05), on the family's tables (rows marked V39 / V40_ON where it
differs). No slurmrestd on our test beds serves it: its specification is a document captured from
a live 24.05 slurmrestd (tests/assets/v0.0.39/, from rackslab/Slurm-web) and Slurm's own sources."""
from . import Parser, Rules
from .v0_0_42 import TABLES

# Its slurmctld answers' schema names, as its document has them (slurmdbd's, "dbv0.0.39_*", keep
# ours: a schema name here is always "<version>_<name>")
SCHEMA_NAMES = {
    "openapi_partition_resp": "partitions_response", "openapi_nodes_resp": "nodes_response",
    "openapi_reservation_resp": "reservations_response", "openapi_job_info_resp": "jobs_response",
    "openapi_ping_array_resp": "pings",
}
# Its query parameters, as its document lists them (the shared rows have v0.0.40's and later ones':
# those are neither documented nor read here)
_ASSOC = frozenset({"account", "cluster", "partition", "user"})
_WITH_DELETED = frozenset({"with_deleted"})
_UPDATE_TIME = frozenset({"update_time"})
QUERY_PARAMETERS = {
    "jobs": _UPDATE_TIME, "nodes": _UPDATE_TIME, "partitions": _UPDATE_TIME, "reservations": _UPDATE_TIME,
    "job_delete": frozenset({"signal"}),
    "qos": _WITH_DELETED, "one_qos": _WITH_DELETED, "accounts": _WITH_DELETED, "account": _WITH_DELETED,
    "users": _WITH_DELETED, "user": _WITH_DELETED,
    "associations": _ASSOC, "association": _ASSOC, "associations_delete": _ASSOC, "association_delete": _ASSOC,
    "wckeys": frozenset(), "wckey": frozenset(), "clusters": frozenset(), "cluster": frozenset(),
    "slurmdb_jobs": frozenset({
        "users", "submit_time", "start_time", "end_time", "account", "association", "cluster", "constraints",
        "cpus_max", "cpus_min", "skip_steps", "disable_wait_for_result", "exit_code", "format", "group",
        "job_name", "nodes_max", "nodes_min", "partition", "qos", "reason", "reservation", "state", "step",
        "node", "wckey"}),
}
RULES = Rules(sources="op_handler_v0039", deprecated=True, job_get_failure_payload=False, no_nodes_warning=True,
              document_tag="slurm", cpu_frequency_typo=True)


def build():
    """This version's parser, built by parsers.get() for the version a request names (only that one)."""
    return Parser.build("v0.0.39", TABLES, schema_names=SCHEMA_NAMES, query_parameters=QUERY_PARAMETERS,
                        rules=RULES)
