"""API v0.0.40 (Slurm 23.11 to 25.05)."""
from . import Parser, Rules
from .v0_0_42 import TABLES

PARSER = Parser.build("v0.0.40", TABLES, rules=Rules(query_timestamps=False, bad_flag_rejects_query=True,
                                                     parameters_deprecated=False, query_group_names=False,
                                                     query_number_warns=True))
