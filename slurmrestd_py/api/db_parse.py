"""dbv0.0.38 request bodies -> slurmdb record fields, as the reference's parse.c reads them.

A table lists (path, C field, kind, required) in the reference's order. `parse()` walks it like its
_parser_run(): the first field that fails ends the walk with "Failed to parse field 'x'"; a missing
required field is reported with no error number and also ends the walk, yet is no failure (the
reference carries on, and slurmdbd refuses what is left unset).

The result maps C field names to C values (NO_VAL / INFINITE sentinels included) for the backend to
set on a record it initialised the way the reference does; flag fields hold `Flags` of libslurm
constant names to OR in.
"""
import math
import re

from ..slurm import convert
from .db import lookup
from ..slurm.slurmdb import Flags, error_entry

ESLURM_REST_FAIL_PARSING = 9001
ESLURM_REST_EMPTY_RESULT = 9003
ESLURM_INVALID_TRES = 2115  # slurm_errno.h
ESLURM_DATA_CONV_FAILED = 9202

_INT64 = 1 << 64


class Fail(Exception):
    def __init__(self, rc):
        super().__init__(rc)
        self.rc = rc


class Env:
    """What parsing looks names up in: the TRES and QOS as slurmdbd listed them for this request."""

    def __init__(self, tres=(), qos=()):
        self.tres = list(tres)  # [{type, name, id, count}]
        self.qos = list(qos)  # [(id, name)]


# -- scalars, as data_convert_type() converts ---------------------------------------------
def _text(value):
    """A primitive as a string, or Fail (dicts and lists never convert)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:f}"
    if value is None:
        return ""
    raise Fail(ESLURM_DATA_CONV_FAILED)


def _int(value):
    """An int64, or Fail: integers, whole-number strings, floats rounded as lrint() does."""
    if isinstance(value, bool):
        raise Fail(ESLURM_DATA_CONV_FAILED)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return round(value)
    if isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]+", value):
        return int(value)
    raise Fail(ESLURM_DATA_CONV_FAILED)


def _float(value):
    if isinstance(value, bool):
        raise Fail(ESLURM_DATA_CONV_FAILED)
    if isinstance(value, int):
        if value == -1:  # INFINITE64
            return math.inf
        if value == -2:  # NO_VAL64
            return math.nan
        return float(value)
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        if re.fullmatch(r"[+-]?[0-9]*[.][0-9]*([eE][+-]?[0-9]+)?", value):
            try:
                return float(value)
            except ValueError:
                pass
    raise Fail(ESLURM_DATA_CONV_FAILED)


def string(value, env, errors, key):
    return None if value is None else _text(value)


def _unsigned(bits, no_val, infinite):
    """A uintN_t parser: null is INFINITE; the int64's NO_VAL64 and INFINITE64 become the
    N-bit sentinels; any other value wider than N bits fails."""
    high = ~((1 << bits) - 1) % _INT64

    def parse_unsigned(value, env, errors, key):
        if value is None:
            return infinite
        u = _int(value) % _INT64
        if u == convert.NO_VAL64:
            return no_val
        if u == convert.INFINITE64:
            return infinite
        if u & high:
            raise Fail(ESLURM_DATA_CONV_FAILED)
        return u

    return parse_unsigned


uint32 = _unsigned(32, convert.NO_VAL, convert.INFINITE)
uint16 = _unsigned(16, convert.NO_VAL16, convert.INFINITE16)


def int64(value, env, errors, key):
    return convert.NO_VAL if value is None else _int(value)


def float64(value, env, errors, key):
    return float(convert.NO_VAL) if value is None else _float(value)


def flags(table):
    """table: [(label, C field, constant name or None for a Boolean field set to 1)]."""

    def parse_flags(value, env, errors, key):
        if not isinstance(value, list):
            raise Fail(ESLURM_REST_FAIL_PARSING)
        out = {}
        for item in value:
            try:
                word = _text(item)
            except Fail:
                raise Fail(ESLURM_REST_FAIL_PARSING) from None
            matched = False
            for label, field, const in table:
                if word.lower() == label.lower():
                    matched = True
                    if const is None:
                        out[field] = 1
                    else:
                        out[field] = Flags(out.get(field, Flags()) + (const,))
            if not matched:
                errors.append(error_entry(ESLURM_REST_FAIL_PARSING, "Unknown flag", key))
                raise Fail(ESLURM_REST_FAIL_PARSING)
        return out

    parse_flags.several = True
    return parse_flags


def qos_id(value, env, errors, key):
    """A QOS name -> its id (null: 0); names match exactly, as slurmdb_find_qos_in_list_by_name."""
    if value is None:
        return 0
    name = _text(value)
    if not name:
        raise Fail(ESLURM_DATA_CONV_FAILED)
    for qid, qname in env.qos:
        if qname == name:
            return qid
    raise Fail(ESLURM_REST_EMPTY_RESULT)


def qos_id_list(value, env, errors, key):
    """QOS names (or {name}) -> id strings as slurmdb_addto_qos_char_list() makes them; an empty
    list becomes "''", slurmdbd's "explicitly none"."""
    if not isinstance(value, list):
        raise Fail(ESLURM_REST_FAIL_PARSING)  # data_list_for_each() on a non-list fails
    out = []
    for item in value:
        try:
            if isinstance(item, dict) and "name" in item:
                name = _text(item["name"])
            elif isinstance(item, str):
                name = item
            else:
                raise Fail(ESLURM_REST_FAIL_PARSING)
        except Fail:
            raise Fail(ESLURM_REST_FAIL_PARSING) from None
        if _add_qos_names(out, name, env) <= 0:
            errors.append(error_entry(ESLURM_REST_FAIL_PARSING, "QOS name to ID conversion failed",
                                      name))
            raise Fail(ESLURM_REST_FAIL_PARSING)
    return out or ["''"]


