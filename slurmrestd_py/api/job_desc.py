"""A v0.0.38 job description (the `job`/`jobs` of POST /job/submit, the body of POST /job/{id})
-> job_desc_msg_t fields, as the reference's sbatch option parser would fill them. Pure Python.

`parse(job, submit)` returns {field: value} for slurm/jobs.py to copy into a C job_desc_msg_t, or
raises `Invalid(entries)` carrying the reference's errors[] items for the failed key. Keys are
matched case-insensitively; every key of the reference's parser table is handled (some, as
there, only validated: cpu_binding_hint, test_only, umask).

A few options depend on the cluster's configuration (`Site`): the CPU frequency governors it
allows, and the GRES types it knows (libslurm checks GPU requests before sending them).
"""
import math
import os
import re
from typing import NamedTuple

from . import option_values as values

from ..slurm.sentinels import INFINITE, NO_VAL, NO_VAL16, NO_VAL64  # noqa: F401 - re-exported
NICE_OFFSET = 0x80000000
MEM_PER_CPU = 0x8000000000000000
SLURM_DIST_UNKNOWN = 0x2000
DATA_CONV_FAILED = 9202  # ESLURM_DATA_CONV_FAILED
ENVIRONMENT_MISSING = 2127  # ESLURM_ENVIRONMENT_MISSING
INVALID_TIME_VALUE = 2054  # ESLURM_INVALID_TIME_VALUE
SPREAD_JOB, USE_MIN_NODES, KILL_INV_DEP, NO_KILL_INV_DEP = 1 << 8, 1 << 9, 1 << 0, 1 << 1
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
GRES_ENFORCE_BIND, GRES_DISABLE_BIND = 1 << 4, 1 << 19
CORE_SPEC_THREAD = 0x8000


class Site(NamedTuple):
    """What of the cluster's configuration the options need."""
    cpu_freq_govs: int = 0  # CpuFreqGovernors bits
    gres_types: tuple = ()  # GresTypes names
    compact_hosts: object = str  # host list -> ranged, without repeats ("n[1-3]")


class Invalid(Exception):
    """The description does not parse: `entries` are the reference's errors[] items so far."""

    def __init__(self, entries):
        super().__init__("invalid job description")
        self.entries = entries


class _OptionError(Exception):
    def __init__(self, error, code=-1):
        super().__init__(error)
        self.entry = {"error": error, "error_code": code}


# -- C's integers: what the reference's strtoll(), lrint() and casts make of any number --------
def _int64(n):
    return INT64_MIN if n < INT64_MIN else INT64_MAX if n > INT64_MAX else n


def _strtoll(text):
    """Decimal digits (an optional sign) -> int64, saturated as strtoll() does."""
    return values.strtol(text)[0]


def _lrint(x):
    """lrint(): round half to even; NaN, infinities and out-of-range values give LONG_MIN."""
    if not math.isfinite(x) or not INT64_MIN <= x < 2.0**63:
        return INT64_MIN
    return round(x)


_c_int = values.c_int


