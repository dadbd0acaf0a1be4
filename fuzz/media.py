"""Fuzz target: request bodies -> media.decode() (JSON or YAML), and Accept headers -> negotiate().

Input: byte 0 chooses the Content-Type (the known ones, with parameters, and unknown ones); the
rest is the body, and also, read as latin-1, an Accept header.

Invariants: decode() returns a document or raises an ApiError 400 (or 415 for an unknown type),
nothing else; a document holds only JSON's types (str keys, int64 ints, finite or not floats),
nests at most MAX_DEPTH deep, has at most MAX_YAML_NODES nodes, holds only text that encodes as
UTF-8, and encodes back to JSON and YAML that decode to the same document.
"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _driver  # noqa: E402

with _driver.instrumented(__name__):
    import ruamel.yaml  # noqa: F401 - media imports it on first use: instrument it too

    from slurmrestd_py import media
    from slurmrestd_py.errors import ApiError

CONTENT_TYPES = sorted(media.MEDIA_TYPES) + [
    "application/json; charset=utf-8", "APPLICATION/X-YAML", " text/yaml ;q=1", "text/plain",
    "application/x-www-form-urlencoded", "", None]


def walk(doc):
    """Check the document's shape; -> its node count."""
    nodes = 0
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        nodes += 1
        assert nodes <= media.MAX_YAML_NODES, "over MAX_YAML_NODES"
        assert depth <= media.MAX_DEPTH, "over MAX_DEPTH"
        if isinstance(node, dict):
            for k, v in node.items():
                assert isinstance(k, str), repr(k)
                k.encode("utf-8")
                stack.append((v, depth + 1))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
        elif isinstance(node, bool) or node is None or isinstance(node, float):
            pass
        elif isinstance(node, int):
            assert media.INT64_MIN <= node <= media.INT64_MAX, node
        else:
            assert isinstance(node, str), type(node)
            node.encode("utf-8")
    return nodes


def same(a, b):
    """Equality where NaN equals NaN."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def check(data):
    if not data:
        return
    content_type = CONTENT_TYPES[data[0] % len(CONTENT_TYPES)]
    body = data[1:]
    try:
        doc = media.decode(content_type, body)
    except ApiError as e:
        known = (content_type or "").split(";")[0].strip().lower() in media.MEDIA_TYPES
        assert e.status == (400 if known else 415), (e.status, e.description)
        e.entries()[0]["description"].encode("utf-8")
    else:
        if walk(doc) > 5000:
            return  # ruamel's pure-Python emitter needs seconds for a large round trip
        for out_type in ("application/json", "application/x-yaml"):
            again = media.decode(out_type, media.encode(out_type, doc))
            # an empty top-level document ({} or "") reads back as no document at all
            assert same(again, doc) or (again is None and doc in ({}, [], "", None)), (out_type, doc)
    try:
        chosen = media.negotiate(body.decode("latin-1"))
    except ApiError as e:
        assert e.status == 415
    else:
        assert chosen in media.MEDIA_TYPES
    json.dumps(content_type)


if __name__ == "__main__":
    sys.exit(_driver.main(check))
