"""Every JSON answer our tests get from slurmrestd-py must match the OpenAPI document we serve.

    check("GET", "/slurm/v0.0.38/nodes", 200, headers, body_bytes)  # AssertionError if it does not

The document is built once per session in-process, for every plugin, exactly as GET /openapi/v3
builds it. An answer is checked against the schema of its operation (path template + method) for
its status, else the operation's `default`; answers to undocumented requests (no such path or
method, the OpenAPI document itself) and bodies that are not JSON are left alone, so tests that
send garbage on purpose still pass. tests/service.py and tests/daemons.py call it for every answer
of ours; conftest.py prints how many answers were checked.
"""
import collections
import functools
import json
import re

CHECKED = {"answers": 0}  # answers validated against a schema this session
BY_VERSION = collections.Counter()  # of those, per API version ("v0.0.42", from the path)
_VERSION = re.compile(r"^/(?:slurm|slurmdb|util)/(v0\.0\.\d+)/")
MAX_SHOWN = 8  # violations listed per answer


@functools.lru_cache(maxsize=None)
def _document():
    from slurmrestd_py import api, routing, versions
    from slurmrestd_py.api.openapi import describe

    plugins = list(versions.PLUGINS.values())
    routes = api.routes(plugins)
    doc = describe(routes)
    router = routing.Router([routing.Route(r.method, r.template, None) for r in routes if r.plugin])
    return doc, router


@functools.lru_cache(maxsize=None)
def _validator(pointer):
    """An OAS 3.0 validator for the schema at `pointer` ("#/paths/...") of the document."""
    from openapi_schema_validator import OAS30Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    doc, _ = _document()
    registry = Registry().with_resource("urn:openapi", Resource(contents=doc, specification=DRAFT4))
    return OAS30Validator({"$ref": "urn:openapi" + pointer}, registry=registry)


def _escape(key):
    return str(key).replace("~", "~0").replace("/", "~1")


def _response_pointer(method, path, status):
    """JSON pointer to the JSON schema documented for this answer, or None."""
    from slurmrestd_py.errors import ApiError

    doc, router = _document()
    try:
        route, _ = router.match(method.upper(), path.split("?", 1)[0])
    except ApiError:
        return None
    described = doc["paths"].get(route.template, {}).get(method.lower())
    if described is None:  # a route this release does not serve in its version (Operation.rule): a 404
        return None
    responses = described["responses"]
    key = str(status) if str(status) in responses else "default"
    if "schema" not in responses.get(key, {}).get("content", {}).get("application/json", {}):
        return None
    return "#/" + "/".join(_escape(k) for k in ("paths", route.template, method.lower(), "responses", key,
                                                "content", "application/json", "schema"))


def _resolve(pointer):
    doc, _ = _document()
    node = doc
    for part in pointer[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _location(pointer, schema_path):
    """Where in the document the failing keyword is. jsonschema leaves `$ref` out of schema paths:
    follow every $ref met on the way (siblings of $ref do not count in OpenAPI 3.0)."""
    node, location = _resolve(pointer), pointer
    for key in schema_path:
        while isinstance(node, dict) and "$ref" in node:
            location = node["$ref"]
            node = _resolve(location)
        node = node[key] if isinstance(node, (dict, list)) else None
        location += f"/{_escape(key)}"
    return location


def check(method, path, status, headers, body):
    """Validate one answer; raise AssertionError naming the request, schema location and value."""
    __tracebackhide__ = True
    content_type = (headers or {}).get("content-type", "")
    if not body or not content_type.startswith("application/json"):
        return
    pointer = _response_pointer(method, path, status)
    if pointer is None:
        return
    try:
        data = json.loads(body)
    except ValueError:
        raise AssertionError(f"{method} {path} -> {status}: body is not JSON: {body[:200]!r}") from None
    errors = sorted(_validator(pointer).iter_errors(data), key=lambda e: list(e.absolute_path))
    CHECKED["answers"] += 1
    version = _VERSION.match(path)
    BY_VERSION[version.group(1) if version else "other"] += 1
    if errors:
        lines = [f"{method} {path} -> {status}: {len(errors)} violation(s) of the OpenAPI document "
                 f"(schema {pointer}):"]
        for e in errors[:MAX_SHOWN]:
            value = json.dumps(e.instance)
            value = value if len(value) <= 120 else value[:117] + "..."
            lines.append(f"  at {e.json_path}: {e.message if len(e.message) <= 200 else e.message[:197] + '...'}"
                         f"\n    schema {_location(pointer, e.schema_path)}\n    value  {value}")
        raise AssertionError("\n".join(lines))


def check_raw(request, answers):
    """Validate pipelined answers against the requests in `request` bytes, paired in order."""
    __tracebackhide__ = True
    for (method, target), (status, headers, body) in zip(requests(request), answers):
        check(method, target, status, headers, body)


def requests(raw):
    """(method, target) of each request in raw bytes, up to the first that does not parse."""
    import h11

    server = h11.Connection(h11.SERVER)
    server.receive_data(raw)
    server.receive_data(b"")
    out = []
    while True:
        try:
            event = server.next_event()
        except h11.RemoteProtocolError:
            break
        if isinstance(event, h11.Request):
            out.append((event.method.decode(), event.target.decode("latin-1")))
        elif isinstance(event, h11.EndOfMessage):
            try:
                server.send(h11.Response(status_code=204, headers=[]))
                server.send(h11.EndOfMessage())
                server.start_next_cycle()
            except h11.LocalProtocolError:
                break
        elif event is h11.NEED_DATA or event is h11.PAUSED or isinstance(event, h11.ConnectionClosed):
            break
    return out
