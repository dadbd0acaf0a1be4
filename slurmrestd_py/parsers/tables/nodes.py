"""Nodes (node_info_t), for GET nodes/ and node/{node_name}, and the update_node_msg_t that POST
node/{node_name} and POST nodes/ read.

Rows: (path in the answer, field of the copied-out record, type, description[, versions]), in the
reference's order; the descriptions are those of the reference's published documents.
"""
from ..queries import TIMESTAMP
from ..types import FLOAT, REQUIRED, STRING, UINT32_NO_VAL, UINT64_NO_VAL, List, Scalar, Type, const, table
from ..types import Flags
from . import UNTIL_V41, V40, V40_ON, V41, V41_ON, V42, V43, V43_ON, V44, V45
from .meta import response
from .numbers import SHOW_FLAGS, TIMESTAMP_NO_VAL, UINT16, UINT32, UINT32_NO_VAL_IN_V39, UINT64

_EQUAL, _BIT = "equal", "bit"
_STATE_ROWS = (
    ("INVALID", "NO_VAL", "INFINITE", _EQUAL),
    ("UNKNOWN", "NODE_STATE_UNKNOWN", "NODE_STATE_BASE", _EQUAL),
    ("DOWN", "NODE_STATE_DOWN", "NODE_STATE_BASE", _EQUAL),
    ("IDLE", "NODE_STATE_IDLE", "NODE_STATE_BASE", _EQUAL),
    ("ALLOCATED", "NODE_STATE_ALLOCATED", "NODE_STATE_BASE", _EQUAL),
    ("ERROR", "NODE_STATE_ERROR", "NODE_STATE_BASE", _EQUAL),
    ("MIXED", "NODE_STATE_MIXED", "NODE_STATE_BASE", _EQUAL),
    ("FUTURE", "NODE_STATE_FUTURE", "NODE_STATE_BASE", _EQUAL),
    *((name, const_, "NODE_STATE_FLAGS", _BIT) for name, const_ in (
        ("RESERVED", "NODE_STATE_RES"), ("UNDRAIN", "NODE_STATE_UNDRAIN"), ("CLOUD", "NODE_STATE_CLOUD"),
        ("RESUME", "NODE_RESUME"), ("DRAIN", "NODE_STATE_DRAIN"), ("COMPLETING", "NODE_STATE_COMPLETING"),
        ("NOT_RESPONDING", "NODE_STATE_NO_RESPOND"), ("POWERED_DOWN", "NODE_STATE_POWERED_DOWN"),
        ("FAIL", "NODE_STATE_FAIL"), ("POWERING_UP", "NODE_STATE_POWERING_UP"),
        ("MAINTENANCE", "NODE_STATE_MAINT"), ("REBOOT_REQUESTED", "NODE_STATE_REBOOT_REQUESTED"),
        ("REBOOT_CANCELED", "NODE_STATE_REBOOT_CANCEL"), ("POWERING_DOWN", "NODE_STATE_POWERING_DOWN"),
        ("DYNAMIC_FUTURE", "NODE_STATE_DYNAMIC_FUTURE"), ("REBOOT_ISSUED", "NODE_STATE_REBOOT_ISSUED"),
        ("PLANNED", "NODE_STATE_PLANNED"), ("INVALID_REG", "NODE_STATE_INVALID_REG"),
        ("POWER_DOWN", "NODE_STATE_POWER_DOWN"), ("POWER_UP", "NODE_STATE_POWER_UP"),
        ("POWER_DRAIN", "NODE_STATE_POWER_DRAIN"), ("DYNAMIC_NORM", "NODE_STATE_DYNAMIC_NORM"))),
)


