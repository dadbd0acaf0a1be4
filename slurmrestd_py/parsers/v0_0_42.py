"""API v0.0.42 (Slurm 24.11 to 26.05)."""
from . import Parser, Rules

# The table modules (parsers/tables/) it serves, by name: each is imported and built when a request
# first asks for a kind it makes (parsers/index.py says which); in this order when all are.
TABLES = ("meta", "partitions", "tres", "controller", "reservations", "shares", "nodes", "jobs", "job_desc",
          "clusters", "wckeys", "instances", "dbdiag", "qos", "accounts", "users", "wckey", "associations",
          "slurmdb_jobs", "resources", "requeue", "admin_writes", "add_cond", "util", "dbconfig",
          "job_modify", "slurmdbd_conf", "conf")
# v0.0.41 on name their sentinel-aware number schemas *_struct (v0.0.41 writes them inline)
SCHEMA_NAMES = {n: n + "_struct" for n in ("uint16_no_val", "uint32_no_val", "uint64_no_val", "float64_no_val")}
RULES = Rules(reservation_delete=False)


def build():
    """This version's parser, built by parsers.get() for the version a request names (only that one)."""
    return Parser.build("v0.0.42", TABLES, rules=RULES, schema_names=SCHEMA_NAMES)
