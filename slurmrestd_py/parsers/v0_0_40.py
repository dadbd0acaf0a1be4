"""API v0.0.40 (Slurm 23.11 to 25.05): v0.0.41's tables but where they differ."""
from . import Parser, Rules
from . import v0_0_42 as base

VERSION = "v0.0.40"
# v0.0.40 does not write a partition's consumable resource type
PARTITION_ROWS = tuple(r for r in base.PARTITION_ROWS if r[0] != "select_type")
_OBJECTS = base.objects(PARTITION_ROWS)
PARSER = Parser(VERSION, _OBJECTS, base.responses(_OBJECTS), base.FAILURE, Rules(query_timestamps=False, bad_flag_rejects_query=True))
