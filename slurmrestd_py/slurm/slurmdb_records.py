"""slurmdb C records -> dbv0.0.38 records, as the reference's parse.c dumps them.

Each record is built from (path, value) pairs in the reference's table order: a path such as
"max/jobs/per/count" creates nested objects in first-use order, which is how the reference's keys
come out ordered. Numbers follow its dumpers: NO_VAL and INFINITE become null.
"""
import math
import re

from . import convert
from ._lib import load


def put(record, path, value):
    keys = path.split("/")
    for key in keys[:-1]:
        record = record.setdefault(key, {})
    record[keys[-1]] = value


def build(pairs):
    record = {}
    for path, value in pairs:
        put(record, path, value)
    return record


def u32(v):
    return None if v in (convert.NO_VAL, convert.INFINITE) else v


def u16(v):
    return None if v in (convert.NO_VAL16, convert.INFINITE16) else v


def i64(v):
    """An int64 field (uint64 in C for TRES counts): null for NO_VAL64/INFINITE64."""
    if v in (convert.NO_VAL64, convert.INFINITE64):
        return None
    return v - (1 << 64) if v >= (1 << 63) else v


def f64(v):
    """The reference tests `(uint32_t) value` against INFINITE and NO_VAL (its bug#9674)."""
    if math.isfinite(v) and -(2 ** 63) <= v < 2 ** 63:
        if int(v) & 0xFFFFFFFF in (convert.NO_VAL, convert.INFINITE):
            return None
    return float(v)


def s(ffi, p):
    return convert.string(ffi, p)


def flag_names(value, names):
    """names: [(constant name, label)] -> labels of the bits set, in table order."""
    _, lib = load()
    return [label for const, label in names if value & getattr(lib, const)]


_ATOI = re.compile(r"[ \t\n\v\f\r]*([+-]?[0-9]+)?")  # what atoi()/strtoull() read


def tres_pairs(text):
    """(id, count) pairs of a TRES string "1=2,2=100", as slurmdb_tres_list_from_string() reads
    it: atoi/strtoull prefixes, the first of a repeated id wins, and parsing stops at an item
    without a positive id or an "=". Counts are uint64."""
    if not text:
        return []
    out, seen = [], set()
    pos = 1 if text[0] == "," else 0
    while True:
        digits = _ATOI.match(text, pos).group(1)
        value = max(min(int(digits), (1 << 63) - 1), -(1 << 63)) if digits else 0  # strtol
        tid = (value + (1 << 31)) % (1 << 32) - (1 << 31)  # ... cast to int
        if tid <= 0:
            break
        eq = text.find("=", pos)
        if eq < 0:
            break
        digits = _ATOI.match(text, eq + 1).group(1)
        value = int(digits) if digits else 0
        if abs(value) >= (1 << 64):
            count = (1 << 64) - 1  # strtoull() saturates
        else:
            count = value % (1 << 64)  # and negates in unsigned arithmetic
        if tid not in seen:
            seen.add(tid)
            out.append((tid, count))
        comma = text.find(",", eq + 1)
        if comma < 0:
            break
        pos = comma + 1
    return out


def tres_list(ffi, ptr, tres):
    """A TRES string "1=2,2=100" -> [{type, name, id, count}] named from the TRES table."""
    by_id = {t["id"]: t for t in tres}
    out = []
    for tid, count in tres_pairs(s(ffi, ptr)):
        known = by_id.get(tid, {})
        out.append({"type": known.get("type"), "name": known.get("name"), "id": tid,
                    "count": i64(count)})
    return out


def tres_record(ffi, t):
    return {"type": s(ffi, t.type), "name": s(ffi, t.name), "id": u32(t.id), "count": i64(t.count)}


def string_list(ffi, c_list):
    _, lib = load()
    return [s(ffi, ffi.cast("char *", p)) for p in walk(ffi, lib, c_list)]


def walk(ffi, lib, c_list):
    """The items of a C List (NULL: none), as a Python list of pointers."""
    items = []
    if c_list == ffi.NULL:
        return items
    it = lib.slurm_list_iterator_create(c_list)
    while True:
        item = lib.slurm_list_next(it)
        if item == ffi.NULL:
            break
        items.append(item)
    lib.slurm_list_iterator_destroy(it)
    return items


