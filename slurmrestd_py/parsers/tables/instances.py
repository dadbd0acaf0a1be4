"""Cloud instances (slurmdb_instance_rec_t), for slurmdb GET instances/ and instance/."""
from ..types import INT64, STRING, List, REQUIRED, table
from .meta import response

INSTANCE = (
    ("cluster", "cluster", STRING, "Cluster name"),
    ("extra", "extra", STRING, "Arbitrary string used for node filtering if extra constraints are enabled"),
    ("instance_id", "instance_id", STRING, "Cloud instance ID"),
    ("instance_type", "instance_type", STRING, "Cloud instance type"),
    ("node_name", "node_name", STRING, "NodeName"),
    ("time/time_end", "time_end", INT64, "When the instance will end (UNIX timestamp)"),
    ("time/time_start", "time_start", INT64, "When the instance will start (UNIX timestamp)"),
)


def objects(version):
    return {"instances": table("instance", INSTANCE, version)}


def responses(version, objects):
    return {"instances": response("openapi_instances_resp", (
        ("instances", "instances", List(objects["instances"], "instance_list"), "instances", REQUIRED),
    ), version)}


QUERIES = {"instances": (
    ("cluster", "csv", "CSV clusters list"),
    ("extra", "csv", "CSV extra list"),
    ("format", "csv", "Ignored; process JSON manually to control output format"),
    ("instance_id", "csv", "CSV instance_id list"),
    ("instance_type", "csv", "CSV instance_type list"),
    ("node_list", "string", "Ranged node string"),
    ("time_end", "timestamp", "Time end (UNIX timestamp)"),
    ("time_start", "timestamp", "Time start (UNIX timestamp)"),
)}