def _add_qos_names(out, names, env):
    """slurmdb_addto_qos_char_list(option 0): comma-separated names, +/- prefixes kept; how many
    new entries were added (0 or less is a failure)."""
    if names == "":
        out.append("")
        return 1
    by_name = {}
    for qid, qname in env.qos:
        by_name.setdefault((qname or "").lower(), qid)
    count, equal_set, add_set = 0, False, False
    for name in (n for n in names.split(",") if n):
        option = ""
        if name[0] in "+-":
            option, name = name[0], name[1:]
        qid = by_name.get(name.lower())
        if qid is None or (option and equal_set) or (not option and add_set):
            return -1
        add_set, equal_set = add_set or bool(option), equal_set or not option
        entry = f"{option}{qid}"
        if entry not in out:
            out.append(entry)
            count += 1
    return count


def tres_list(value, env, errors, key):
    """[{type, name, id, count}] -> "id=count,..." after finding each TRES as the reference does."""
    parts = []
    for fields in _each_record(value, TRES, env, errors):
        tres = {"type": None, "name": None, "id": 0, "count": 0, **fields}
        if tres["count"] < 0:
            errors.append(error_entry(ESLURM_REST_FAIL_PARSING, "TRES count below 0", "count"))
            raise Fail(ESLURM_REST_FAIL_PARSING)
        found = next((t for t in env.tres if _tres_matches(tres, t)), None)
        if found is None:
            errors.append(error_entry(
                ESLURM_INVALID_TRES,
                f"Couldn't find TRES matching name:{_c(tres['name'])} type:{_c(tres['type'])}",
                "_for_each_parse_tres_count"))
            raise Fail(ESLURM_REST_FAIL_PARSING)
        if tres["id"] > 0 and tres["id"] != found["id"]:
            errors.append(error_entry(
                ESLURM_INVALID_TRES,
                f"Requested TRES id({tres['id']}) doesn't match TRES type/name"
                f"({_c(found['type'])}/{_c(found['name'])}) which id is {found['id']}",
                "_for_each_parse_tres_count"))
            raise Fail(ESLURM_REST_FAIL_PARSING)
        parts.append(f"{tres['id'] or found['id']}={tres['count'] % _INT64}")
    if not parts:
        raise Fail(ESLURM_REST_FAIL_PARSING)  # slurmdb_make_tres_string() of nothing is NULL
    return ",".join(parts)