class FlagArray(Type):
    """A flag array of the reference's kind with "equal" rows (value == field & mask: a base state)
    and "bit" rows (value's bits all set); a bit row is not looked at once an equal row matched
    bits of its mask (NO_VAL is INVALID, and nothing else)."""

    unset = ()

    def __init__(self, name, rows):
        self.name, self.rows = name, tuple(rows)
        self._resolved = None

    def plan(self):
        if self._resolved is None:
            self._resolved = tuple((name, const(mask) & const(value), const(mask), kind == _EQUAL)
                                   for name, value, mask, kind in self.rows)
        return self._resolved

    def dump(self, value):
        out, used = [], 0
        for name, v, mask, equal in self.plan():
            if equal:
                if value & mask == v:
                    used |= mask
                    out.append(name)
            elif v and not used & mask and value & v == v:
                out.append(name)
        return out

    def parse(self, names):
        """Names (a list, or one string) -> the field, as the reference's flag parser sets it:
        (field, [unknown names])."""
        value, done, unknown = 0, 0, []
        for item in ([names] if isinstance(names, str) else names):
            item = str(item)
            matched = False
            for name, v, mask, equal in self.plan():
                hit = name.lower() == item.lower()
                matched |= hit
                if equal:
                    if hit or ~done & mask == mask:
                        value = (value & ~mask) | v if hit else value & ~mask
                    done |= mask
                else:
                    if hit or ~done & v == v:
                        value = value | v if hit else value & (~mask | (mask & ~v))
                    done |= v
            if not matched:
                unknown.append(item)
        return value & 0xFFFFFFFF, unknown

    def body(self, schemas):
        return {"type": "array", "items": {"type": "string", "enum": [r[0] for r in self.rows]}}


NODE_STATES = FlagArray("node_states", _STATE_ROWS)
# v0.0.44 on: EXTERNAL (25.05's node without a slurmd) and BLOCKED (24.11 on); 0 and never written before
NODE_STATES_EXTERNAL = FlagArray("node_states", _STATE_ROWS[:8] + (("EXTERNAL", "NODE_STATE_EXTERNAL",
                                                                    "NODE_STATE_FLAGS", _BIT),) + _STATE_ROWS[8:]
                                 + (("BLOCKED", "NODE_STATE_BLOCKED", "NODE_STATE_FLAGS", _BIT),))  # and BLOCKED
# v0.0.45: and two states of two flags each
_POWER = [r[0] for r in NODE_STATES_EXTERNAL.rows].index("POWER_DRAIN") + 1
NODE_STATES_V45 = FlagArray("node_states", NODE_STATES_EXTERNAL.rows[:_POWER] + (
    ("POWER_DOWN_ASAP", "NODE_STATE_POWER_DOWN|NODE_STATE_POWER_DRAIN", "NODE_STATE_FLAGS", _BIT),
    ("POWER_DOWN_FORCE", "NODE_STATE_POWER_DOWN|NODE_STATE_POWERED_DOWN", "NODE_STATE_FLAGS", _BIT))
    + NODE_STATES_EXTERNAL.rows[_POWER:])
NODE_CERT_FLAGS = Flags("node_cert_flags", [("TOKEN_SET", "NODE_CERT_TOKEN_SET")])
_UNTIL_V44 = V41 | V42 | V43 | V44


class Csv(Type):
    """A comma-separated `char *` -> its items (strtok's: empty items dropped)."""

    name, unset = "csv_string", ()

    def dump(self, value):
        return [item for item in value.split(",") if item] if value else []

    def body(self, schemas):
        return {"type": "array", "items": {"type": "string"}}

    def parse(self, value, at, report):
        """A list of strings -> "a,b"; a dictionary -> "key=value,..."; a string as it is (warned
        about); null: not given."""
        from .. import parsing as p

        p.check(p.EXPECT_LIST, value, at, report)
        if value is None:
            return None
        if isinstance(value, (list, dict)):
            pairs = value.items() if isinstance(value, dict) else ((None, v) for v in value)
            out = []
            for key, v in pairs:
                text = p.to_string(v) if v is not None else None
                if text is None:
                    report.fail(at, p.CONVERSION_FAILED, f"unable to convert csv entry {p.slurm_type(v)} to string")
                out.append(text if key is None else f"{key}={text}")
            return ",".join(out) if out else None
        text = p.to_string(value)
        if text is None:
            report.fail(at, p.CONVERSION_FAILED, "Expected dictionary or list or string for comma delimited list "
                                                 f"but got {p.text(value)}")
        return text


CSV_STRING = Csv()


class HostlistString(Type):
    """A hostlist expression written as a list of names (request bodies only here)."""

    name, unset = "hostlist_string", ()

    def body(self, schemas):
        return {"type": "array", "items": {"type": "string"}}

    def dump(self, value):
        """A hostlist expression -> its names, as Slurm expands it."""
        from ...slurm._lib import load
        from ...slurm.controller import _hosts

        return _hosts(load()[0], value) if value else []

    def parse(self, value, at, report):
        """A list of names or expressions (or one string, warned about) -> one ranged expression."""
        from ...api.parsed.nodes import _ranged
        from .. import parsing as p

        p.check(p.EXPECT_LIST, value, at, report)
        if value is None:
            return None
        items = value if isinstance(value, list) else [value]
        texts = [p.to_string(v) for v in items]
        if any(t is None for t in texts):
            report.fail(at, p.CONVERSION_FAILED, f"Unable to convert {report.shown(value)} to a string")
        return _ranged(report.ctx, ",".join(texts))