def assoc_short(ffi, a):
    return {"account": s(ffi, a.acct), "cluster": s(ffi, a.cluster),
            "partition": s(ffi, a.partition), "user": s(ffi, a.user)}


def assoc_short_list(ffi, c_list):
    _, lib = load()
    return [assoc_short(ffi, ffi.cast("slurmdb_assoc_rec_t *", a)) for a in walk(ffi, lib, c_list)]


def coord_list(ffi, c_list):
    _, lib = load()
    out = []
    for p in walk(ffi, lib, c_list):
        c = ffi.cast("slurmdb_coord_rec_t *", p)
        out.append({"name": s(ffi, c.name), "direct": u16(c.direct)})
    return out


def account_record(ffi, a):
    return build([
        ("associations", assoc_short_list(ffi, a.assoc_list)),
        ("coordinators", coord_list(ffi, a.coordinators)),
        ("description", s(ffi, a.description)),
        ("name", s(ffi, a.name)),
        ("organization", s(ffi, a.organization)),
        ("flags", flag_names(a.flags, [("SLURMDB_ACCT_FLAG_DELETED", "DELETED")])),
    ])


ADMIN_LEVELS = {0: "Not Set", 1: "None", 2: "Operator", 3: "Administrator"}


def user_record(ffi, u):
    return build([
        ("administrator_level", ADMIN_LEVELS.get(u.admin_level, "Unknown")),
        ("associations", assoc_short_list(ffi, u.assoc_list)),
        ("coordinators", coord_list(ffi, u.coord_accts)),
        ("default/account", s(ffi, u.default_acct)),
        ("default/wckey", s(ffi, u.default_wckey)),
        ("flags", flag_names(u.flags, [("SLURMDB_USER_FLAG_DELETED", "DELETED")])),
        ("name", s(ffi, u.name)),
    ])


def _qos_name(qos_id, qos_names):
    return None if qos_id == 0 else qos_names.get(qos_id)


def assoc_record(ffi, a, tres, qos_names, raw_qos=False):
    qos_ids = string_list(ffi, a.qos_list)
    if raw_qos:
        qos = qos_ids
    elif qos_ids:
        qos = sorted(qos_names.get(int(i), i) for i in qos_ids if i.isdigit())
    else:
        qos = [] if a.qos_list != ffi.NULL else None
    flags = flag_names(a.flags, [("ASSOC_FLAG_DELETED", "DELETED")])
    if a.is_def:
        flags.append("DEFAULT")
    return build([
        ("account", s(ffi, a.acct)),
        ("cluster", s(ffi, a.cluster)),
        ("default/qos", _qos_name(a.def_qos_id, qos_names)),
        ("flags", flags),
        ("max/jobs/per/count", u32(a.grp_jobs)),
        ("max/jobs/per/accruing", u32(a.grp_jobs_accrue)),
        ("max/jobs/per/submitted", u32(a.grp_submit_jobs)),
        ("max/tres/total", tres_list(ffi, a.grp_tres, tres)),
        ("max/tres/minutes/per/job", tres_list(ffi, a.max_tres_mins_pj, tres)),
        ("max/tres/group/minutes", tres_list(ffi, a.grp_tres_mins, tres)),
        ("max/tres/group/active", tres_list(ffi, a.grp_tres_run_mins, tres)),
        ("is_default", u16(a.is_def)),
        ("max/jobs/active", u32(a.max_jobs)),
        ("max/jobs/accruing", u32(a.max_jobs_accrue)),
        ("max/jobs/total", u32(a.max_submit_jobs)),
        ("max/tres/minutes/total", tres_list(ffi, a.max_tres_run_mins, tres)),
        ("max/per/account/wall_clock", u32(a.grp_wall)),
        ("max/tres/per/job", tres_list(ffi, a.max_tres_pj, tres)),
        ("max/tres/per/node", tres_list(ffi, a.max_tres_pn, tres)),
        ("max/jobs/per/wall_clock", u32(a.max_wall_pj)),
        ("min/priority_threshold", u32(a.min_prio_thresh)),
        ("parent_account", s(ffi, a.parent_acct)),
        ("partition", s(ffi, a.partition)),
        ("priority", u32(a.priority)),
        ("qos", qos),
        ("shares_raw", u32(a.shares_raw)),
        ("usage", None),  # slurmdbd does not send usage: the reference dumps null
        ("user", s(ffi, a.user)),
    ])


