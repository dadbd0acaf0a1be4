"""slurmdbd itself: GET ping/ (slurmdbd_ping_t) and diag/ (slurmdb_stats_rec_t)."""
from ..types import BOOL, INT64, STRING, List, REQUIRED, Type, table
from . import V40, V45
from .meta import response
from .numbers import UINT16, UINT32, UINT64


def objects(version):
    return {"dbd_stats": stats_objects(version), "dbd_pings": table("slurmdbd_ping", (
        ("hostname", "hostname", STRING, "Target for ping", REQUIRED),
        ("responding", "pinged", BOOL, "If ping RPC responded with pong from slurmdbd", REQUIRED),
        ("latency", "latency", INT64, "Number of microseconds it took to successfully ping or timeout", REQUIRED),
        ("primary", lambda r: r["offset"] == 0, BOOL, "Is responding slurmdbd the primary controller", REQUIRED),
        ("status", _status, STRING, "Ping status code", REQUIRED, V45),
    ), version)}


def _status(ping):
    """The ping's return code as slurm_strerror() says it (26.05's rc; older releases have none)."""
    from ...slurm._lib import strerror

    return strerror(ping.get("rc", 0))


def responses(version, objects):
    return {"dbd_stats": response("openapi_slurmdbd_stats_resp", (
        ("statistics", "statistics", OrEmpty(objects["dbd_stats"]), "statistics", REQUIRED),
    ), version), "dbd_pings": response("openapi_slurmdbd_ping_resp", (
        ("pings", "pings", List(objects["dbd_pings"], "slurmdbd_ping_array"), "pings", REQUIRED),
    ), version)}


class OrEmpty(Type):
    """An object, or `{}` where the reference dumps no record (a failed query's statistics)."""

    def __init__(self, inner):
        self.inner, self.name, self.unset = inner, None, {}

    def dump(self, value):
        return {} if value is None else self.inner.dump(value)

    def ref(self, schemas, description=None):
        return self.inner.ref(schemas, description)


def _rollup_rows():
    rows = []
    periods = ("hourly", "daily", "monthly")
    for i, p in enumerate(periods):
        rows.append((f"{p}/count", _at("count", i), UINT16, f"Number of {p} rollups since last_run", REQUIRED))
    for i, p in enumerate(periods):
        rows.append((f"{p}/last_run", _at("timestamp", i), INT64, f"Last time {p} rollup ran (UNIX timestamp)",
                     REQUIRED))
    # (the reference's own descriptions, "daily daily" included)
    for i, (p, d) in enumerate(zip(periods, ("Total time spent doing last daily rollup (seconds)",
                                             "Total time spent doing daily daily rollup (seconds)",
                                             "Total time spent doing monthly daily rollup (seconds)"))):
        rows.append((f"{p}/duration/last", _at("time_last", i), UINT64, d, REQUIRED))
    for i, p in enumerate(periods):
        rows.append((f"{p}/duration/max", _at("time_max", i), UINT64, f"Longest {p} rollup time (seconds)", REQUIRED))
    for i, p in enumerate(periods):
        rows.append((f"{p}/duration/time", _at("time_total", i), UINT64,
                     f"Total time spent doing {p} rollups (seconds)", REQUIRED))
    return rows


def _at(field, i):
    return lambda record: record[field][i]


def _rpc_rows(first):
    return (first, ("count", "cnt", UINT32, "Number of RPCs processed"),
            ("time/average", "time_ave", UINT64, "Average RPC processing time in microseconds"),
            ("time/total", "time", UINT64, "Total RPC processing time in microseconds"))


class RollupList(Type):
    """v0.0.40's rollups: a list of the periods that ran, made by a function of its own (its schema
    too, "last run" and all, without the last_cycle it writes)."""

    name = "rollup_stats"
    unset = ()

    def dump(self, r):
        out = []
        for i, total in enumerate(r["time_total"]):
            if total == 0:
                continue
            count = r["count"][i]
            out.append({"type": ("internal", "user")[i] if i < 2 else "unknown", "last_run": r["timestamp"][i],
                        "last_cycle": r["time_last"][i], "max_cycle": r["time_max"][i], "total_time": total,
                        "total_cycles": count, "mean_cycles": total // count if count > 1 else total})
        return out

    def body(self, schemas):
        def n(fmt, desc):
            return {"type": "integer", "format": fmt, "description": desc}
        return {"type": "array", "description": "list of recorded rollup statistics", "items": {
            "type": "object", "description": "recorded rollup statistics", "properties": {
                "type": {"type": "string", "description": "type", "enum": ["internal", "user", "unknown"]},
                "last run": n("int32", "Last time rollup ran (UNIX timestamp)"),
                "max_cycle": n("int64", "longest rollup time (seconds)"),
                "total_time": n("int64", "total time spent doing rollups (seconds)"),
                "total_cycles": n("int64", "number of rollups since last_run"),
                "mean_cycles": n("int64", "average time for rollup (seconds)")}}}


def stats_objects(version):
    if version in V40:  # (v0.0.39's dumper, kept by v0.0.40)
        rollups = RollupList()
    else:
        rollups = table("rollup_stats", _rollup_rows(), version)
    rpcs = List(table("stats_rpc", _rpc_rows(("rpc", "rpc", STRING, "RPC type")), version), "stats_rpc_list")
    users = List(table("stats_user", _rpc_rows(("user", "user", STRING, "User ID")), version), "stats_user_list")
    return table("stats_rec", (
        ("time_start", "time_start", INT64, "When data collection started (UNIX timestamp)"),
        ("rollups", "rollups", rollups, "Rollup statistics"),
        ("RPCs", "rpcs", rpcs, "List of RPCs sent to the slurmdbd"),
        ("users", "users", users, "List of users that issued RPCs"),
    ), version)
