"""Nodes as the reference's v0.0.38 `nodes[]` records (src/plugins/openapi/v0.0.38/nodes.c)."""
from . import convert
from .failure import check_load, failure


def load_nodes(ffi, lib, update_time=0, name=None):
    """slurm_load_node (or _single for `name`; update_time applies to the list only), partitions
    filled in, every record copied out. Raises NotModified, or HandlerError as the reference reports."""
    show = lib.SHOW_ALL | lib.SHOW_DETAIL | lib.SHOW_MIXED
    msg = ffi.new("node_info_msg_t **")
    try:
        if name is None:
            rc = lib.slurm_load_node(update_time, msg, show)
        else:
            rc = lib.slurm_load_node_single(msg, name.encode(), show)
        check_load(rc)
        m = msg[0]
        if m == ffi.NULL or m.record_count == 0:
            raise failure(lib.ESLURM_INVALID_NODE_NAME)
        _populate_partitions(ffi, lib, m, update_time)
        c = _Converter(ffi, lib)
        return [_node(c, n) for n in (m.node_array + i for i in range(m.record_count)) if n.name != ffi.NULL]
    finally:
        if msg[0] != ffi.NULL:
            lib.slurm_free_node_info_msg(msg[0])


def _populate_partitions(ffi, lib, m, update_time):
    # The reference asks for partitions with the nodes' update_time: if they have not changed
    # since, the load fails and so does the request (-1, "Unspecified error").
    parts = ffi.new("partition_info_msg_t **")
    rc = lib.slurm_load_partitions(update_time, parts, lib.SHOW_ALL)
    try:
        if rc != 0:
            raise failure(rc)
        lib.slurm_populate_node_partitions(m, parts[0])
    finally:
        if parts[0] != ffi.NULL:
            lib.slurm_free_partition_info_msg(parts[0])


def state_name(ffi, lib, state):
    # The reference lower-cases node_state_base_string(); "invalid" for NO_VAL (no next state).
    return ffi.string(lib.slurm_node_state_base_string(state)).decode().lower()


def state_flags(ffi, lib, state):
    """Flag names of a node state, in Slurm's order; none unless the base state is valid."""
    if not lib.slurm_valid_base_state(state):
        return []
    out = []
    rest = ffi.new("uint32_t *", state)
    while True:
        flag = lib.slurm_node_state_flag_string_single(rest)
        if flag == ffi.NULL:
            return out
        out.append(ffi.string(flag).decode())


class _Converter:
    """One listing's conversion: a thousand nodes share a few states and users, so their names
    are looked up once (a getpwuid() each is most of the time otherwise), and the out-parameters
    of srpy_node_alloc() are allocated once."""

    def __init__(self, ffi, lib):
        self.ffi, self.lib = ffi, lib
        self._states, self._flags, self._users = {}, {}, {}
        self._cpus = ffi.new("uint16_t *")
        self._mem = ffi.new("uint64_t *")
        self._tres = ffi.new("char **")
        self._weighted = ffi.new("double *")

    def state(self, state):
        try:
            return self._states[state]
        except KeyError:
            name = self._states[state] = state_name(self.ffi, self.lib, state)
            return name

    def flags(self, state):
        # A new list each time: records must not share mutable values.
        try:
            return list(self._flags[state])
        except KeyError:
            flags = self._flags[state] = state_flags(self.ffi, self.lib, state)
            return list(flags)

    def user(self, uid):
        try:
            return self._users[uid]
        except KeyError:
            name = self._users[uid] = convert.user_or_none(uid)
            return name

    def alloc(self, n):
        """alloc_cpus, alloc_memory, tres_used, tres_weighted: srpy_node_alloc() reads them where
        the release keeps them (select_nodeinfo before 25.05, node_info_t's own fields after)."""
        ffi, lib, tres = self.ffi, self.lib, self._tres
        tres[0] = ffi.NULL
        rc = lib.srpy_node_alloc(n, self._cpus, self._mem, tres, self._weighted)
        if rc != 0:
            _xfree(ffi, lib, tres)
            raise failure(rc)
        used = convert.string(ffi, tres[0])
        _xfree(ffi, lib, tres)
        return self._cpus[0], self._mem[0], used, self._weighted[0]


def _xfree(ffi, lib, ptr):
    if ptr[0] != ffi.NULL:
        lib.slurm_xfree(ffi.cast("void **", ptr))