HOSTLIST_STRING = HostlistString()


def _user(uid):
    from ...slurm.convert import user_or_none

    return user_or_none(uid) or ""


USER_ID = Scalar({"type": "string"}, _user, unset="")
USER_ID_IN = Scalar({"type": "string"}, None, unset="")
# A removed object (external_sensors, power): always {}, described as a deprecated empty object,
# in v0.0.40 a named one
EMPTY_OBJECT = Scalar({"type": "object", "properties": {}, "deprecated": True}, lambda _: {}, unset={})
_REMOVED = {"type": "object", "description": "removed field", "properties": {}, "deprecated": True}
EXT_SENSORS_DATA = Scalar(_REMOVED, lambda _: {}, name="ext_sensors_data", unset={})
POWER_MGMT_DATA = Scalar(_REMOVED, lambda _: {}, name="power_mgmt_data", unset={})

ENERGY = table("acct_gather_energy", (
    ("average_watts", "ave_watts", UINT32, "Average power consumption, in watts"),
    ("base_consumed_energy", "base_consumed_energy", UINT64,
     "The energy consumed between when the node was powered on and the last time it was registered by slurmd, "
     "in joules"),
    ("consumed_energy", "consumed_energy", UINT64,
     "The energy consumed between the last time the node was registered by the slurmd daemon and the last node "
     "energy accounting sample, in joules"),
    ("current_watts", "current_watts", UINT32_NO_VAL,
     "The instantaneous power consumption at the time of the last node energy accounting sample, in watts"),
    ("previous_consumed_energy", "previous_consumed_energy", UINT64, "Previous value of consumed_energy"),
    ("last_collected", "poll_time", UINT64, "Time when energy data was last retrieved (UNIX timestamp)"),
))


class _EnergyPtr(Type):
    """acct_gather_energy_t *: the struct, or (NULL) all its fields zero."""

    name = None

    def dump(self, value):
        return ENERGY.dump(value or _ZERO_ENERGY)

    def ref(self, schemas, description=None):
        return ENERGY.ref(schemas, description)


_ZERO_ENERGY = {"ave_watts": 0, "base_consumed_energy": 0, "consumed_energy": 0, "current_watts": 0,
                "previous_consumed_energy": 0, "poll_time": 0}
ENERGY_PTR = _EnergyPtr()
ENERGY_PTR.unset = ENERGY.dump(_ZERO_ENERGY)


def _idle_cpus(record):
    return record["cpus"] - record["alloc_cpus"]


