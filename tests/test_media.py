"""Media negotiation and body decoding, as pure functions."""
import json

import pytest

from slurmrestd_py import media
from slurmrestd_py.errors import ApiError


@pytest.mark.parametrize("accept, chosen", [
    (None, "application/json"),
    ("", "application/json"),
    ("application/json", "application/json"),
    ("application/jsonrequest", "application/jsonrequest"),
    ("application/x-yaml", "application/x-yaml"),
    ("text/yaml", "text/yaml"),
    ("application/yaml", "application/yaml"),
    ("*/*", "application/json"),
    ("application/json;q=0.5, application/x-yaml", "application/x-yaml"),
    ("text/html, */*;q=0.1", "application/json"),
    ("APPLICATION/JSON", "application/json"),
    ("application/x-yaml;q=0, application/json", "application/json"),
])
def test_negotiate(accept, chosen):
    assert media.negotiate(accept) == chosen


@pytest.mark.parametrize("accept", ["text/plain", "application/*", "text/html", "application/json;q=0"])
def test_negotiate_refuses_unknown_types(accept):
    with pytest.raises(ApiError) as e:
        media.negotiate(accept)
    assert e.value.status == 415


def test_decode_json_and_yaml_agree():
    doc = {"job": {"name": "x", "environment": ["A=1"], "nodes": 2, "hold": True}}
    assert media.decode("application/json", json.dumps(doc).encode()) == doc
    yaml_body = b"job:\n  name: x\n  environment: [A=1]\n  nodes: 2\n  hold: true\n"
    assert media.decode("application/x-yaml; charset=utf-8", yaml_body) == doc


def test_encode_round_trips_in_both_formats():
    doc = {"meta": {"a": "é/x"}, "errors": [], "n": [1, 2.5, None, True]}
    assert json.loads(media.encode("application/json", doc)) == doc
    assert media.decode("text/yaml", media.encode("text/yaml", doc)) == doc


def test_empty_body_is_none():
    assert media.decode("application/json", b"  \n") is None


@pytest.mark.parametrize("content_type, body", [
    ("application/json", b"{"),
    ("application/json", b"\xff\xfe"),
    ("application/json", b"[" * 100000),
    ("application/json", b"[" * 100 + b"]" * 100),
    ("application/x-yaml", b"a: [1, 2"),
    ("application/x-yaml", b"!!python/object:os.system {}"),
    ("application/x-yaml", b"a: 1\n---\nb: 2\n"),
])
def test_bad_bodies_are_400(content_type, body):
    with pytest.raises(ApiError) as e:
        media.decode(content_type, body)
    assert e.value.status == 400


def test_billion_laughs_is_refused_cheaply():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    with pytest.raises(ApiError) as e:
        media.decode("application/x-yaml", "\n".join(lines).encode())
    assert e.value.status == 400


@pytest.mark.parametrize("content_type", [None, "", "text/plain", "application/x-www-form-urlencoded"])
def test_unknown_body_types_are_415(content_type):
    with pytest.raises(ApiError) as e:
        media.decode(content_type, b"{}")
    assert e.value.status == 415


@pytest.mark.parametrize("content_type", [None, "", "text/plain", "application/json"])
def test_empty_body_needs_no_type(content_type):
    assert media.decode(content_type, b"") is None


def test_yaml_only_types_become_strings():
    assert media.decode("application/x-yaml", b"when: 2024-01-02\n") == {"when": "2024-01-02"}
