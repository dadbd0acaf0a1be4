"""slurmdbd itself: GET ping/ (slurmdbd_ping_t)."""
from ..types import BOOL, INT64, STRING, List, REQUIRED, table
from .meta import response


def objects(version):
    return {"dbd_pings": table("slurmdbd_ping", (
        ("hostname", "hostname", STRING, "Target for ping", REQUIRED),
        ("responding", "pinged", BOOL, "If ping RPC responded with pong from slurmdbd", REQUIRED),
        ("latency", "latency", INT64, "Number of microseconds it took to successfully ping or timeout", REQUIRED),
        ("primary", lambda r: r["offset"] == 0, BOOL, "Is responding slurmdbd the primary controller", REQUIRED),
    ), version)}


def responses(version, objects):
    return {"dbd_pings": response("openapi_slurmdbd_ping_resp", (
        ("pings", "pings", List(objects["dbd_pings"], "slurmdbd_ping_array"), "pings", REQUIRED),
    ), version)}
