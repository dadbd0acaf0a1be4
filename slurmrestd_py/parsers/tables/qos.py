"""QOS (slurmdb_qos_rec_t), for slurmdb GET qos/ and qos/{qos}, and the names DELETE qos/{qos}
removed."""
from . import UNTIL_V41, V42, V42_ON, V43_ON
from ..types import FLOAT64_NO_VAL, RELEASE_FLAG, STRING, UINT32_NO_VAL, Flags, List, REQUIRED, table
from .clusters import STRING_LIST
from .meta import response
from .numbers import FLOAT64_NO_VAL_FROM_V40, UINT32, UINT32_NO_VAL_IN_V39
from .tres import TRES

_HIGH = 0xF0000000  # ~QOS_FLAG_BASE: the bits that say how to apply flags, not flags (the others: plain bits)
QOS_FLAGS = Flags("qos_flags", [
    ("NOT_SET", "QOS_FLAG_NOTSET", _HIGH), ("ADD", "QOS_FLAG_ADD", _HIGH), ("REMOVE", "QOS_FLAG_REMOVE", _HIGH),
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
    ("RELATIVE", "QOS_FLAG_RELATIVE"),
])
# v0.0.43 on: DELETED (26.05) and PARTITION_QOS (24.11 on) named too
_ROWS = QOS_FLAGS.rows
QOS_FLAGS_V43 = Flags("qos_flags", _ROWS[:3] + (("DELETED", "QOS_FLAG_DELETED", None, RELEASE_FLAG),) + _ROWS[3:11]
                      + (("PARTITION_QOS", "QOS_FLAG_PART_QOS", None, RELEASE_FLAG),) + _ROWS[11:])
# PREEMPT_MODE_OFF (0) is DISABLED only when no other mode is set
PREEMPT_MODES = Flags("qos_preempt_modes", [
    ("DISABLED", "PREEMPT_MODE_OFF", 0xFFFFFFFFFFFFFFFF), ("SUSPEND", "PREEMPT_MODE_SUSPEND"),
    ("REQUEUE", "PREEMPT_MODE_REQUEUE"), ("CANCEL", "PREEMPT_MODE_CANCEL"), ("GANG", "PREEMPT_MODE_GANG")])


def _tres(field):
    """A TRES string field as TRES records (the handler resolved them: record["tres"][field]); a
    body's TRES records are parsed into the field as a TRES string."""
    def get(record):
        return record["tres"][field]
    get.parse_as = field
    return get


class TresList(List):
    """TRES records, parsed (POST) into a TRES string of the database ("1=4,2=100") as the
    reference's TRES_STR parser: a list (empty: no change), each record found by id or by type and
    name in the database's TRES (its id is then filled in; one not found keeps id 0)."""

    def parse(self, value, at, report):
        from ..parsing import EXPECTED_LIST, slurm_type

        if not isinstance(value, list):
            report.fail(at, EXPECTED_LIST, f"TRES should be LIST but is type {slurm_type(value)}")
        if not value:
            return None
        from ...api.parsed.db import tres_by_id

        known = list(tres_by_id(report.ctx).values())
        out = []
        for t in super().parse(value, at, report):
            tres_id, kind, name = t.get("id", 0) or 0, t.get("type"), t.get("name")
            if kind is None and tres_id:
                c = next((k for k in known if k["id"] == tres_id), None)
                if c:
                    kind, name = c["type"], c["name"]
            found = next((k for k in known if _fuzzy(k, tres_id, kind, name)), None)
            if found is not None and not tres_id:
                tres_id = found["id"]
            out.append(f"{tres_id & 0xFFFFFFFF}={t.get('count', 0) & 0xFFFFFFFFFFFFFFFF}")
        return ",".join(out)


def _same(a, b):
    return (a or "").lower() == (b or "").lower() if a is not None and b is not None else a is None and b is None


