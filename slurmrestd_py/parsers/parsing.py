"""Reading request bodies in the parser versions, as the reference's data_parser reads them
(DATA_PARSE): each value is checked against the OpenAPI type of its parser (a mismatch is a warning
naming both, and the value is converted if it can be), then parsed; a failure ends the parse. Some
failures are reported (errors[], the value's path as source), others end it silently, as the
reference's do (its handler then answers with neither a payload nor an error).

    report = Report(ctx)
    value = report.run(lambda: TYPE.parse(body, "#/", report))   # None: the parse failed
"""
import json
import math
import re

PATH_NOT_FOUND = 9200  # ESLURM_DATA_PATH_NOT_FOUND
CONVERSION_FAILED = 9202  # ESLURM_DATA_CONV_FAILED
FLAGS_INVALID_TYPE = 9206  # ESLURM_DATA_FLAGS_INVALID_TYPE
EXPECTED_LIST = 9208  # ESLURM_DATA_EXPECTED_LIST
EXPECTED_DICT = 9209  # ESLURM_DATA_EXPECTED_DICT
INVALID_FLAG = 9207  # ESLURM_DATA_FLAGS_INVALID
# errnos 23.02 on name that 22.05's libslurm has no text for
TEXTS = {PATH_NOT_FOUND: "Unable to resolve path", FLAGS_INVALID_TYPE: "Data parser expects flags to be a list",
         CONVERSION_FAILED: "Unable to convert Data type", EXPECTED_LIST: "Data parser expected a list",
         INVALID_FLAG: "Data parser unable to parse invalid flag",
         EXPECTED_DICT: "Data parser expected a dictionary or object"}


class Failed(Exception):
    """The parse failed (already reported, or silently as the reference fails)."""


class Report:
    """Where a parse reports: the request's errors[] and warnings[]."""

    def __init__(self, ctx):
        self.ctx, self.rules = ctx, ctx.parser.rules
        # what one field's parse leaves for a later field's of the same object, as the reference's
        # parsers write into the one C struct (a partition's Exclusive= for its OverSubscribe=)
        self.memo = {}

    def shown(self, value):
        """A value in a message: itself (%pd), or in v0.0.40 its data type's name."""
        return slurm_type(value) if self.rules.messages_name_types else text(value)

    def warn(self, at, description):
        self.ctx.warn(at, description)

    def fail(self, at, code, description):
        self.ctx.error(code, at, description, TEXTS.get(code))
        raise Failed()

    @staticmethod
    def silent():
        raise Failed()

    def run(self, parse):
        try:
            return parse()
        except Failed:
            return None


def child(at, key):
    """The path of a dict's member: "#/job/" + "name" -> "#/job/name/"."""
    return f"{at}{key}/"


def item(at, index):
    """The path of a list's item: "#/jobs/" + 0 -> "#/jobs[0]/"."""
    return f"{at[:-1]}[{index}]/"


# -- data_t types, as the reference names them -------------------------------------------------
def openapi_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


_SLURM_TYPES = {"null": "null", "boolean": "boolean", "integer": "64 bit integer",
                "number": "floating point number", "string": "string", "array": "list",
                "object": "dictionary"}


def slurm_type(value):
    return _SLURM_TYPES[openapi_type(value)]


def text(value):
    """A value as the reference prints it in messages (%pd: compact JSON, "/" escaped)."""
    if isinstance(value, float) and math.isfinite(value) and not value.is_integer():
        return f"{value:.17g}"  # (a double as the reference's serializer writes it: 1.8999999999999999)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("/", "\\/")


# What a parser's OpenAPI type is written as in the mismatch warning, and what it must be.
EXPECT_STRING = ("string", "type=string (Slurm type=string)")
EXPECT_INT32 = ("integer", "type=integer format=int32 (Slurm type=64 bit integer)")
EXPECT_INT64 = ("integer", "type=integer format=int64 (Slurm type=64 bit integer)")
EXPECT_DOUBLE = ("number", "type=number format=double (Slurm type=floating point number)")
EXPECT_BOOL = ("boolean", "type=boolean (Slurm type=boolean)")
EXPECT_LIST = ("array", "type=array (Slurm type=list)")
EXPECT_DICT = ("object", "type=object (Slurm type=dictionary)")


def check(expect, value, at, report):
    """_parse_check_openapi(): a value not of its parser's OpenAPI type is a warning."""
    if expect is None or value is None or openapi_type(value) == expect[0]:
        return
    found = f"Expected OpenAPI {expect[1]} but got OpenAPI type={openapi_type(value)} (Slurm type={slurm_type(value)})"
    report.warn(at, found if report.rules.messages_name_types else f"{found}: {text(value)}")


# -- data_convert_type() ---------------------------------------------------------------------
_INT = re.compile(r"^\s*[-+]?\d+\s*$")


def to_string(value):
    """-> str, or None when it cannot be one (a list or a dict)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:f}"
    return None


def to_int(value):
    """-> int, or None."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):  # lrint(): to the nearest, halves to even
        return round(value) if math.isfinite(value) else None
    if isinstance(value, str) and re.fullmatch(r"0[xX][0-9a-fA-F]+", value):  # (data.c reads hex too)
        return int(value, 16)
    if isinstance(value, str) and _INT.match(value):
        return int(value)
    return None


_TRUE = {"true", "yes", "t", "y", "1"}
_FALSE = {"false", "no", "f", "n", "0"}


def to_bool(value):
    """-> bool, or None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value)
    if isinstance(value, str):
        low = value.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        number = to_float(value)  # (data.c forces: a number is != 0, any other string is true)
        return True if number is None else number != 0
    return None


def to_float(value):
    """-> float, or None."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None