# -- value conversions (Slurm's data_get_*_converted) -----------------------------------------
def _string(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return str(_int64(v))
    if isinstance(v, float):
        return f"{v:f}"
    if v is None:
        return ""
    raise _OptionError("Unable to read string", DATA_CONV_FAILED)


def _int(v, error="Unable to read integer value"):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return _int64(v)
    if isinstance(v, float):
        return _lrint(v)
    if isinstance(v, str) and re.fullmatch(r"\s*[+-]?\d+\s*", v):
        return _strtoll(v)
    raise _OptionError(error, DATA_CONV_FAILED)


def _bool(v):
    if isinstance(v, str):
        return v.strip().lower() in ("true", "yes", "y", "t", "1")
    return bool(v)


def _int_option(v):
    n = _int(v)
    if n >= 2**31 - 1:
        raise _OptionError("Integer too large")
    if n <= -(2**31):
        raise _OptionError("Integer too small")
    return n


def time_str2mins(text):
    """Slurm's time formats ("m", "m:s", "h:m:s", "d-h", "d-h:m", "d-h:m:s", "INFINITE") -> minutes;
    None when invalid."""
    t = text.strip()
    if t.lower() in ("-1", "infinite", "unlimited"):
        return INFINITE
    m = re.fullmatch(r"(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?", t)
    if not m:
        return None
    days, a, b, c = (None if g is None else _strtoll(g) for g in m.groups())
    if days is not None:  # d-h[:m[:s]]
        d, h, mi, s = days, a, b or 0, c or 0
    elif c is not None:  # h:m:s
        d, h, mi, s = 0, a, b, c
    elif b is not None:  # m:s
        d, h, mi, s = 0, 0, a, b
    else:  # m
        d, h, mi, s = 0, 0, a, 0
    return d * 1440 + h * 60 + mi + (1 if s > 0 else 0)


def str_to_mbytes(text):
    """"100", "100M", "2G", "512K", "1T" -> MiB, a uint64 as C computes it (strtoll() out of
    range is invalid, the unit's product wraps); None when invalid."""
    m = re.fullmatch(r"\s*(\d+)\s*([KkMmGgTt]?)[Bb]?\s*", text)
    if not m:
        return None
    n, unit = _strtoll(m.group(1)), m.group(2).upper()
    if n == INT64_MAX:
        return None
    if unit == "K":
        mb = (n + 1023) // 1024
    else:
        mb = (n * {"": 1, "M": 1, "G": 1024, "T": 1024 * 1024}[unit]) % 2**64
    return None if mb == NO_VAL64 else mb


def _node_count(v):
    if isinstance(v, list):
        if len(v) != 2:
            raise _OptionError("Invalid node count list size")
        return _c_int(_int(v[0])), _c_int(_int(v[1]))
    text = _string(v)
    m = re.fullmatch(r"\s*(\d+)([kKmM]?)(?:-(\d+)([kKmM]?))?\s*", text)
    if not m:
        raise _OptionError("Invalid node count string")
    mult = {"": 1, "K": 1024, "M": 1024 * 1024}

    def count(digits, unit):  # verify_node_count(): strtol() times the unit, cast to int
        return _c_int(_int64(_strtoll(digits) * mult[unit.upper()]))

    low = count(m.group(1), m.group(2))
    high = count(m.group(3), m.group(4)) if m.group(3) else low
    if m.group(3) and low < 0:
        low = 1
    elif low < 0:
        raise _OptionError("Invalid node count string")
    if high and high < low:
        raise _OptionError("Invalid node count string")
    return low, high


_MAIL = {"none": 0, "begin": 1, "end": 2, "fail": 4, "requeue": 8, "all": 1 | 2 | 4 | 8 | 0x40,
         "time_limit": 0x10, "time_limit_90": 0x20, "time_limit_80": 0x40, "time_limit_50": 0x80,
         "array_tasks": 0x100, "invalid_depend": 0x200}


# -- option setters: (opt, value) -> None; `opt` is the option state (dict) -------------------
def _set(field, conv=_string):
    def setter(opt, v):
        opt[field] = conv(v)
    return setter


def _set_std(field):
    def setter(opt, v):
        text = _string(v)
        opt[field] = "/dev/null" if text.lower() == "none" else text
    return setter


def _set_int(field):
    def setter(opt, v):
        opt[field] = _int_option(v)
    return setter


def _set_time(field):
    def setter(opt, v):
        minutes = time_str2mins(_string(v))
        if minutes is None:
            raise _OptionError("Invalid time specification")
        opt[field] = INFINITE if minutes == 0 else minutes
    return setter


def _set_mbytes(field, name):
    def setter(opt, v):
        try:
            text = _string(v)
        except _OptionError:
            raise _OptionError(f"Invalid {name} specification string", DATA_CONV_FAILED) from None
        mb = str_to_mbytes(text)
        if mb is None:
            raise _OptionError(f"Invalid {name} specification")
        opt[field] = mb
    return setter


def _set_mem(opt, v):
    mb = str_to_mbytes(_string(v))
    if mb is None:
        raise _OptionError("Invalid memory specification")
    opt["mem"] = mb


def _set_nodes(opt, v):
    opt["min_nodes"], opt["max_nodes"] = _node_count(v)
    opt["nodes_set"] = True


def _set_ntasks(opt, v):
    n = _int(v)
    if n >= 2**31 - 1:
        raise _OptionError("ntasks too large")
    if n <= 0:
        raise _OptionError("ntasks too small")
    opt["ntasks"] = n
    opt["ntasks_set"] = True


def _set_cpus_per_task(opt, v):
    n = _int(v)
    if n >= 2**31 - 1:
        raise _OptionError("Integer too large")
    if n < 1:
        raise _OptionError("cpus per task much be greater than 0")
    opt["cpus_per_task"] = n
    opt["cpus_set"] = True


def _set_environment(opt, v):
    if not isinstance(v, dict):
        raise _OptionError("environment must be a dictionary")
    opt["environment"] = [f"{k}={_string(x)}" for k, x in v.items()]


def _set_chdir(opt, v):
    text = _string(v)
    opt["chdir"] = text if text.startswith("/") else os.path.join(os.getcwd(), text)


def _set_nice(opt, v):
    if v is None:
        opt["nice"] = 100
        return
    n = _int(v)
    if abs(n) >= NICE_OFFSET - 3:
        raise _OptionError("Nice too large")
    opt["nice"] = n


def _set_priority(opt, v):
    try:
        n = _int(v)
    except _OptionError:
        if _string(v).upper() == "TOP":
            opt["priority"] = NO_VAL - 1
            return
        raise _OptionError("Invalid priority") from None
    if n >= NO_VAL:
        raise _OptionError("Priority too large")
    if n <= 0:
        raise _OptionError("Priority must be >0")
    opt["priority"] = n


def _set_exclusive(opt, v):
    text = _string(v).lower()
    shared = {"": 0, "exclusive": 0, "oversubscribe": 1, "user": 2, "mcs": 3}.get(text)
    if shared is None:
        raise _OptionError("Invalid exclusive specification")
    opt["shared"] = shared


def _set_mail_type(opt, v):
    bits = opt.get("mail_type", 0)
    for item in _string(v).split(","):
        bit = _MAIL.get(item.strip().lower())
        if bit is None:
            raise _OptionError("Invalid mail type specification")
        bits |= bit
    opt["mail_type"] = bits


def _set_flag(bit):
    def setter(opt, v):
        opt["job_flags"] = opt.get("job_flags", 0) | bit
    return setter


def _set_kill_inv_dep(opt, v):
    opt["job_flags"] = opt.get("job_flags", 0) | (KILL_INV_DEP if _bool(v) else NO_KILL_INV_DEP)


def _set_argv(opt, v):
    items = v if isinstance(v, list) else [v]
    opt["argv"] = [_string(x) for x in items]


def _set_open_mode(opt, v):
    text = _string(v).lower()
    if text in ("a", "append"):
        opt["open_mode"] = 1
    elif text in ("t", "truncate"):
        opt["open_mode"] = 2
    else:
        raise _OptionError("Invalid open mode specification")


def _set_const(name, value):
    def setter(opt, v):
        opt[name] = value
    return setter


def _set_bool(name):
    def setter(opt, v):
        opt[name] = _bool(v)
    return setter


def _set_date(field, error, code):
    def setter(opt, v):
        when = values.parse_time(_string(v))
        if not when:
            raise _OptionError(error, code)
        opt[field] = when
    return setter


def _set_cpus_per_gpu(opt, v):
    opt["cpus_per_gpu"] = _int_option(v)


def _set_gpu_binding(opt, v):
    text = _string(v)
    if not values.gpu_binding_valid(text):
        raise _OptionError("Invalid --gpu-bind argument")
    opt["tres_bind"] = f"gpu:{text}"


def _set_gpu_frequency(opt, v):
    text = _string(v)
    if not values.gpu_frequency_valid(text):
        raise _OptionError("Invalid --gpu-freq argument")
    opt["tres_freq"] = f"gpu:{text}"


def _set_distribution(opt, v):
    got = values.distribution(_string(v))
    if got is None:
        raise _OptionError("Invalid distribution")
    opt["distribution"], opt["plane_size"] = got


def _set_cpu_frequency(opt, v):
    got = values.cpu_frequency(_string(v), opt["_site"].cpu_freq_govs)
    if got is None:
        raise _OptionError("Unable to parse CPU frequency")
    opt["cpu_freq"] = got


def _set_profile(opt, v):
    opt["profile"] = values.profile(_string(v))


def _set_signal(opt, v):
    got = values.signal(_string(v))
    if got is None:
        raise _OptionError("Invalid SIGNAL specification")
    opt["warn_signal"], opt["warn_time"], opt["warn_flags"] = got


def _set_delay_boot(opt, v):
    seconds = values.time_str2secs(_string(v))
    if seconds == NO_VAL:
        raise _OptionError("Invalid delay boot specification")
    opt["delay_boot"] = seconds


def _set_gres_flags(opt, v):
    text = _string(v).lower()
    flags = opt.get("job_flags", 0) & ~(GRES_DISABLE_BIND | GRES_ENFORCE_BIND)
    bit = {"disable-binding": GRES_DISABLE_BIND, "enforce-binding": GRES_ENFORCE_BIND}.get(text)
    if bit is None:
        opt["job_flags"] = flags
        raise _OptionError("Invalid GRES flags")
    opt["job_flags"] = flags | bit


def _set_memory_binding(opt, v):
    opt.pop("mem_bind", None)
    text = _string(v)
    if "help" in text.lower():
        raise _OptionError("memory binding help not supported")
    got = values.memory_binding(text)
    if got is None:
        raise _OptionError("Invalid memory binding specification")
    opt["mem_bind"], opt["mem_bind_type"] = got


def _set_core_spec(opt, v):
    n = _int(v, "Unable to read int")
    if n < 0:  # the reference notes the error and goes on: the job is submitted without it
        opt["_notes"].append({"error": "Invalid core specification", "error_code": 0})
        return
    opt["core_spec"] = n & 0xFFFF


def _set_thread_spec(opt, v):
    n = _int(v, "Unable to read integer")
    if n >= CORE_SPEC_THREAD:
        raise _OptionError("core_spec is too large")
    if n <= 0:
        raise _OptionError("core_spec must be >0")
    opt["core_spec"] = n | CORE_SPEC_THREAD


def _set_ignored(opt, v):
    """test_only: sbatch's --test-only; the reference accepts it and submits the job anyway."""


def _set_wait_all_nodes(opt, v):
    n = _int(v)
    if n > 1:
        raise _OptionError("Wait all nodes too large")
    if n < 0:
        raise _OptionError("Wait all nodes too small")
    opt["wait_all_nodes"] = n


def _set_get_user_env(opt, v):
    if v is None:
        opt["get_user_env"] = 0
        return
    text = _string(v)
    n, end = values.strtol(text)  # into an int
    if text[end:end + 1] not in ("", "s", "S", "l", "L"):
        raise _OptionError("Invalid get user environment specification")
    opt["get_user_env"] = _c_int(n)


def _set_umask(opt, v):
    text = _string(v)
    n, end = values.strtol(text, 8, unsigned=True)  # sscanf("%o") into an int32_t
    if not end:
        raise _OptionError("Invalid octal umask")
    mask = _c_int(n)
    if mask < 0:
        raise _OptionError("umask too small")
    if mask > 0o7777:
        raise _OptionError("umask too large")


# The reference's keys: name -> setter; None for keys it disables.
_DISABLED = None
OPTIONS = {
    "account": _set("account"),
    "account_gather_frequency": _set("acctg_freq"),
    "array": _set("array_inx"),
    "argv": _set_argv,
    "batch_features": _set("batch_features"),
    "begin_time": _set_date("begin", "Unable to parse time", INVALID_TIME_VALUE),
    "burst_buffer": _set("burst_buffer"),
    "cluster_constraint": _set("c_constraint"),
    "comment": _set("comment"),
    "constraint": _set("constraint"),
    "constraints": _set("constraint"),
    "container": _set("container"),
    "core_specification": _set_core_spec,
    "cores_per_socket": _set_int("cores_per_socket"),
    "cpu_binding_hint": _set("hint"),
    "cpu_frequency": _set_cpu_frequency,
    "cpus_per_gpu": _set_cpus_per_gpu,
    "cpus_per_task": _set_cpus_per_task,
    "current_working_directory": _set_chdir,
    "cwd": _set_chdir,
    "deadline": _set_date("deadline", "Invalid deadline time", -1),
    "delay_boot": _set_delay_boot,
    "dependency": _set("dependency"),
    "distribution": _set_distribution,
    "environment": _set_environment,
    "exclude_nodes": _set("exclude"),
    "exclusive": _set_exclusive,
    "get_user_environment": _set_get_user_env,
    "gpu_binding": _set_gpu_binding,
    "gpu_frequency": _set_gpu_frequency,
    "gpus": _set("gpus"),
    "gpus_per_node": _set("gpus_per_node"),
    "gpus_per_socket": _set("gpus_per_socket"),
    "gpus_per_task": _set("gpus_per_task"),
    "gres_flags": _set_gres_flags,
    "gres": _set("gres"),
    "hold": _set_bool("hold"),
    "job_name": _set("job_name"),
    "kill_on_invalid_dependency": _set_kill_inv_dep,
    "license": _set("licenses"),
    "licenses": _set("licenses"),
    "mail_type": _set_mail_type,
    "mail_user": _set("mail_user"),
    "mcs_label": _set("mcs_label"),
    "memory_binding": _set_memory_binding,
    "memory_per_cpu": _set_mbytes("mem_per_cpu", "--mem-per-cpu"),
    "memory_per_gpu": _set_mbytes("mem_per_gpu", "--mem-per-gpu"),
    "memory_per_node": _set_mem,
    "minimum_cpus_per_node": _set_int("pn_min_cpus"),
    "minimum_nodes": _set_flag(USE_MIN_NODES),
    "name": _set("job_name"),
    "nice": _set_nice,
    "nodelist": _set("nodelist"),
    "node_list": _set("nodelist"),
    "nodes": _set_nodes,
    "no_kill": _set_const("no_kill", True),
    "no_requeue": _set_const("requeue", 0),
    "open_mode": _set_open_mode,
    "oversubscribe": _set_const("shared", 1),
    "partition": _set("partition"),
    "prefer": _set("prefer"),
    "priority": _set_priority,
    "profile": _set_profile,
    "qos": _set("qos"),
    "requeue": _set_const("requeue", 1),
    "reservation": _set("reservation"),
    "signal": _set_signal,
    "sockets_per_node": _set_int("sockets_per_node"),
    "spread_job": _set_flag(SPREAD_JOB),
    "standard_error": _set_std("efname"),
    "standard_input": _set_std("ifname"),
    "standard_output": _set_std("ofname"),
    "tasks": _set_ntasks,
    "ntasks": _set_ntasks,
    "tasks_per_core": _set_int("ntasks_per_core"),
    "ntasks_per_core": _set_int("ntasks_per_core"),
    "ntasks_per_gpu": _set_int("ntasks_per_gpu"),
    "tasks_per_node": _set_int("ntasks_per_node"),
    "ntasks_per_node": _set_int("ntasks_per_node"),
    "tasks_per_socket": _set_int("ntasks_per_socket"),
    "ntasks_per_socket": _set_int("ntasks_per_socket"),
    "ntasks_per_tres": _set_int("ntasks_per_tres"),
    "temporary_disk_per_node": _set_mbytes("pn_min_tmp_disk", "--tmp"),
    "test_only": _set_ignored,
    "thread_specification": _set_thread_spec,
    "threads_per_core": _set_int("threads_per_core"),
    "time_limit": _set_time("time_limit"),
    "time_minimum": _set_time("time_min"),
    "umask": _set_umask,
    "wait_all_nodes": _set_wait_all_nodes,
    "wckey": _set("wckey"),
}
for _name in ("accelerator_binding", "allocation_node_list", "bell", "burst_buffer_file", "cluster",
              "clusters", "compress", "contiguous", "cpu_binding", "debugger_test",
              "disable_status", "epilog", "excluded_nodes", "export_file", "export",
              "extra_node_info", "group_id", "help", "ignore_pbs", "immediate", "job_id",
              "kill_command", "kill_on_bad_exit", "label", "max_threads", "message_timeout", "mpi",
              "multiple_program", "network", "no_allocation", "no_bell", "nodefile", "no_shell",
              "overcommit", "hetjob_group", "parsable", "power_flags", "preserve_environment",
              "prolog", "propagate", "pty", "quiet", "quit_on_interrupt", "reboot", "relative",
              "required_nodes", "required_switches", "reserve_port", "reserve_ports",
              "slurmd_debug", "task_epilog", "task_prolog", "threads", "unbuffered", "unknown",
              "usage", "user_id", "version", "verbose", "wait_for_switch", "wait", "wrap", "x11"):
    OPTIONS[_name] = _DISABLED


# The errors[] items of a key that fails, by failure; {key} is the key lower-cased, {given} as sent.
ERRORS = {
    "unknown": {"description": 'Unknown key "{key}"', "source": "hsearch_r"},
    "disabled": {"description": 'Disabled key: "{key}"', "error_number": 1,
                 "error": "Operation not permitted", "source": "openapi specification"},
    "failed": {"description": 'Unable to process key "{key}"', "error_number": -1,
               "error": "Unspecified error", "source": "slurm_process_option_data"},
    "het": {"description": "unexpected failure parsing het job: {index}", "error_number": 9001,
            "error": "Failure during parsing", "source": "_parse_job_desc"},
}


def error(dialect, failure, **names):
    """The errors[] item for `failure` (a key of ERRORS) in `dialect`'s words."""
    template = ((dialect or {}).get("errors") or {}).get(failure, ERRORS[failure])
    return {k: v.format(**names) if isinstance(v, str) else v for k, v in template.items()}


_UNKNOWN = object()


def _setter(keys, lkey):
    """The setter of a key, _DISABLED or _UNKNOWN. An older version's `keys` map its own names
    to the v0.0.38 key they stand for, None (no such key) or False (disabled)."""
    name = keys.get(lkey, lkey)
    if name is False:
        return _DISABLED
    return OPTIONS.get(name, _UNKNOWN) if name else _UNKNOWN


def parse(job, submit, site=Site(), notes=None, dialect=None):
    """job_desc_msg_t fields for `job` (a dict). `submit` applies sbatch's defaults (and needs an
    environment); an update sends only what was given. Entries the reference reports without
    failing are appended to `notes`; Invalid's entries follow them. `dialect` (a version's "job_desc"
    rule) says how an older version's keys, errors and defaults differ."""
    opt = {"_site": site, "_notes": notes if notes is not None else []}
    entries = []
    keys = (dialect or {}).get("keys") or {}
    for key, value in job.items():
        lkey = str(key)[:255].lower()
        setter = _setter(keys, lkey)
        if setter is _UNKNOWN:
            entries.append(error(dialect, "unknown", key=lkey, given=key))
            raise Invalid(entries)
        if setter is _DISABLED:
            entries.append(error(dialect, "disabled", key=lkey, given=key))
            raise Invalid(entries)
        try:
            setter(opt, value)
        except _OptionError as e:
            entries += [e.entry, error(dialect, "failed", key=lkey, given=key)]
            raise Invalid(entries) from None
    desc = _job_desc(opt, submit)
    if desc is None:  # what slurm_opt_create_job_desc() refuses: no detail, as in the reference
        raise Invalid([])
    if dialect and dialect.get("name") and "job_name" not in opt:
        desc["name"] = dialect["name"]  # v0.0.36 names every job, updated ones too
    if submit and not desc.get("environment"):
        raise Invalid([{"error": "environment must be set", "error_code": ENVIRONMENT_MISSING}])
    return desc


_COPIED = (("account", "account"), ("acctg_freq", "acctg_freq"), ("burst_buffer", "burst_buffer"),
           ("c_constraint", "cluster_features"), ("comment", "comment"), ("dependency", "dependency"),
           ("exclude", "exc_nodes"), ("constraint", "features"), ("prefer", "prefer"),
           ("licenses", "licenses"), ("mail_user", "mail_user"), ("mcs_label", "mcs_label"),
           ("partition", "partition"), ("qos", "qos"), ("reservation", "reservation"),
           ("wckey", "wckey"), ("container", "container"), ("array_inx", "array_inx"),
           ("batch_features", "batch_features"), ("efname", "std_err"), ("ifname", "std_in"),
           ("ofname", "std_out"), ("nodelist", "req_nodes"), ("tres_bind", "tres_bind"), ("tres_freq", "tres_freq"),
           ("mem_bind", "mem_bind"), ("mem_bind_type", "mem_bind_type"), ("begin", "begin_time"),
           ("deadline", "deadline"), ("profile", "profile"), ("delay_boot", "delay_boot"),
           ("core_spec", "core_spec"), ("plane_size", "plane_size"),
           ("wait_all_nodes", "wait_all_nodes"))
_GPUS = (("gpus", "tres_per_job"), ("gpus_per_node", "tres_per_node"),
         ("gpus_per_socket", "tres_per_socket"), ("gpus_per_task", "tres_per_task"))
_COUNTS = (("sockets_per_node", "sockets_per_node"), ("cores_per_socket", "cores_per_socket"),
           ("threads_per_core", "threads_per_core"), ("ntasks_per_node", "ntasks_per_node"),
           ("ntasks_per_socket", "ntasks_per_socket"), ("ntasks_per_core", "ntasks_per_core"),
           ("pn_min_cpus", "pn_min_cpus"), ("pn_min_tmp_disk", "pn_min_tmp_disk"),
           ("time_limit", "time_limit"), ("time_min", "time_min"))


def _job_desc(opt, submit):
    """What slurm_opt_create_job_desc() and the reference's _fill_job_desc_from_opts() make of
    the options (Slurm's own defaults where the options say nothing)."""
    get = opt.get
    d = {"begin_time": 0, "deadline": 0, "profile": 0, "task_dist": SLURM_DIST_UNKNOWN,
         "warn_flags": 0, "warn_signal": 0, "warn_time": 0}
    # user_id/group_id stay as slurm_init_job_desc_msg() sets them: NO_VAL on 22.05 (its slurmctld
    # takes the authenticated ids), SLURM_AUTH_NOBODY from 23.02 on (later slurmctlds refuse NO_VAL
    # with 2010 "Invalid user id", in submissions and updates, and take NOBODY as "the client").
    for src, dst in _COPIED:
        if opt.get(src) is not None:
            d[dst] = opt[src]
    if opt.get("nodelist"):  # libslurm sends the required nodes ranged and without repeats
        d["req_nodes"] = opt["_site"].compact_hosts(opt["nodelist"])
    for field in ("warn_flags", "warn_signal", "warn_time"):
        if field in opt:
            d[field] = opt[field]
    if "plane_size" in d:
        d["plane_size"] &= 0xFFFF
    if "cpu_freq" in opt:
        d["cpu_freq_min"], d["cpu_freq_max"], d["cpu_freq_gov"] = opt["cpu_freq"]
    if opt.get("cpus_per_gpu"):
        d["cpus_per_tres"] = f"gres:gpu:{opt['cpus_per_gpu']}"
    for src, dst in _GPUS:  # "1,tesla:2" -> "gres:gpu:1,gres:gpu:tesla:2"
        items = [i for i in (opt.get(src) or "").split(",") if i]
        if items:
            d[dst] = ",".join(f"gres:gpu:{i}" for i in items)
    # the reference's submit ignores the distribution (plane size aside); an update sends it
    if not submit and "distribution" in opt:
        d["task_dist"] = opt["distribution"]
    if opt.get("distribution", 0) & values.SLURM_DIST_STATE_BASE == values.SLURM_DIST_ARBITRARY \
            and not opt.get("nodelist"):
        return None
    for src, dst in _COUNTS:
        if src in opt:
            d[dst] = opt[src] & (0xFFFF if dst not in ("pn_min_tmp_disk", "time_limit", "time_min")
                                 else 0xFFFFFFFF)
    if get("job_flags"):
        d["bitflags"] = opt["job_flags"]
    if submit or "contiguous" in opt:
        d["contiguous"] = 0
    if submit or "mail_type" in opt:
        d["mail_type"] = get("mail_type", 0)
    if submit or "job_name" in opt:
        if get("job_name") is not None:
            d["name"] = opt["job_name"]
    if "nice" in opt:
        d["nice"] = (NICE_OFFSET + opt["nice"]) & 0xFFFFFFFF
    ntasks = get("ntasks", 1)
    if get("ntasks_set"):
        d["bitflags"] = d.get("bitflags", 0) | (1 << 14)  # JOB_NTASKS_SET
        d["num_tasks"] = ntasks
    if get("cpus_set"):
        d["min_cpus"] = (ntasks * opt["cpus_per_task"]) & 0xFFFFFFFF  # C's int product
    elif get("nodes_set") and opt["min_nodes"] == 0:
        d["min_cpus"] = 0
    elif submit:
        d["min_cpus"] = ntasks
    if "hold" in opt:
        d["priority"] = 0 if opt["hold"] else INFINITE
    elif get("priority"):
        d["priority"] = opt["priority"]
    if "shared" in opt:
        d["shared"] = opt["shared"]
    if "open_mode" in opt:
        d["open_mode"] = opt["open_mode"]
    if get("no_kill"):
        d["kill_on_node_fail"] = 0
    if get("gres") and get("gres").lower() != "none":
        d["tres_per_node"] = (d["tres_per_node"] + "," if "tres_per_node" in d else "") + opt["gres"]
    if "mem_per_gpu" in opt:
        d["mem_per_tres"] = f"gres:gpu:{opt['mem_per_gpu']}"
    if submit or "chdir" in opt:
        d["work_dir"] = get("chdir") or os.getcwd()
    if get("cpus_set"):
        d["bitflags"] = d.get("bitflags", 0) | (1 << 15)  # JOB_CPUS_SET
        d["cpus_per_task"] = opt["cpus_per_task"] & 0xFFFF  # an int into a uint16_t
    if get("nodes_set"):
        d["min_nodes"] = opt["min_nodes"] & 0xFFFFFFFF
        if opt["max_nodes"]:
            d["max_nodes"] = opt["max_nodes"] & 0xFFFFFFFF
    elif get("ntasks_set") and ntasks == 0:
        d["min_nodes"] = 0
    if "ntasks_per_tres" in opt:
        d["ntasks_per_tres"] = opt["ntasks_per_tres"] & 0xFFFF  # an int into a uint16_t
    elif "ntasks_per_gpu" in opt:
        d["ntasks_per_tres"] = opt["ntasks_per_gpu"] & 0xFFFF
    if "mem" in opt:
        d["pn_min_memory"] = opt["mem"]
    elif "mem_per_cpu" in opt:
        d["pn_min_memory"] = opt["mem_per_cpu"] | MEM_PER_CPU
    if "requeue" in opt:
        d["requeue"] = opt["requeue"]
    if "argv" in opt:
        d["argc"] = len(opt["argv"])
        d["argv"] = opt["argv"]
    if not _gres_known(d, opt["_site"].gres_types):
        return None
    env = get("environment")
    if env is not None:
        if get("get_user_env", -1) >= 0:  # a negative timeout leaves it unset, as no key does
            env = _overwrite(env, {"SLURM_GET_USER_ENV": "1"})
        if opt.get("distribution", 0) & values.SLURM_DIST_STATE_BASE == values.SLURM_DIST_ARBITRARY:
            env = _overwrite(env, {"SLURM_ARBITRARY_NODELIST": d["req_nodes"]})
        env = _with_generated(env, d)
        d["environment"] = env
        d["env_size"] = len(env)
    return d


_GRES_FIELDS = ("cpus_per_tres", "mem_per_tres", "tres_per_job", "tres_per_node",
                "tres_per_socket", "tres_per_task")


def _gres_known(d, gres_types):
    """libslurm's client-side check (gres_job_state_validate()), as far as a cluster without
    the requested GRES type goes: "gres:gpu:2", "gpu:tesla:1" name a type it must know."""
    for field in _GRES_FIELDS:
        for item in (d.get(field) or "").split(","):
            name = item.split(":", 2)[1] if item.startswith("gres:") else item.split(":", 1)[0]
            name = name.split("/", 1)[-1]
            if item and name not in gres_types:
                return False
    return True


def _with_generated(env, d):
    """The variables sbatch derives from its options, overriding the client's."""
    extra = {}
    if d.get("name"):
        extra["SLURM_JOB_NAME"] = d["name"]
    if d.get("open_mode"):
        extra["SLURM_OPEN_MODE"] = "a" if d["open_mode"] == 1 else "t"
    if d.get("dependency"):
        extra["SLURM_JOB_DEPENDENCY"] = d["dependency"]
    if d.get("profile"):
        extra["SLURM_PROFILE"] = values.profile_text(d["profile"])
    if d.get("acctg_freq"):
        extra["SLURM_ACCTG_FREQ"] = d["acctg_freq"]
    freq = values.cpu_frequency_text(d.get("cpu_freq_min", NO_VAL), d.get("cpu_freq_max", NO_VAL),
                                     d.get("cpu_freq_gov", NO_VAL))
    if freq:
        extra["SLURM_CPU_FREQ_REQ"] = freq
    return _overwrite(env, extra)


def _overwrite(env, extra):
    """env_array_overwrite(): each variable replaced in place, or appended."""
    out = list(env)
    for name, value in extra.items():
        item = f"{name}={value}"
        at = next((i for i, e in enumerate(out) if e.split("=", 1)[0] == name), None)
        if at is None:
            out.append(item)
        else:
            out[at] = item
    return out
