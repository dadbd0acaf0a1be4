"""Clusters (slurmdb_cluster_rec_t), for slurmdb GET clusters/ and cluster/{cluster_name}, and the
names DELETE cluster/{cluster_name} removed."""
from . import UNTIL_V41, V40, V40_ON, V41, V41_ON, V42, V42_ON, V43_ON, V45
from ..types import RELEASE_FLAG, STRING, Flags, List, REQUIRED, Scalar, table
from .meta import response
from .numbers import UINT16, UINT32
from .tres import TRES

# FRONT_END left in 25.05 (26.05 does not name it). CLUSTER_FLAG_REGISTER (bit 0) has its name from 23.02 on; 22.05 never sets that bit for a cluster.
CLUSTER_FLAGS = Flags("cluster_rec_flags", [
    ("REGISTERING", 1), ("MULTIPLE_SLURMD", "CLUSTER_FLAG_MULTSD"), ("FRONT_END", "CLUSTER_FLAG_FE", None, RELEASE_FLAG),
    ("FEDERATION", "CLUSTER_FLAG_FED"), ("EXTERNAL", "CLUSTER_FLAG_EXT")])
# v0.0.43 on: DELETED first (26.05's CLUSTER_FLAG_DELETED), FRONT_END gone
CLUSTER_FLAGS_V43 = Flags("cluster_rec_flags", [
    ("DELETED", "CLUSTER_FLAG_DELETED", None, RELEASE_FLAG), ("REGISTERING", 1),
    ("MULTIPLE_SLURMD", "CLUSTER_FLAG_MULTSD"), ("FEDERATION", "CLUSTER_FLAG_FED"), ("EXTERNAL", "CLUSTER_FLAG_EXT")])
# (a query row only: the reference reads it into a condition slurmdbd ignores; we read none)
CLASSIFICATION = Flags("cluster_classification", [
    ("UNCLASSIFIED", 0), ("CAPABILITY", 0), ("CAPACITY", 0), ("CAPAPACITY", 0)])
CLASSIFICATION_V40 = Flags("cluster_classification", [
    ("UNCLASSIFIED", 0), ("CAPABILITY", 0), ("CAPACITY", 0), ("CAPAPACITY (both CAPABILITY and CAPACITY)", 0)])
# select_plugin left in 24.05: the reference writes it empty, a string without description
# (deprecated from v0.0.41 on)
REMOVED_STRING = Scalar({"type": "string"}, lambda _: "", unset="")
DEPRECATED_STRING = Scalar({"type": "string", "deprecated": True}, lambda _: "", unset="")

V40_42 = V40 | V42_ON
ASSOC_SHORT_ROWS = (
    ("account", "acct", STRING, "Account name", V40_42),
    ("account", "acct", STRING, "Account", V41),
    ("cluster", "cluster", STRING, "Cluster name", V40_42),
    ("cluster", "cluster", STRING, "Cluster", V41),
    ("partition", "partition", STRING, "Partition name", V40_42),
    ("partition", "partition", STRING, "Partition", V41),
    ("user", "user", STRING, "User name", REQUIRED),
    ("id", "id", UINT32, "Numeric association ID", V40_ON),  # (v0.0.39's has none)
)


def _gone(record):
    return None


_gone.parse_as = None  # a body's value is skipped, as the reference skips a removed field


def _root(record):
    return record.get("root_assoc") or {}


def rows(assoc_short, tres):
    return (
        ("controller/host", "control_host", STRING, "ControlHost"),
        ("controller/port", "control_port", UINT32, "ControlPort"),
        ("flags", "flags", CLUSTER_FLAGS, "Flags", UNTIL_V41 | V42),
        ("flags", "flags", CLUSTER_FLAGS_V43, "Flags", V43_ON),
        ("name", "name", STRING, "ClusterName"),
        ("nodes", "nodes", STRING, "Node names"),
        ("select_plugin", _gone, REMOVED_STRING, None, V40),
        ("select_plugin", _gone, DEPRECATED_STRING, None, V41_ON - V45),
        ("associations/root", _root, assoc_short, "Root association information"),
        ("rpc_version", "rpc_version", UINT16, "RPC version used in the cluster"),
        ("tres", "tres", List(tres, "tres_list"), "Trackable resources"),
    )


def objects(version):
    assoc_short = table("assoc_short", ASSOC_SHORT_ROWS, version)
    return {"clusters": table("cluster_rec", rows(assoc_short, table("tres", TRES, version)), version)}


def responses(version, objects):
    return {
        "clusters": response("openapi_clusters_resp", (
            ("clusters", "clusters", List(objects["clusters"], "cluster_rec_list"), "clusters", REQUIRED),
        ), version),
        "clusters_removed": response("openapi_clusters_removed_resp", (
            ("deleted_clusters", "deleted_clusters", STRING_LIST, "deleted_clusters", REQUIRED),
        ), version),
    }


STRING_LIST = List(STRING, "string_list")
QUERY = (
    ("classification", CLASSIFICATION_V40, "Type of machine", UNTIL_V41),
    ("classification", CLASSIFICATION, "Type of machine", V42_ON),
    ("cluster", "csv", "CSV cluster list"),
    ("federation", "csv", "CSV federation list"),
    ("flags", CLUSTER_FLAGS, "Query flags", UNTIL_V41 | V42),
    ("flags", CLUSTER_FLAGS_V43, "Query flags", V43_ON),
    ("format", "string", "Ignored; process JSON manually to control output format"),
    ("rpc_version", "string", "CSV RPC version list"),
    ("usage_end", "string", "Usage end (UNIX timestamp)"),
    ("usage_start", "string", "Usage start (UNIX timestamp)"),
    ("with_deleted", "bool", "Include deleted clusters"),
    ("with_usage", "bool", "Include usage"),
)
QUERIES = {
    # the reference documents GET clusters/ with GET reservations' parameter (and reads QUERY)
    "clusters": (("update_time", "string", "Filter reservations since update timestamp", UNTIL_V41),
                 ("update_time", "string", "Query reservations updated more recently than this time (UNIX timestamp)",
                  V42_ON)),
    "cluster": QUERY,
}
