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
RULES = Rules(sources="op_handler_v0039", deprecated=True, job_get_failure_payload=False, no_nodes_warning=True,
              document_tag="slurm")


def build():
    """This version's parser, built by parsers.get() for the version a request names (only that one)."""
    return Parser.build("v0.0.39", TABLES, schema_names=SCHEMA_NAMES, rules=RULES)
