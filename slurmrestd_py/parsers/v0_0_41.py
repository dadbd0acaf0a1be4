"""API v0.0.41 (Slurm 24.05 to 25.05)."""
from . import Parser, Rules
from .v0_0_42 import SCHEMA_NAMES, TABLES

# answers its document writes inline too, where they are used (the others are components)
INLINE_RESPONSES = frozenset({"openapi_diag_resp", "openapi_ping_array_resp", "openapi_licenses_resp"})
PARSER = Parser.build("v0.0.41", TABLES, rules=Rules(query_timestamps=False), schema_names=SCHEMA_NAMES,
                      inline_schemas=True, inline_responses=INLINE_RESPONSES)
