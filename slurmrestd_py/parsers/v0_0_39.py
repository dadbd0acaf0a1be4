"""API v0.0.39 (Slurm 23.02 to 24.05), on the family's tables (rows marked V39 / V40_ON where it
differs). No slurmrestd on our test beds serves it: its specification is a document captured from
a live 24.05 slurmrestd (tests/assets/v0.0.39/, from rackslab/Slurm-web) and Slurm's own sources."""
from . import Parser, Rules
from .v0_0_42 import TABLES

# Its answers' schema names, as its document has them
SCHEMA_NAMES = {
    "openapi_partition_resp": "partitions_response", "openapi_nodes_resp": "nodes_response",
    "openapi_reservation_resp": "reservations_response", "openapi_job_info_resp": "jobs_response",
    "openapi_ping_array_resp": "pings", "openapi_diag_resp": "diag", "partition_info": "partition_info",
    "openapi_tres_resp": "tres_info", "openapi_accounts_resp": "account_info", "openapi_users_resp": "user_info",
    "openapi_slurmdbd_qos_resp": "qos_info", "openapi_assocs_resp": "associations_info",
    "openapi_slurmdbd_jobs_resp": "job_info", "controller_ping_array": "controller_ping_array",
}
PARSER = Parser.build("v0.0.39", TABLES, rules=Rules(sources="op_handler_v0039"),
                      schema_names=SCHEMA_NAMES)