def _fuzzy(tres, tres_id, kind, name):
    """fuzzy_match_tres() of the reference: by id (type and name agreeing if given), else by type
    alone when no name is given, else by type and name (case-insensitive)."""
    if tres_id > 0 and tres_id == tres["id"] and (kind is None or _same(kind, tres["type"])) \
            and (name is None or _same(name, tres["name"])):
        return True
    if not name and _same(kind, tres["type"]):
        return True
    return _same(name, tres["name"]) and _same(kind, tres["type"])


INVALID_QOS = 2066  # ESLURM_INVALID_QOS


def find_qos(value, at, report):
    """(the QOS record a body names by name or id, or None; the id when it was a number), as the
    reference's resolve_qos() finds it among every QOS."""
    from ..parsing import to_int
    from ...api.parsed.db import qos_by_id

    known = qos_by_id(report.ctx)
    number = to_int(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else None
    if number is not None:
        return known.get(number), number
    if isinstance(value, str):
        return next((k for k in known.values() if (k["name"] or "").lower() == value.lower()), None), None
    report.fail(at, 9202, "slurmrestd-py does not read this field yet")  # a QOS record, null ...


class PreemptList(List):
    """QOS names (or ids) to preempt, parsed (POST) into QOS ids as strings, as the reference's
    QOS_STRING_ID_LIST: one that is no QOS is an error and fails the parse."""

    def parse(self, value, at, report, checked=False):
        from ..parsing import EXPECT_LIST, check

        if not checked:  # as QOS_PREEMPT_LIST, then as QOS_STRING_ID_LIST
            check(EXPECT_LIST, value, at, report)
        check(EXPECT_LIST, value, at, report)
        if not isinstance(value, list):
            report.silent()
        out = []
        for v in value:
            q, number = find_qos(v, at, report)
            if q is None:
                # (a numeric string was converted to a number first: no longer a string to name)
                report.fail(at, INVALID_QOS, f"Unable to resolve QOS: {v if number is None else '(null)'}")
            out.append(str(q["id"]))
        return out


TRES_FIELDS = ("grp_tres", "grp_tres_mins", "grp_tres_run_mins", "max_tres_mins_pj", "max_tres_pa",
               "max_tres_pj", "max_tres_pn", "max_tres_pu", "max_tres_run_mins_pa", "max_tres_run_mins_pu",
               "min_tres_pj")


def rows(tres):
    return (
        ("description", "description", STRING, "Arbitrary description"),
        ("flags", "flags", QOS_FLAGS, "Flags, to avoid modifying current values specify NOT_SET", UNTIL_V41 | V42),
        ("flags", "flags", QOS_FLAGS_V43, "Flags, to avoid modifying current values specify NOT_SET", V43_ON),
        ("id", "id", UINT32, "Unique ID"),
        ("limits/grace_time", "grace_time", UINT32_NO_VAL_IN_V39, "GraceTime"),
        ("limits/max/active_jobs/accruing", "grp_jobs_accrue", UINT32_NO_VAL, "GrpJobsAccrue"),
        ("limits/max/active_jobs/count", "grp_jobs", UINT32_NO_VAL, "GrpJobs"),
        ("limits/max/jobs/count", "grp_submit_jobs", UINT32_NO_VAL, "GrpSubmitJobs", V42_ON),
        ("limits/max/tres/total", _tres("grp_tres"), tres, "GrpTRES"),
        ("limits/max/tres/minutes/total", _tres("grp_tres_mins"), tres, "GrpTRESMins", V42_ON),
        ("limits/max/tres/minutes/per/qos", _tres("grp_tres_run_mins"), tres, "GrpTRESRunMins"),
        ("name", "name", STRING, "Name"),
        ("limits/max/wall_clock/per/qos", "grp_wall", UINT32_NO_VAL, "GrpWall"),
        ("limits/factor", "limit_factor", FLOAT64_NO_VAL_FROM_V40, "LimitFactor"),
        ("limits/max/jobs/active_jobs/per/account", "max_jobs_pa", UINT32_NO_VAL, "MaxJobsPerAccount"),
        ("limits/max/jobs/active_jobs/per/user", "max_jobs_pu", UINT32_NO_VAL, "MaxJobsPerUser"),
        ("limits/max/accruing/per/account", "max_jobs_accrue_pa", UINT32_NO_VAL, "MaxJobsAccruePerAccount"),
        ("limits/max/accruing/per/user", "max_jobs_accrue_pu", UINT32_NO_VAL, "MaxJobsAccruePerUser"),
        ("limits/max/jobs/per/account", "max_submit_jobs_pa", UINT32_NO_VAL, "MaxSubmitJobsPerAccount"),
        ("limits/max/jobs/per/user", "max_submit_jobs_pu", UINT32_NO_VAL, "MaxSubmitJobsPerUser"),
        ("limits/max/tres/minutes/per/job", _tres("max_tres_mins_pj"), tres, "MaxTRESMinsPerJob"),
        ("limits/max/tres/per/account", _tres("max_tres_pa"), tres, "MaxTRESPerAccount"),
        ("limits/max/tres/per/job", _tres("max_tres_pj"), tres, "MaxTRESPerJob"),
        ("limits/max/tres/per/node", _tres("max_tres_pn"), tres, "MaxTRESPerNode"),
        ("limits/max/tres/per/user", _tres("max_tres_pu"), tres, "MaxTRESPerUser"),
        ("limits/max/tres/minutes/per/account", _tres("max_tres_run_mins_pa"), tres, "MaxTRESRunMinsPerAccount"),
        ("limits/max/tres/minutes/per/user", _tres("max_tres_run_mins_pu"), tres, "MaxTRESRunMinsPerUser"),
        ("limits/max/wall_clock/per/job", "max_wall_pj", UINT32_NO_VAL, "MaxWallDurationPerJob"),
        ("limits/min/priority_threshold", "min_prio_thresh", UINT32_NO_VAL, "MinPrioThreshold"),
        ("limits/min/tres/per/job", _tres("min_tres_pj"), tres, "MinTRES"),
        ("preempt/list", "preempt_names", PreemptList(STRING, "qos_preempt_list"), "Other QOS's this QOS can preempt"),
        ("preempt/mode", "preempt_mode", PREEMPT_MODES, "PreemptMode"),
        ("preempt/exempt_time", "preempt_exempt_time", UINT32_NO_VAL, "PreemptExemptTime"),
        ("priority", "priority", UINT32_NO_VAL, "Priority"),
        ("usage_factor", "usage_factor", FLOAT64_NO_VAL, "UsageFactor"),
        ("usage_threshold", "usage_thres", FLOAT64_NO_VAL, "UsageThreshold"),
    )


def objects(version):
    tres = TresList(table("tres", TRES, version), "tres_list")
    return {"qos": table("qos", rows(tres), version)}


def responses(version, objects):
    return {
        "qos": response("openapi_slurmdbd_qos_resp", (
            ("qos", "qos", List(objects["qos"], "qos_list"), "List of QOS", REQUIRED),
        ), version),
        "qos_removed": response("openapi_slurmdbd_qos_removed_resp", (
            ("removed_qos", "removed_qos", STRING_LIST, "removed QOS", REQUIRED),
        ), version),
    }


QUERIES = {
    # v0.0.42's document names its with_deleted parameter by its description, with none (as the
    # reference's); GET qos/ reads none of them (it parses the path's parameters)
    "qos": (
        ("description", "csv", "CSV description list"),
        ("Include deleted QOS", "bool", None, V42_ON),
        ("id", "csv", "CSV QOS id list"),
        ("format", "csv", "Ignored; process JSON manually to control output format"),
        ("name", "csv", "CSV QOS name list"),
        ("preempt_mode", PREEMPT_MODES, "PreemptMode used when jobs in this QOS are preempted"),
        ("with_deleted", "bool", "Include deleted QOS", UNTIL_V41),
    ),
    "one_qos": (("with_deleted", "bool", "Query includes deleted QOS"),),
    "qos_delete": (),
}