def _c(text):
    return "(null)" if text is None else text


def _same(a, b):
    return a is not None and b is not None and a.lower() == b.lower() or a is None and b is None


def _tres_matches(want, have):
    """The reference's _find_tres_id()."""
    if want["id"] > 0 and want["id"] == have["id"] and (
            not want["type"] or _same(want["type"], have["type"])) and (
            not want["name"] or _same(want["name"], have["name"])):
        return True
    if not want["name"] and _same(want["type"], have["type"]):
        return True
    return _same(want["name"], have["name"]) and _same(want["type"], have["type"])


def account_list(value, env, errors, key):
    """wckey accounts: names, read and dropped (slurmdbd takes none when adding a wckey)."""
    if not isinstance(value, list):
        raise Fail(ESLURM_REST_FAIL_PARSING)
    for item in value:
        if item is None or isinstance(item, (dict, list)):
            raise Fail(ESLURM_REST_FAIL_PARSING)
    return None


def select_plugin(value, env, errors, key):
    """The reference's select_string_to_plugin_id() test leaves 1 for any string."""
    if value is None or isinstance(value, (dict, list)):
        raise Fail(ESLURM_REST_FAIL_PARSING)
    return 1


def assoc_usage(value, env, errors, key):
    """Only a dictionary parses (null, as GET renders it, does not); nothing of it is sent."""
    if not isinstance(value, dict):
        raise Fail(ESLURM_REST_FAIL_PARSING)
    return None


def ignored(value, env, errors, key):
    """A path the reference has no parser for: accepted, nothing set."""
    return None


def admin_level(value, env, errors, key):
    """str_2_slurmdb_admin_level(): only the first letter counts (n, o, s or a); 0 is unset."""
    try:
        initial = _text(value)[:1].lower()
    except Fail:
        raise Fail(ESLURM_REST_FAIL_PARSING) from None
    level = {"n": 1, "o": 2, "s": 3, "a": 3}.get(initial)
    if level is None:
        raise Fail(ESLURM_REST_FAIL_PARSING)
    return level


def _records_of(table):
    """A list of dictionaries, each parsed by `table` into a record. Their errors are dropped, as
    the reference's list parsers pass none on; a missing required field leaves a record with that
    field (and the rest) unset, which slurmdbd then refuses."""

    def parse_list(value, env, errors, key):
        return list(_each_record(value, table, env, []))

    return parse_list


def _each_record(value, table, env, errors):
    """The items of a list of dictionaries, each parsed by `table`; anything else, or an item that
    fails, fails the whole list."""
    if not isinstance(value, list):
        raise Fail(ESLURM_REST_FAIL_PARSING)
    for item in value:
        if not isinstance(item, dict):
            raise Fail(ESLURM_REST_FAIL_PARSING)
        try:
            fields = parse(table, item, env, errors)
        except Fail:
            raise Fail(ESLURM_REST_FAIL_PARSING) from None
        yield fields


_MISSING = object()


def parse(table, item, env, errors):
    """Fields of one body item, or Fail(rc) after the reference's errors[] entries."""
    out = {}
    for path, field, kind, required in table:
        value = lookup(item, path, _MISSING)
        if value is _MISSING:
            if required:
                errors.append(error_entry(0, f"Missing required field '{path}'", "_parser_run"))
                break
            continue
        try:
            parsed = kind(value, env, errors, path)
        except Fail as e:
            req = "required " if required else ""
            errors.append(error_entry(e.rc, f"Failed to parse {req}field '{path}'", "_parser_run"))
            raise
        if getattr(kind, "several", False):
            out.update(parsed)
        elif field is not None:
            out[field] = parsed
    return out


def _t(path, field, kind, required=False):
    return (path, field, kind, required)


TRES = (
    _t("type", "type", string, True),
    _t("name", "name", string),
    _t("id", "id", uint32),
    _t("count", "count", int64),
)

