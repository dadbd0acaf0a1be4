"""API v0.0.43 (Slurm 25.05 to 26.05): so far v0.0.42's tables, with 26.05's handlers' behaviour."""
from . import Parser, Rules
from .v0_0_42 import SCHEMA_NAMES, TABLES

# 26.05's slurmrestd, the newest release serving v0.0.43 on, as parsers/releases.py has it for v0.0.42
RULES = Rules(sources="method", missing_is_warning=True, slurm_errors_unprocessable=True,
              infinite_floats_as_numbers=True, infinite_float_warning=True,
              node_delete_verb="delete", node_update_reason_uid=False,
              specifing_typo=False, db_messages_name_connection=False, nonexistent="non-existent",
              stdio_slash=True)
PARSER = Parser.build("v0.0.43", TABLES, rules=RULES, schema_names=SCHEMA_NAMES,
                      inline_flags=True)