def _node(c, n):
    ffi = c.ffi
    # data_set_string(NULL) prints as "" (data_set_string_own(NULL), below, as null).
    s = lambda p: convert.string(ffi, p, "")  # noqa: E731
    alloc_cpus, alloc_memory, tres_used, tres_weighted = c.alloc(n)
    partitions = s(n.partitions)
    return {
        "architecture": s(n.arch),
        "burstbuffer_network_address": s(n.bcast_address),
        "boards": n.boards,
        "boot_time": n.boot_time,
        "comment": s(n.comment),
        "cores": n.cores,
        "cpu_binding": n.cpu_bind,
        "cpu_load": n.cpu_load,
        "extra": s(n.extra),
        "free_memory": convert.int64(n.free_mem),
        "cpus": n.cpus,
        "last_busy": n.last_busy,
        "features": s(n.features),
        "active_features": s(n.features_act),
        "gres": s(n.gres),
        "gres_drained": s(n.gres_drain),
        "gres_used": s(n.gres_used),
        "mcs_label": s(n.mcs_label),
        "name": s(n.name),
        "next_state_after_reboot": c.state(n.next_state),
        "address": s(n.node_addr),
        "hostname": s(n.node_hostname),
        "state": c.state(n.node_state),
        "state_flags": c.flags(n.node_state),
        "next_state_after_reboot_flags": c.flags(n.next_state),
        "operating_system": s(n.os),
        "owner": None if n.owner == convert.NO_VAL else c.user(n.owner),
        # A comma-separated list; empty items are dropped, as strtok does.
        "partitions": [p for p in partitions.split(",") if p] if partitions else [],
        "port": n.port,
        "real_memory": convert.int64(n.real_memory),
        "reason": s(n.reason),
        "reason_changed_at": n.reason_time,
        "reason_set_by_user": c.user(n.reason_uid),
        "slurmd_start_time": n.slurmd_start_time,
        "sockets": n.sockets,
        "threads": n.threads,
        "temporary_disk": n.tmp_disk,
        "weight": n.weight,
        "tres": s(n.tres_fmt_str),
        "slurmd_version": s(n.version),
        "alloc_memory": convert.int64(alloc_memory),
        "alloc_cpus": alloc_cpus,
        "idle_cpus": n.cpus - alloc_cpus,
        "tres_used": tres_used,
        "tres_weighted": tres_weighted,
    }


def node_msg(ffi, lib, update_time, show_flags, name=None):
    """slurm_load_node() (or _single for `name`) with its nodes' partitions filled in from
    slurm_load_partitions() of the same update_time and show flags, copied out whole:
    {"last_update", "nodes": [records]}, the records keyed by node_info_t's own fields, plus
    "energy" (acct_gather_energy_t or None) and the allocation ("alloc_cpus", "alloc_memory",
    "alloc_tres_fmt_str", "alloc_tres_weighted"). Raises SlurmFailure: the node load's as it is,
    the partitions' (function "slurm_load_partitions") with its return code."""
    from .copy import copier
    from .failure import SlurmFailure

    msg = ffi.new("node_info_msg_t **")
    try:
        if name is None:
            rc = lib.slurm_load_node(update_time, msg, show_flags)
            SlurmFailure.check(rc, "slurm_load_node")
        else:
            rc = lib.slurm_load_node_single(msg, name.encode(), show_flags)
            SlurmFailure.check(rc, "slurm_load_node_single")
        m = msg[0]
        if m == ffi.NULL or m.record_count == 0:
            return {"last_update": 0, "nodes": []}
        parts = ffi.new("partition_info_msg_t **")
        try:
            rc = lib.slurm_load_partitions(update_time, parts, show_flags)
            if rc != 0:
                raise SlurmFailure("slurm_load_partitions", rc, lib.srpy_errno())
            lib.slurm_populate_node_partitions(m, parts[0])
        finally:
            if parts[0] != ffi.NULL:
                lib.slurm_free_partition_info_msg(parts[0])
        alloc = _Converter(ffi, lib)
        energy = copier(ffi, "acct_gather_energy_t")

        def extras(c, record):
            record["energy"] = None if c.energy == ffi.NULL else energy(c.energy)
            if c.name == ffi.NULL:  # not dumped (an unassigned dynamic node): no select_nodeinfo to read
                return
            cpus, mem, tres, weighted = alloc.alloc(c)
            record.update(alloc_cpus=cpus, alloc_memory=mem, alloc_tres_fmt_str=tres, alloc_tres_weighted=weighted)

        copy = copier(ffi, "node_info_t", extras)
        # the reference skips no record: a hidden node's record (name NULL) is dumped as it is
        return {"last_update": m.last_update, "nodes": [copy(m.node_array + i) for i in range(m.record_count)]}
    finally:
        if msg[0] != ffi.NULL:
            lib.slurm_free_node_info_msg(msg[0])


def update(ffi, lib, fields, delete=False):
    """slurm_update_node() (or slurm_delete_node()) of an update_node_msg_t initialised by
    slurm_init_update_node_msg() and then given `fields` (update_node_msg_t's own names; str or
    int). Raises SlurmFailure."""
    from .failure import SlurmFailure

    msg = ffi.new("update_node_msg_t *")
    lib.slurm_init_update_node_msg(msg)
    keep = []
    for key, value in fields.items():
        if not hasattr(msg, key):  # a field this release lacks (topology_str before 25.05): not sent
            continue
        if isinstance(value, str):
            value = ffi.new("char[]", value.encode())
            keep.append(value)
        setattr(msg, key, value)
    function = "slurm_delete_node" if delete else "slurm_update_node"
    rc = (lib.slurm_delete_node if delete else lib.slurm_update_node)(msg)
    SlurmFailure.check(rc, function)
