"""API v0.0.40 (Slurm 23.11 to 25.05)."""
from . import Parser, Rules
from .v0_0_42 import TABLES

RULES = Rules(query_timestamps=False, bad_flag_rejects_query=True, timestamp_strings_detected=False,
              body_type_warnings_objects=True, body_type_warning_value=False, parameters_deprecated=False, type_warning_quotes_value=False,
              messages_name_types=True, numbers_are_objects=True, signal_error_einval=True,
              query_group_names=False, query_number_warns=True)


def build():
    """This version's parser, built by parsers.get() for the version a request names (only that one)."""
    return Parser.build("v0.0.40", TABLES, rules=RULES)
