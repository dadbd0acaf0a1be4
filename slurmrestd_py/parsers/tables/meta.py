"""What surrounds every answer of the v0.0.4x family: meta, errors[], warnings[]; and v0.0.39's,
which comes first in its answers and writes only the keys an entry has."""
from ..types import INT32, STRING, List, Type, table
from . import V39

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


# v0.0.39 (its plugins' init_connection()): meta as its document has it, but for data_parser and
# client/source, which its answers write all the same; the version numbers are integers
META_V39 = table("meta", (
    ("plugin/type", "plugin_type", STRING, ""),
    ("plugin/name", "plugin_name", STRING, ""),
    ("plugin/data_parser", lambda r: r["data_parser"].rpartition("/")[2], STRING, None),
    ("client/source", "source", STRING, None),
    ("Slurm/version/major", lambda r: int(r["major"]), INT32, ""),
    ("Slurm/version/micro", lambda r: int(r["micro"]), INT32, ""),
    ("Slurm/version/minor", lambda r: int(r["minor"]), INT32, ""),
    ("Slurm/release", "release", STRING, "version specifier"),
))


class _Entries(Type):
    """v0.0.39's errors[] / warnings[]: each entry only with the keys resp_error() / resp_warn()
    set: a description if there is one, error_number and error if the code is not 0, a source."""

    def __init__(self, name, keys, item):
        self.name, self.keys, self.item, self.unset = name, keys, item, ()

    def dump(self, entries):
        out = []
        for e in entries or ():
            keep = {k: e.get(k) for k in self.keys if e.get(k) is not None}
            if not keep.get("error_number"):
                keep.pop("error_number", None)
                keep.pop("error", None)
            out.append(keep)
        return out

    def body(self, schemas):
        return {"type": "array", "items": self.item.ref(schemas)}


ERRORS_V39 = _Entries("errors", ("description", "error_number", "error", "source"), table("error", (
    ("error_number", "error_number", INT32, "Slurm internal error number"),
    ("error", "error", STRING, "Error message"),
    ("source", "source", STRING, "Where error occurred in the source"),
    ("description", "description", STRING, "Explanation of cause of error"),
)))
WARNINGS_V39 = _Entries("warnings", ("description", "source"), table("warning", (
    ("warning", "warning", STRING, "Earning message"),
    ("source", "source", STRING, "Where error occurred in the source"),
    ("description", "description", STRING, "Explanation of cause of error"),
)))
ENVELOPE_V39 = (
    ("meta", "meta", META_V39, None),
    ("errors", "errors", ERRORS_V39, None),
    ("warnings", "warnings", WARNINGS_V39, None),
)
FAILURE_V39 = table("openapi_resp", ENVELOPE_V39)


def failure(version):
    """The answer of `version` that failed before its payload was made."""
    return FAILURE_V39 if version in V39 else FAILURE


def objects(version):
    return {}


def responses(version, objects):
    return {}


def response(name, rows, version):
    """A whole answer: its payload rows, then meta, errors and warnings (v0.0.39: those first)."""
    if version in V39:
        return table(name, (*ENVELOPE_V39, *rows), version)
    return table(name, (*rows, *ENVELOPE), version)