NODE = (
    ("architecture", "arch", STRING, "Computer architecture"),
    ("burstbuffer_network_address", "bcast_address", STRING,
     "Alternate network path to be used for sbcast network traffic"),
    ("boards", "boards", UINT16, "Number of Baseboards in nodes with a baseboard controller"),
    ("boot_time", "boot_time", TIMESTAMP_NO_VAL, "Time when the node booted (UNIX timestamp)"),
    ("tls_cert_last_renewal", "cert_last_renewal", TIMESTAMP_NO_VAL, "Time when TLS certificate was created", V43_ON),
    ("cert_flags", "cert_flags", NODE_CERT_FLAGS, "Certmgr status flags", V43_ON),
    ("cluster_name", "cluster_name", STRING, "Cluster name (only set in federated environments)"),
    ("cores", "cores", UINT16, "Number of cores in a single physical processor socket"),
    ("specialized_cores", "core_spec_cnt", UINT16, "Number of cores reserved for system use"),
    ("cpu_binding", "cpu_bind", UINT32, "Default method for binding tasks to allocated CPUs"),
    ("cpu_load", "cpu_load", UINT32_NO_VAL_IN_V39, "CPU load as reported by the OS"),
    ("free_mem", "free_mem", UINT64_NO_VAL, "Total memory in MB currently free as reported by the OS"),
    ("cpus", "cpus", UINT16, "Total CPUs, including cores and threads"),
    ("effective_cpus", "cpus_efctv", UINT16, "Number of effective CPUs (excluding specialized CPUs)"),
    ("specialized_cpus", "cpu_spec_list", STRING,
     "Abstract CPU IDs on this node reserved for exclusive use by slurmd and slurmstepd"),
    ("energy", "energy", ENERGY_PTR, "Energy usage data"),
    ("external_sensors", lambda r: None, EXT_SENSORS_DATA, None, V40),
    ("external_sensors", lambda r: None, EMPTY_OBJECT, None, _UNTIL_V44),
    ("extra", "extra", STRING, "Arbitrary string used for node filtering if extra constraints are enabled"),
    ("power", lambda r: None, POWER_MGMT_DATA, None, V40),
    ("power", lambda r: None, EMPTY_OBJECT, None, _UNTIL_V44),
    ("features", "features", CSV_STRING, "Available features"),
    ("active_features", "features_act", CSV_STRING, "Currently active features"),
    ("gpu_spec", "gpu_spec", STRING, "CPU cores reserved for jobs that also use a GPU", V41_ON),
    ("gres", "gres", STRING, "Generic resources"),
    ("gres_drained", "gres_drain", STRING, "Drained generic resources"),
    ("gres_used", "gres_used", STRING, "Generic resources currently in use"),
    ("instance_id", "instance_id", STRING, "Cloud instance ID", V40_ON),
    ("instance_type", "instance_type", STRING, "Cloud instance type", V40_ON),
    ("last_busy", "last_busy", TIMESTAMP_NO_VAL, "Time when the node was last busy (UNIX timestamp)"),
    ("mcs_label", "mcs_label", STRING, "Multi-Category Security label"),
    ("specialized_memory", "mem_spec_limit", UINT64,
     "Combined memory limit, in MB, for Slurm compute node daemons"),
    ("name", "name", STRING, "NodeName"),
    ("next_state_after_reboot", "next_state", NODE_STATES, "The state the node will be assigned after rebooting",
     UNTIL_V41 | V42 | V43),
    ("next_state_after_reboot", "next_state", NODE_STATES_EXTERNAL,
     "The state the node will be assigned after rebooting", V44),
    ("next_state_after_reboot", "next_state", NODE_STATES_V45, "The state the node will be assigned after rebooting",
     V45),
    ("address", "node_addr", STRING, "NodeAddr, used to establish a communication path"),
    ("hostname", "node_hostname", STRING, "NodeHostname"),
    ("state", "node_state", NODE_STATES, "Node state(s) applicable to this node", UNTIL_V41 | V42 | V43),
    ("state", "node_state", NODE_STATES_EXTERNAL, "Node state(s) applicable to this node", V44),
    ("state", "node_state", NODE_STATES_V45, "Node state(s) applicable to this node", V45),
    ("operating_system", "os", STRING, "Operating system reported by the node"),
    ("owner", "owner", USER_ID, "User allowed to run jobs on this node (unset if no restriction)"),
    ("partitions", "partitions", CSV_STRING, "Partitions containing this node"),
    ("port", "port", UINT16, "TCP port number of the slurmd"),
    ("real_memory", "real_memory", UINT64, "Total memory in MB on the node"),
    ("res_cores_per_gpu", "res_cores_per_gpu", UINT16, "Number of CPU cores per GPU restricted to GPU jobs",
     V41_ON),
    ("comment", "comment", STRING, "Arbitrary comment"),
    ("reason", "reason", STRING,
     "Describes why the node is in a \"DOWN\", \"DRAINED\", \"DRAINING\", \"FAILING\" or \"FAIL\" state"),
    ("reason_changed_at", "reason_time", TIMESTAMP_NO_VAL, "When the reason changed (UNIX timestamp)"),
    ("reason_set_by_user", "reason_uid", USER_ID, "User who set the reason", _UNTIL_V44 | V40),
    ("reason_set_by_user", lambda r: _user(r["reason_uid"]) if r.get("reason") is not None else "", STRING,
     "User who set the reason", V45),  # v0.0.45: "" while there is no reason
    ("resume_after", "resume_after", UINT64_NO_VAL,
     "Number of seconds after the node's state is updated to \"DOWN\" or \"DRAIN\" before scheduling a node "
     "state resume"),
    ("reservation", "resv_name", STRING, "Name of reservation containing this node"),
    ("suspend_time", "suspend_time", UINT32_NO_VAL, "Time in idle state before being considered for power save.",
     V45),
    ("alloc_memory", "alloc_memory", UINT64, "Total memory in MB currently allocated for jobs"),
    ("alloc_cpus", "alloc_cpus", UINT16, "Total number of CPUs currently allocated for jobs"),
    ("alloc_idle_cpus", _idle_cpus, UINT16, "Total number of idle CPUs"),
    ("tres_used", "alloc_tres_fmt_str", STRING, "Trackable resources currently allocated for jobs"),
    ("tres_weighted", "alloc_tres_weighted", FLOAT, "Weighted number of billable trackable resources allocated",
     UNTIL_V41 | _UNTIL_V44),
    ("slurmd_start_time", "slurmd_start_time", TIMESTAMP_NO_VAL, "Time when the slurmd started (UNIX timestamp)"),
    ("sockets", "sockets", UINT16, "Number of physical processor sockets/chips on the node"),
    ("threads", "threads", UINT16, "Number of logical threads in a single physical core"),
    ("temporary_disk", "tmp_disk", UINT32, "Total size in MB of temporary disk storage in TmpFS"),
    ("weight", "weight", UINT32, "Weight of the node for scheduling purposes"),
    ("topology", "topology_str", STRING, "Topology", V43_ON),
    ("tres", "tres_fmt_str", STRING, "Configured trackable resources"),
    ("version", "version", STRING, "Slurmd version"),
)

