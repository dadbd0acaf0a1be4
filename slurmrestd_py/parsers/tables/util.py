"""The /util helpers' answers (v0.0.44 on): a hostlist expression and its host names, each the
request body of the other operation (openapi/util's POST hostnames and POST hostlist)."""
from ..types import REQUIRED, STRING, List
from . import V44_ON
from .meta import response


def objects(version):
    return {}


def responses(version, objects):
    if version not in V44_ON:
        return {}
    return {
        "util_hostlist": response("openapi_hostlist_req_resp", (
            ("hostlist", "hostlist", STRING, "Hostlist expression string (Hostlist expression string)", REQUIRED),
        ), version),
        "util_hostnames": response("openapi_hostnames_req_resp", (
            ("hostnames", "hostnames", List(STRING, "hostlist_string"), "Array of host names", REQUIRED),
        ), version),
    }