QOS_FLAGS = [
    ("QOS_FLAG_PART_MIN_NODE", "PARTITION_MINIMUM_NODE"),
    ("QOS_FLAG_PART_MAX_NODE", "PARTITION_MAXIMUM_NODE"),
    ("QOS_FLAG_PART_TIME_LIMIT", "PARTITION_TIME_LIMIT"),
    ("QOS_FLAG_ENFORCE_USAGE_THRES", "ENFORCE_USAGE_THRESHOLD"),
    ("QOS_FLAG_NO_RESERVE", "NO_RESERVE"),
    ("QOS_FLAG_REQ_RESV", "REQUIRED_RESERVATION"),
    ("QOS_FLAG_DENY_LIMIT", "DENY_LIMIT"),
    ("QOS_FLAG_OVER_PART_QOS", "OVERRIDE_PARTITION_QOS"),
    ("QOS_FLAG_NO_DECAY", "NO_DECAY"),
    ("QOS_FLAG_USAGE_FACTOR_SAFE", "USAGE_FACTOR_SAFE"),
]
PREEMPT_MODES = [
    ("PREEMPT_MODE_SUSPEND", "SUSPEND"),
    ("PREEMPT_MODE_REQUEUE", "REQUEUE"),
    ("PREEMPT_MODE_CANCEL", "CANCEL"),
    ("PREEMPT_MODE_GANG", "GANG"),
]
_QOS_TRES = ("grp_tres", "grp_tres_run_mins", "max_tres_mins_pj", "max_tres_pa", "max_tres_pj",
             "max_tres_pn", "max_tres_pu", "max_tres_run_mins_pa", "max_tres_run_mins_pu",
             "min_tres_pj")
_QOS_NUM = ("id", "grace_time", "grp_jobs_accrue", "grp_jobs", "grp_wall", "max_jobs_pa",
            "max_jobs_pu", "max_jobs_accrue_pa", "max_jobs_accrue_pu", "max_submit_jobs_pa",
            "max_submit_jobs_pu", "max_wall_pj", "min_prio_thresh", "preempt_exempt_time",
            "priority", "flags", "preempt_mode", "limit_factor", "usage_factor", "usage_thres")


