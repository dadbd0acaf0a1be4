"""YAML as the release's reference does it, in every parser version it serves: the same request
asked with `Accept: application/x-yaml` (and a body sent as YAML) gives the same status, media type
and document, key order included, as the reference's, and the same document as our JSON answer.

The bytes are not compared: libyaml and ruamel.yaml lay a document out differently (26.05's
reference tags every node, "--- !!map", "!!str pings: !!seq"; quoting, indentation), which no
YAML reader sees.
"""
import time

import pytest

from compare import differences
from parsed import IGNORE, PLUGINS, VERSIONS, order_differences, served
from reference import build_request, parse_response, raw_reference
from service import raw_ours, responses

YAML = {"Accept": "application/x-yaml"}
GETS = [
    "/slurm/{v}/ping/", "/slurm/{v}/licenses/", "/slurm/{v}/partitions/", "/slurm/{v}/nodes/",
    "/slurm/{v}/reservations/", "/slurmdb/{v}/tres/", "/slurmdb/{v}/qos/", "/slurmdb/{v}/accounts/",
    "/slurmdb/{v}/users/", "/slurmdb/{v}/associations/", "/slurmdb/{v}/job/1",
]
MOVES = IGNORE | {"$.pings[].latency"}  # a live clock


def _decode(answer):
    from slurmrestd_py import media

    status, headers, body = answer
    headers = {k.lower(): v for k, v in headers.items()}
    kind = (headers.get("content-type") or "").split(";")[0]
    return status, kind, media.decode(kind, body) if body and kind in media.MEDIA_TYPES else body


def _ask(method, path, body=None, headers=YAML):
    """(reference, ours), each (status, media type, decoded document)."""
    request = build_request(method, path, body, headers)
    ref = _decode(parse_response(raw_reference(request)))
    our = _decode(responses(raw_ours(request, env={"SLURMRESTD_OPENAPI_PLUGINS": PLUGINS}))[0])
    return ref, our


def _same(method, path, body=None, headers=YAML, attempts=3, ignore=()):
    for _ in range(attempts if method == "GET" else 1):
        ref, our = _ask(method, path, body, headers)
        diff = [f"{what} {a!r} != {b!r}" for what, a, b in (("status", ref[0], our[0]), ("type", ref[1], our[1]))
                if a != b]
        diff += differences(ref[2], our[2], MOVES | set(ignore)) + order_differences(ref[2], our[2])
        if not diff:
            return our
        time.sleep(1)
    raise AssertionError(f"{method} {path}:\n" + "\n".join(diff[:40]))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", GETS)
def test_yaml_answers_as_the_reference(version, path):
    served(version)
    path = path.format(v=version)
    status, kind, doc = _same("GET", path)
    assert kind == "application/x-yaml"
    # ... and the same document as our JSON answer
    json_answer = _decode(responses(raw_ours(build_request("GET", path),
                                             env={"SLURMRESTD_OPENAPI_PLUGINS": PLUGINS}))[0])
    assert json_answer[0] == status and differences(json_answer[2], doc, MOVES) == []


@pytest.mark.parametrize("version", ("v0.0.44", "v0.0.45"))
@pytest.mark.parametrize("body", ["hostlist: n[1-3],m1\n", "hostlist: [n1, n2]\n", "nothing: 1\n"],
                         ids=["range", "list", "unknown-key"])
def test_yaml_bodies_as_the_reference(version, body):
    """A request body in YAML (POST util hostnames): read as the reference reads it."""
    served(version)
    headers = {**YAML, "Content-Type": "application/x-yaml"}
    # A deliberate difference (README): the reference reads every plain YAML scalar as a string
    # ("of type string" in its warning), ours by YAML's own rules (1 is an integer).
    ignore = {"$.warnings[].description"} if "nothing" in body else ()
    _, _, doc = _same("POST", f"/util/{version}/hostnames", body.encode(), headers, ignore=ignore)
    if ignore:
        assert doc["warnings"][0]["description"].startswith('Ignoring unknown field "nothing" of type ')


@pytest.mark.parametrize("version", ("v0.0.44", "v0.0.45"))
def test_yaml_body_of_a_null_key(version):
    """A deliberate difference (README): a YAML mapping with a null key (": :") is a 500 in plain
    text for the reference ("Unable to convert Data type"); ours reads it as a body without the
    field, refused in the API's error format."""
    served(version)
    headers = {**YAML, "Content-Type": "application/x-yaml"}
    ref, our = _ask("POST", f"/util/{version}/hostnames", b": :\n", headers)
    assert ref[:2] == (500, "text/plain") and our[:2] == (422, "application/x-yaml")
    assert our[2]["errors"][0]["description"] == "Missing required field 'hostlist' in dictionary"
