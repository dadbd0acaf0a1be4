"""slurmctld itself, copied out whole for the parser versions (v0.0.40 on): pings of every
controller, statistics (diag), licenses, and reconfigure. Raises SlurmFailure."""
import time

from .failure import SlurmFailure


def pings(ffi, lib):
    """One record per configured controller, as 24.11's ping_all_controllers() fills its
    controller_ping_t: {hostname, pinged, rc, latency (microseconds), offset}.

    The controllers are those of the slurm.conf libslurm read at slurm_init() (its global
    `slurm_conf`), as ping_all_controllers() takes them (24.11 and 26.05): one RPC a controller,
    no slurm_load_ctl_conf() first (v0.0.38's handler, the 22.05 reference's, asks slurmctld)."""
    from .copy import strings

    hosts = strings(ffi, lib.slurm_conf.control_machine, lib.slurm_conf.control_cnt)
    out = []
    for i, host in enumerate(hosts):
        start = time.monotonic()
        rc = lib.slurm_ping(i)  # 0 or an error code (-1 with errno before 25.05)
        if rc == -1:
            rc = lib.srpy_errno() or rc
        out.append({"hostname": host, "pinged": rc == 0, "rc": rc, "latency": int((time.monotonic() - start) * 1e6),
                    "offset": i, "control_cnt": len(hosts)})
    return out


_EXTRAS = {}


def _hosts(ffi, text):
    """The host names of a hostlist expression (Slurm's own expansion)."""
    from ._lib import load

    lib = load()[1]
    names = []
    if not text:
        return names
    hl = lib.slurm_hostlist_create(text.encode())
    if hl == ffi.NULL:
        return [text]
    try:
        while True:
            name = lib.slurm_hostlist_shift(hl)
            if name == ffi.NULL:
                break
            names.append(ffi.string(name).decode("utf-8", "replace"))
            lib.free(name)
    finally:
        lib.slurm_hostlist_destroy(hl)
    return names


def _stats_extras(ffi):
    if "stats" not in _EXTRAS:
        _EXTRAS["stats"] = _make_stats_extras(ffi)
    return _EXTRAS["stats"]


def _make_stats_extras(ffi):
    fields = {name for name, _ in ffi.typeof("stats_info_response_msg_t").fields}

    def ints(ptr, count):
        return [ptr[i] for i in range(count)] if count and ptr != ffi.NULL else []

    def extras(c, record):
        n = c.rpc_type_size
        record["rpc_type_id"] = ints(c.rpc_type_id, n)
        record["rpc_type_cnt"] = ints(c.rpc_type_cnt, n)
        record["rpc_type_time"] = ints(c.rpc_type_time, n)
        for name in ("rpc_type_queued", "rpc_type_dropped", "rpc_type_cycle_last", "rpc_type_cycle_max"):
            if name in fields:  # 23.11 on
                record[name] = ints(getattr(c, name), n if c.rpc_queue_enabled else 0)
        n = c.rpc_user_size
        record["rpc_user_id"] = ints(c.rpc_user_id, n)
        record["rpc_user_cnt"] = ints(c.rpc_user_cnt, n)
        record["rpc_user_time"] = ints(c.rpc_user_time, n)
        n = c.rpc_queue_type_count
        record["rpc_queue_type_id"] = ints(c.rpc_queue_type_id, n)
        record["rpc_queue_count"] = ints(c.rpc_queue_count, n)
        n = c.rpc_dump_count
        record["rpc_dump_types"] = ints(c.rpc_dump_types, n)
        from .copy import strings

        record["rpc_dump_hostlist"] = strings(ffi, c.rpc_dump_hostlist, n)
        record["rpc_dump_hosts"] = [_hosts(ffi, h) for h in record["rpc_dump_hostlist"]]
        for name in ("schedule_exit", "bf_exit"):
            if name in fields:  # 23.02 on: counters indexed by slurmctld's exit reasons
                record[name] = ints(getattr(c, name), getattr(c, name + "_cnt"))
        # gone in 25.05 (the shim reads 0 there)
        from ._lib import load

        record["parts_packed"] = load()[1].srpy_stats_parts_packed(c)
    return extras


def statistics(ffi, lib):
    """slurm_get_statistics() copied out whole, keyed by stats_info_response_msg_t's fields."""
    from .copy import copier

    req = ffi.new("stats_info_request_msg_t *")
    req.command_id = lib.STAT_COMMAND_GET
    buf = ffi.new("stats_info_response_msg_t **")
    SlurmFailure.check(lib.slurm_get_statistics(buf, req), "slurm_get_statistics")
    try:
        return copier(ffi, "stats_info_response_msg_t", _stats_extras(ffi))(buf[0])
    finally:
        if buf[0] != ffi.NULL:
            lib.slurm_free_stats_response_msg(buf[0])


def licenses(ffi, lib):
    """slurm_load_licenses() copied out whole: {"last_update", "licenses": [slurm_license_info_t]}."""
    from .copy import array, copier

    msg = ffi.new("license_info_msg_t **")
    try:
        SlurmFailure.check(lib.slurm_load_licenses(0, msg, 0), "slurm_load_licenses")
        m = msg[0]
        if m == ffi.NULL:
            return None
        return {"last_update": m.last_update,
                "licenses": array(m.lic_array, m.num_lic, copier(ffi, "slurm_license_info_t"))}
    finally:
        if msg[0] != ffi.NULL:
            lib.slurm_free_license_info_msg(msg[0])


def reconfigure(ffi, lib):
    SlurmFailure.check(lib.slurm_reconfigure(), "slurm_reconfigure")