# The body of POST node/{node_name} and POST nodes/: (key, update_node_msg_t field, type, description)
UPDATE_NODE_MSG = (
    ("comment", "comment", STRING, "Arbitrary comment"),
    ("cpu_bind", "cpu_bind", UINT32, "Default method for binding tasks to allocated CPUs"),
    ("extra", "extra", STRING, "Arbitrary string used for node filtering if extra constraints are enabled"),
    ("features", "features", CSV_STRING, "Available features"),
    ("features_act", "features_act", CSV_STRING, "Currently active features"),
    ("gres", "gres", STRING, "Generic resources"),
    ("address", "node_addr", HOSTLIST_STRING, "NodeAddr, used to establish a communication path"),
    ("hostname", "node_hostname", HOSTLIST_STRING, "NodeHostname"),
    ("name", "node_names", HOSTLIST_STRING, "NodeName"),
    ("state", "node_state", NODE_STATES, "New state to assign to the node", UNTIL_V41 | V42 | V43),
    ("state", "node_state", NODE_STATES_EXTERNAL, "New state to assign to the node", V44),
    ("state", "node_state", NODE_STATES_V45, "New state to assign to the node", V45),
    ("reason", "reason", STRING, "Reason for node being DOWN or DRAINING"),
    ("reason_uid", "reason_uid", USER_ID_IN,
     "User ID to associate with the reason (needed if user root is sending message)"),
    ("resume_after", "resume_after", UINT32_NO_VAL,
     "Number of seconds after which to automatically resume DOWN or DRAINED node"),
    ("topology_str", "topology_str", STRING, "Topology", V43_ON),
    ("weight", "weight", UINT32_NO_VAL, "Weight of the node for scheduling purposes"),
)

QUERIES = {
    "nodes": (
        ("update_time", TIMESTAMP, "Filter jobs since update timestamp", UNTIL_V41),
        ("update_time", TIMESTAMP, "Query jobs updated more recently than this time (UNIX timestamp)",
         V42 | V43 | V44),
        ("update_time", TIMESTAMP, "Query nodes updated more recently than this time (UNIX timestamp)", V45),
        ("flags", SHOW_FLAGS, "Query flags", V40_ON),
    ),
}


def objects(version):
    return {"node": table("node", NODE, version), "update_node_msg": table("update_node_msg", UPDATE_NODE_MSG, version)}


def update_rows(version):
    """UPDATE_NODE_MSG's rows `version` reads: (key, field, type, description)."""
    return [row[:4] for row in UPDATE_NODE_MSG if len(row) == 4 or version in row[4]]


def responses(version, objects):
    return {
        "nodes": response("openapi_nodes_resp", (
            ("nodes", "nodes", List(objects["node"], "nodes"), "List of nodes", REQUIRED),
            ("last_update", "last_update", TIMESTAMP_NO_VAL, "Time of last node change (UNIX timestamp)", REQUIRED,
             V40_ON),
        ), version),
        "node_update": response("openapi_resp", (), version),
    }
