"""API v0.0.44 (Slurm 25.11 to 26.05): so far v0.0.42's tables, with 26.05's handlers' behaviour."""
from ..fields import replace
from . import Parser
from .v0_0_42 import SCHEMA_NAMES, TABLES
from .v0_0_43 import DEPRECATED_PARAMETERS, INLINE_NAMES
from .v0_0_43 import RULES as V43_RULES

# v0.0.44 on name their parse functions without the version
RULES = replace(V43_RULES, versioned_parse_functions=False, hostlist_bad_input=True)


def build():
    """This version's parser, built by parsers.get() for the version a request names (only that one)."""
    return Parser.build("v0.0.44", TABLES, rules=RULES, schema_names=SCHEMA_NAMES, inline_names=INLINE_NAMES,
                        deprecated_parameters=DEPRECATED_PARAMETERS)
