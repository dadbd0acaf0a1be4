"""slurmdb GET and POST config: every slurmdb object kind in one document (the reference's
openapi_slurmdbd_config_resp), made of the other modules' objects (listed after them in TABLES)."""
from ..types import List
from . import V40_ON, V41_ON, V45_ON
from .meta import response

UNTIL_V44 = (V40_ON | V41_ON) - V45_ON  # v0.0.45 lists no instances, nor did v0.0.39

EVERY_OBJECT = True  # responses() sees every object of the version


def objects(version):
    return {}


def responses(version, objects):
    return {"config": response("openapi_slurmdbd_config_resp", (
        ("clusters", "clusters", List(objects["clusters"], "cluster_rec_list"), "Clusters"),
        ("tres", "tres", List(objects["tres"], "tres_list"), "TRES"),
        ("accounts", "accounts", List(objects["account"], "account_list"), "Accounts"),
        ("users", "users", List(objects["user"], "user_list"), "Users"),
        ("qos", "qos", List(objects["qos"], "qos_list"), "QOS"),
        ("wckeys", "wckeys", List(objects["wckeys"], "wckey_list"), "WCKeys"),
        ("associations", "associations", List(objects["assoc"], "assoc_list"), "Associations"),
        ("instances", "instances", List(objects["instances"], "instance_list"), "Instances", UNTIL_V44),
    ), version)}