ASSOC = (
    _t("account", "acct", string, True),
    _t("cluster", "cluster", string),
    _t("default/qos", "def_qos_id", qos_id),
    _t("flags", None, flags([("DELETED", "flags", "ASSOC_FLAG_DELETED"),
                             ("DEFAULT", "is_def", None)])),
    _t("max/jobs/per/count", "grp_jobs", uint32),
    _t("max/jobs/per/accruing", "grp_jobs_accrue", uint32),
    _t("max/jobs/per/submitted", "grp_submit_jobs", uint32),
    _t("max/tres/total", "grp_tres", tres_list),
    _t("max/tres/minutes/per/job", "max_tres_mins_pj", tres_list),
    _t("max/tres/group/minutes", "grp_tres_mins", tres_list),
    _t("max/tres/group/active", "grp_tres_run_mins", tres_list),
    _t("is_default", "is_def", uint16),
    _t("max/jobs/active", "max_jobs", uint32),
    _t("max/jobs/accruing", "max_jobs_accrue", uint32),
    _t("max/jobs/total", "max_submit_jobs", uint32),
    _t("max/tres/minutes/total", "max_tres_run_mins", tres_list),
    _t("max/per/account/wall_clock", "grp_wall", uint32),
    _t("max/tres/per/job", "max_tres_pj", tres_list),
    _t("max/tres/per/node", "max_tres_pn", tres_list),
    _t("max/jobs/per/wall_clock", "max_wall_pj", uint32),
    _t("min/priority_threshold", "min_prio_thresh", uint32),
    _t("parent_account", "parent_acct", string),
    _t("partition", "partition", string),
    _t("priority", "priority", uint32),
    _t("qos", "qos_list", qos_id_list),
    _t("shares_raw", "shares_raw", uint32),
    _t("usage", None, assoc_usage),
    _t("user", "user", string, True),
)

QOS_FLAGS = [(label, "flags", const) for label, const in (
    ("PARTITION_MINIMUM_NODE", "QOS_FLAG_PART_MIN_NODE"),
    ("PARTITION_MAXIMUM_NODE", "QOS_FLAG_PART_MAX_NODE"),
    ("PARTITION_TIME_LIMIT", "QOS_FLAG_PART_TIME_LIMIT"),
    ("ENFORCE_USAGE_THRESHOLD", "QOS_FLAG_ENFORCE_USAGE_THRES"),
    ("NO_RESERVE", "QOS_FLAG_NO_RESERVE"),
    ("REQUIRED_RESERVATION", "QOS_FLAG_REQ_RESV"),
    ("DENY_LIMIT", "QOS_FLAG_DENY_LIMIT"),
    ("OVERRIDE_PARTITION_QOS", "QOS_FLAG_OVER_PART_QOS"),
    ("NO_DECAY", "QOS_FLAG_NO_DECAY"),
    ("USAGE_FACTOR_SAFE", "QOS_FLAG_USAGE_FACTOR_SAFE"),
)]
PREEMPT_MODES = [(label, "preempt_mode", f"PREEMPT_MODE_{label}")
                 for label in ("SUSPEND", "REQUEUE", "CANCEL", "GANG")]

