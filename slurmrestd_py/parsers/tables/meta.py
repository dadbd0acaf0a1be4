"""What surrounds every answer of the v0.0.4x family: meta, errors[], warnings[]."""
from ..types import INT32, STRING, List, table

STRING_ARRAY = List(STRING, "string_array")
META = table("openapi_meta", (
    ("plugin/type", "plugin_type", STRING, "Slurm plugin type (if applicable)"),
    ("plugin/name", "plugin_name", STRING, "Slurm plugin name (if applicable)"),
    ("plugin/data_parser", "data_parser", STRING, "Slurm data_parser plugin"),
    ("plugin/accounting_storage", "accounting_storage", STRING, "Slurm accounting plugin"),
    ("client/source", "source", STRING, "Client source description"),
    ("client/user", "user", STRING, "Client user (if known)"),
    ("client/group", "group", STRING, "Client group (if known)"),
    ("command", "command", STRING_ARRAY, "CLI command (if applicable)"),
    ("slurm/version/major", "major", STRING, "Slurm release major version"),
    ("slurm/version/micro", "micro", STRING, "Slurm release micro version"),
    ("slurm/version/minor", "minor", STRING, "Slurm release minor version"),
    ("slurm/release", "release", STRING, "Slurm release string"),
    ("slurm/cluster", "cluster", STRING, "Slurm cluster name"),
))
ERRORS = List(table("openapi_error", (
    ("description", "description", STRING, "Long form error description"),
    ("error_number", "error_number", INT32, "Slurm numeric error identifier"),
    ("error", "error", STRING, "Short form error description"),
    ("source", "source", STRING, "Source of error or where error was first detected"),
)), "openapi_errors")
WARNINGS = List(table("openapi_warning", (
    ("description", "description", STRING, "Long form warning description"),
    ("source", "source", STRING, "Source of warning or where warning was first detected"),
)), "openapi_warnings")
ENVELOPE = (
    ("meta", "meta", META, "Slurm meta values"),
    ("errors", "errors", ERRORS, "Query errors"),
    ("warnings", "warnings", WARNINGS, "Query warnings"),
)
# An answer that failed before its payload was made: the reference writes these three, in this order.
FAILURE = table("openapi_resp", (ENVELOPE[1], ENVELOPE[2], ENVELOPE[0]))
# The schema of such an answer in our document (the reference's own openapi_resp, keys as it lists them).
FAILURE_SCHEMA = table("openapi_resp", ENVELOPE)


def objects(version):
    return {}


def responses(version, objects):
    return {}


def response(name, rows, version, inline=False):
    """A whole answer: its payload rows, then meta, errors and warnings. `inline`: v0.0.41's
    document writes it where it is used (as it does the answers of deletions), not as a schema."""
    out = table(name, (*rows, *ENVELOPE), version)
    out.inline_resp = inline
    return out
