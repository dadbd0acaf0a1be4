"""API v0.0.41 (Slurm 24.11): v0.0.42's tables where they agree."""
from . import Parser, Rules
from . import v0_0_42 as base

VERSION = "v0.0.41"
_OBJECTS = base.objects()
PARSER = Parser(VERSION, _OBJECTS, base.responses(_OBJECTS), base.FAILURE, Rules(query_timestamps=False),
                schema_names=base.SCHEMA_NAMES, inline_schemas=True)  # v0.0.42's number schemas, inline