QOS = (
    _t("description", "description", string),
    _t("flags", None, flags(QOS_FLAGS)),
    _t("id", "id", uint32),
    _t("limits/grace_time", "grace_time", uint32),
    _t("limits/max/active_jobs/accruing", "grp_jobs_accrue", uint32),
    _t("limits/max/active_jobs/count", "grp_jobs", uint32),
    _t("limits/max/tres/total", "grp_tres", tres_list),
    _t("limits/max/tres/minutes/per/qos", "grp_tres_run_mins", tres_list),
    _t("name", "name", string),
    _t("limits/max/wall_clock/per/qos", "grp_wall", uint32),
    _t("limits/factor", "limit_factor", float64),
    _t("limits/max/jobs/active_jobs/per/account", "max_jobs_pa", uint32),
    _t("limits/max/jobs/active_jobs/per/user", "max_jobs_pu", uint32),
    _t("limits/max/accruing/per/account", "max_jobs_accrue_pa", uint32),
    _t("limits/max/accruing/per/user", "max_jobs_accrue_pu", uint32),
    _t("limits/max/jobs/per/account", "max_submit_jobs_pa", uint32),
    _t("limits/max/jobs/per/user", "max_submit_jobs_pu", uint32),
    _t("limits/max/tres/minutes/per/job", "max_tres_mins_pj", tres_list),
    _t("limits/max/tres/per/account", "max_tres_pa", tres_list),
    _t("limits/max/tres/per/job", "max_tres_pj", tres_list),
    _t("limits/max/tres/per/node", "max_tres_pn", tres_list),
    _t("limits/max/tres/per/user", "max_tres_pu", tres_list),
    _t("limits/max/tres/minutes/per/account", "max_tres_run_mins_pa", tres_list),
    _t("limits/max/tres/minutes/per/user", "max_tres_run_mins_pu", tres_list),
    _t("limits/max/wall_clock/per/job", "max_wall_pj", uint32),
    _t("limits/min/priority_threshold", "min_prio_thresh", uint32),
    _t("limits/min/tres/per/job", "min_tres_pj", tres_list),
    _t("preempt/list", "preempt_list", qos_id_list),
    _t("preempt/mode", None, flags(PREEMPT_MODES)),
    _t("preempt/exempt_time", "preempt_exempt_time", uint32),
    _t("priority", "priority", uint32),
    _t("usage_factor", "usage_factor", float64),
    _t("usage_threshold", "usage_thres", float64),
)

WCKEY = (
    _t("accounts", None, account_list),
    _t("cluster", "cluster", string, True),
    _t("id", "id", uint32, True),
    _t("name", "name", string, True),
    _t("user", "user", string, True),
    _t("flags", None, flags([("DELETED", "flags", "SLURMDB_WCKEY_FLAG_DELETED"),
                             ("DEFAULT", "is_def", None)])),
)

CLUSTER = (
    _t("controller/host", "control_host", string),
    _t("controller/port", "control_port", uint32),
    _t("flags", None, flags([(label, "flags", const) for label, const in (
        ("MULTIPLE_SLURMD", "CLUSTER_FLAG_MULTSD"), ("FRONT_END", "CLUSTER_FLAG_FE"),
        ("CRAY_NATIVE", "CLUSTER_FLAG_CRAY"), ("FEDERATION", "CLUSTER_FLAG_FED"),
        ("EXTERNAL", "CLUSTER_FLAG_EXT"))])),
    _t("name", "name", string),
    _t("nodes", "nodes", string),
    _t("select_plugin", "plugin_id_select", select_plugin),
    _t("associations/root", None, ignored),
    _t("rpc_version", "rpc_version", uint16),
    _t("tres", "tres_str", tres_list),
)


COORD = (
    _t("name", "name", string, True),
    _t("direct", "direct", uint16),
)

ASSOC_SHORT = (
    _t("account", "acct", string, True),
    _t("cluster", "cluster", string),
    _t("partition", "partition", string),
    _t("user", "user", string, True),
)

USER = (
    _t("administrator_level", "admin_level", admin_level),
    _t("associations", "associations", _records_of(ASSOC_SHORT)),
    _t("coordinators", "coordinators", _records_of(COORD)),
    _t("default/account", "default_acct", string),
    _t("default/wckey", "default_wckey", string),
    _t("flags", None, flags([("DELETED", "flags", "SLURMDB_USER_FLAG_DELETED")])),
    _t("name", "name", string, True),
)

ACCOUNT = (
    _t("associations", "associations", _records_of(ASSOC_SHORT)),
    _t("coordinators", "coordinators", _records_of(COORD)),
    _t("description", "description", string),
    _t("name", "name", string),
    _t("organization", "organization", string),
    _t("flags", None, flags([("DELETED", "flags", "SLURMDB_ACCT_FLAG_DELETED")])),
)
