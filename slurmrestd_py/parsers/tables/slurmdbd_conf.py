"""slurmdb GET conf (v0.0.45): slurmdbd's configuration (slurmdbd_conf_t, the reference's
SLURMDBD_CONF), as slurmdb_config_get() gives it.

Rows: (path, field of the record, type, description), in the reference's order, with its
published descriptions.
"""
from ..types import BOOL, REQUIRED, STRING, Flags, Scalar, table
from . import V45
from .jobs import CSV_STRING
from .meta import response
from .numbers import UINT16, UINT32

_INFINITE = 0xFFFFFFFF
_NO_VAL = 0xFFFFFFFE
# log_level_t's names, by value (LOG_LEVEL_QUIET = 0 ... LOG_LEVEL_DEBUG5); another value: ""
LOG_LEVELS = ("quiet", "fatal", "error", "info", "verbose", "debug", "debug2", "debug3", "debug4", "debug5")


def _log_level(value):
    return LOG_LEVELS[value] if value is not None and 0 <= value < len(LOG_LEVELS) else ""


def secs2time_str(secs):
    """Seconds as Slurm's secs2time_str() writes them: UNLIMITED, [D-]HH:MM:SS."""
    if secs == _INFINITE:
        return "UNLIMITED"
    days, rest = divmod(secs, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{days}-{hours:02d}:{minutes:02d}:{seconds:02d}" if days else f"{hours:02d}:{minutes:02d}:{seconds:02d}"


LOG_LEVEL = Scalar({"type": "string"}, _log_level, unset="")
TIME_SECONDS = Scalar({"type": "string"}, lambda v: secs2time_str(v or 0), unset="")
BOOL16 = Scalar({"type": "boolean"}, bool, unset=False)
# DBD_CONF_FLAG_* and PERSIST_FLAG_* (bits as 26.05 numbers them; hidden ones not written)
DBD_FLAGS = Flags(None, [("AllowNoDefAcct", 1 << 0), ("AllResourcesAbsolute", 1 << 1), ("DisableCoordDBD", 1 << 2),
                         ("DisableArchiveCommands", 1 << 4)])
PERSIST_FLAGS = Flags(None, [("PreserveCaseUser", 1 << 3)])

# slurmdb_int_2_purge_units(): NO_VAL is not set; else its units in hours, days or months
_HOURS, _DAYS, _MONTHS, _ARCHIVE = 0x00010000, 0x00020000, 0x00040000, 0x00080000


def _purge_field(which):
    def get(v):
        if v == _NO_VAL:
            return 0
        units = v & 0xFFFF
        if v & _HOURS:
            return units if which == "hours" else 0
        if v & _DAYS:
            return units if which == "days" else 0
        if v & _MONTHS:
            return units if which == "months" else 0
        return 0
    return get


PURGE = table("slurmdb_purge_units", (
    ("set", lambda v: v != _NO_VAL, BOOL, "whether purge has been set"),
    ("hours", _purge_field("hours"), UINT32, "hours"),
    ("days", _purge_field("days"), UINT32, "days"),
    ("months", _purge_field("months"), UINT32, "months"),
    ("archive", lambda v: v != _NO_VAL and bool(v & _ARCHIVE), BOOL, "whether to archive purged records"),
))


def _purge(field):
    return lambda r: r.get(field, _NO_VAL)


CONF = (
    ("ArchiveDir", "archive_dir", STRING, "location to locally store data if not using a script"),
    ("ArchiveScript", "archive_script", STRING, "script to archive old data"),
    ("CommitDelay", "commit_delay", UINT16, "on busy systems, delay commits from slurmctld this many seconds"),
    ("DbdAddr", "dbd_addr", STRING, "network address of Slurm DBD"),
    ("DbdBackupHost", "dbd_backup", STRING, "hostname of Slurm DBD backup"),
    ("DbdHost", "dbd_host", STRING, "hostname of Slurm DBD"),
    ("DbdPort", "dbd_port", UINT16, "port number for RPCs to DBD"),
    ("DebugLevel", "debug_level", LOG_LEVEL, "debug level, default=3"),
    ("DefaultQOS", "default_qos", STRING, "default qos setting when adding clusters"),
    ("Flags", "flags", DBD_FLAGS, "various flags, see DBD_CONF_FLAG_*"),
    ("LogFile", "log_file", STRING,
     "fully qualified pathname of the slurmdbd log file (default unset; logs go to syslog)"),
    ("MaxPurgeLimit", "max_purge_limit", UINT32,
     "max number of records that are purged in a single query so that locks can be periodically released"),
    ("MaxQueryTimeRange", "max_time_range", TIME_SECONDS, "max time range for user queries"),
    ("Parameters", "parameters", CSV_STRING, "parameters to change behavior with the slurmdbd directly"),
    ("PersistConnFlags", "persist_conn_rc_flags", PERSIST_FLAGS, "flags to be sent back on any persist connection init"),
    ("PidFile", "pid_file", STRING, "where to store current PID"),
    ("PurgeEventAfter", _purge("purge_event"), PURGE, "purge events older than this in hours, days, or months"),
    ("PurgeJobAfter", _purge("purge_job"), PURGE, "purge jobs older than this in hours, days, or months"),
    ("PurgeResvAfter", _purge("purge_resv"), PURGE, "purge reservations older than this in hours, days, or months"),
    ("PurgeStepAfter", _purge("purge_step"), PURGE, "purge steps older than this in hours, days, or months"),
    ("PurgeSuspendAfter", _purge("purge_suspend"), PURGE,
     "purge suspend data older than this in hours, days, or months"),
    ("PurgeTXNAfter", _purge("purge_txn"), PURGE, "purge transaction data older than this in hours, days, or months"),
    ("PurgeUsageAfter", _purge("purge_usage"), PURGE, "purge usage data older than this in hours, days, or months"),
    ("PurgeJobScriptAfter", _purge("purge_jobscript"), PURGE,
     "purge job scripts older than this in hours, days, or months"),
    ("PurgeJobEnvAfter", _purge("purge_jobenv"), PURGE,
     "purge job environments older than this in hours, days, or months"),
    ("StorageLoc", "storage_loc", STRING,
     "name of the database where accounting records are written (default slurm_acct_db)"),
    ("StoragePassScript", "storage_pass_script", STRING,
     "path to executable script that emits ephemeral DB authentication tokens used in place of StoragePass"),
    ("StorageUser", "storage_user", STRING,
     "username used to connect to the accounting database (defaults to the user running slurmdbd)"),
    ("DebugLevelSyslog", "syslog_debug", LOG_LEVEL, "output to both log file and syslog"),
    ("TrackWCKey", "track_wckey", BOOL16, "whether or not to track WCKey"),
    ("TrackSlurmctldDown", "track_ctld", BOOL16, "whether or not to track when a slurmctld goes down"),
)


def objects(version):
    if version not in V45:
        return {}
    return {"slurmdbd_conf": table("slurmdbd_conf", CONF, version)}


def responses(version, objects):
    if version not in V45:
        return {}
    return {"slurmdbd_conf": response("openapi_slurmdbd_conf_resp", (
        ("slurmdbd_conf", "slurmdbd_conf", objects["slurmdbd_conf"], "slurmdbd.conf", REQUIRED),
    ), version)}


QUERIES = {"slurmdbd_conf": ()}
