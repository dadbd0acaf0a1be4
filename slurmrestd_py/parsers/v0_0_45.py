"""API v0.0.45 (Slurm 26.05): so far v0.0.42's tables, with 26.05's handlers' behaviour."""
from dataclasses import replace

from . import Parser
from .v0_0_42 import SCHEMA_NAMES, TABLES
from .v0_0_43 import DEPRECATED_PARAMETERS, INLINE_NAMES, RULES

# v0.0.44 on name their parse functions without the version
PARSER = Parser.build("v0.0.45", TABLES, rules=replace(RULES, versioned_parse_functions=False),
                      schema_names=SCHEMA_NAMES, inline_names=INLINE_NAMES,
                      removed_parameters=DEPRECATED_PARAMETERS)