def _bits(ffi, bitstr):
    """Set bits of a bitstr_t (int64 words: magic, bit count, data), bit 0 excluded as Slurm does."""
    if bitstr == ffi.NULL:
        return []
    nbits = bitstr[1]
    return [i for i in range(1, nbits) if bitstr[2 + i // 64] >> (i % 64) & 1]


def qos_raw(ffi, q):
    """A QOS's fields copied out (TRES strings still unparsed), to render once all QOS are known."""
    raw = {name: getattr(q, name) for name in _QOS_NUM}
    raw.update({name: s(ffi, getattr(q, name)) for name in _QOS_TRES})
    raw["description"] = s(ffi, q.description)
    raw["name"] = s(ffi, q.name)
    raw["preempt"] = _bits(ffi, q.preempt_bitstr)
    return raw


def _tres_text(text, tres):
    ffi, _ = load()
    return tres_list(ffi, ffi.new("char[]", text.encode()) if text else ffi.NULL, tres)


def qos_record(q, tres, names_by_id):
    t = lambda name: _tres_text(q[name], tres)  # noqa: E731
    return build([
        ("description", q["description"]),
        ("flags", flag_names(q["flags"], QOS_FLAGS)),
        ("id", u32(q["id"])),
        ("limits/grace_time", u32(q["grace_time"])),
        ("limits/max/active_jobs/accruing", u32(q["grp_jobs_accrue"])),
        ("limits/max/active_jobs/count", u32(q["grp_jobs"])),
        ("limits/max/tres/total", t("grp_tres")),
        ("limits/max/tres/minutes/per/qos", t("grp_tres_run_mins")),
        ("name", q["name"]),
        ("limits/max/wall_clock/per/qos", u32(q["grp_wall"])),
        ("limits/factor", f64(q["limit_factor"])),
        ("limits/max/jobs/active_jobs/per/account", u32(q["max_jobs_pa"])),
        ("limits/max/jobs/active_jobs/per/user", u32(q["max_jobs_pu"])),
        ("limits/max/accruing/per/account", u32(q["max_jobs_accrue_pa"])),
        ("limits/max/accruing/per/user", u32(q["max_jobs_accrue_pu"])),
        ("limits/max/jobs/per/account", u32(q["max_submit_jobs_pa"])),
        ("limits/max/jobs/per/user", u32(q["max_submit_jobs_pu"])),
        ("limits/max/tres/minutes/per/job", t("max_tres_mins_pj")),
        ("limits/max/tres/per/account", t("max_tres_pa")),
        ("limits/max/tres/per/job", t("max_tres_pj")),
        ("limits/max/tres/per/node", t("max_tres_pn")),
        ("limits/max/tres/per/user", t("max_tres_pu")),
        ("limits/max/tres/minutes/per/account", t("max_tres_run_mins_pa")),
        ("limits/max/tres/minutes/per/user", t("max_tres_run_mins_pu")),
        ("limits/max/wall_clock/per/job", u32(q["max_wall_pj"])),
        ("limits/min/priority_threshold", u32(q["min_prio_thresh"])),
        ("limits/min/tres/per/job", t("min_tres_pj")),
        ("preempt/list", [names_by_id[i] for i in q["preempt"] if i in names_by_id]),
        ("preempt/mode", flag_names(q["preempt_mode"], PREEMPT_MODES)),
        ("preempt/exempt_time", u32(q["preempt_exempt_time"])),
        ("priority", u32(q["priority"])),
        ("usage_factor", f64(q["usage_factor"])),
        ("usage_threshold", f64(q["usage_thres"])),
    ])


CLUSTER_FLAGS = [
    ("CLUSTER_FLAG_MULTSD", "MULTIPLE_SLURMD"),
    ("CLUSTER_FLAG_FE", "FRONT_END"),
    ("CLUSTER_FLAG_CRAY", "CRAY_NATIVE"),
    ("CLUSTER_FLAG_FED", "FEDERATION"),
    ("CLUSTER_FLAG_EXT", "EXTERNAL"),
]
# select_plugin_id_to_string(): slurm.h's SELECT_PLUGIN_* ids of the plugins a 22.05 build loads.
SELECT_PLUGINS = {101: "cons_res", 102: "linear", 106: "serial", 109: "cons_tres"}


def cluster_record(ffi, c, tres):
    return build([
        ("controller/host", s(ffi, c.control_host)),
        ("controller/port", u32(c.control_port)),
        ("flags", flag_names(c.flags, CLUSTER_FLAGS)),
        ("name", s(ffi, c.name)),
        ("nodes", s(ffi, c.nodes)),
        ("select_plugin", SELECT_PLUGINS.get(load()[1].srpy_cluster_select_plugin(c))),
        # The reference registers no dumper for its ASSOC_SHORT type: the root is always null.
        ("associations/root", None),
        ("rpc_version", u16(c.rpc_version)),
        ("tres", tres_list(ffi, c.tres_str, tres)),
    ])


def wckey_record(ffi, w):
    _, lib = load()
    accounting = [s(ffi, ffi.cast("slurmdb_account_rec_t *", a).name)
                  for a in walk(ffi, lib, w.accounting_list)]
    return build([
        ("accounts", accounting),
        ("cluster", s(ffi, w.cluster)),
        ("id", u32(w.id)),
        ("name", s(ffi, w.name)),
        ("user", s(ffi, w.user)),
        ("flags", flag_names(w.flags, [("SLURMDB_WCKEY_FLAG_DELETED", "DELETED")])
         + (["DEFAULT"] if w.is_def else [])),
    ])
