"""The route table and its matcher, as pure code."""
import pytest

from slurmrestd_py import api, versions
from slurmrestd_py.errors import ApiError
from slurmrestd_py.routing import Route, Router

ROUTER = Router([
    Route("GET", "/slurm/v0.0.38/job/{job_id}", "get_job", "v0.0.38"),
    Route("POST", "/slurm/v0.0.38/job/{job_id}", "update_job", "v0.0.38"),
    Route("POST", "/slurm/v0.0.38/job/submit", "submit", "v0.0.38"),
    Route("GET", "/slurm/v0.0.38/ping", "ping", "v0.0.38"),
])


@pytest.mark.parametrize("method, path, operation, params", [
    ("GET", "/slurm/v0.0.38/ping", "ping", {}),
    ("GET", "/slurm/v0.0.38/ping/", "ping", {}),
    ("GET", "//slurm//v0.0.38/ping", "ping", {}),
    ("GET", "/slurm/v0.0.38/job/12", "get_job", {"job_id": "12"}),
    ("POST", "/slurm/v0.0.38/job/12_3", "update_job", {"job_id": "12_3"}),
    ("POST", "/slurm/v0.0.38/job/submit", "submit", {}),
    ("GET", "/slurm/v0.0.38/job/submit", "get_job", {"job_id": "submit"}),
])
def test_match(method, path, operation, params):
    route, got = ROUTER.match(method, path)
    assert (route.operation, got) == (operation, params)


@pytest.mark.parametrize("method, path, status", [
    ("GET", "/nope", 404),
    ("GET", "/slurm/v0.0.38", 404),
    ("GET", "/slurm/v0.0.38/ping/extra", 404),
    ("GET", "/slurm/v0.0.37/pong", 404),
    ("POST", "/slurm/v0.0.38/ping", 405),
    ("DELETE", "/slurm/v0.0.38/job/submit", 405),
])
def test_no_match(method, path, status):
    with pytest.raises(ApiError) as e:
        ROUTER.match(method, path)
    assert e.value.status == status


# The plugins whose documents are the reference's own (data files); a parser version's is made.
LEGACY = [p for p in versions.PLUGINS.values() if not p.parser]


def test_every_enabled_route_is_in_the_openapi_documents():
    """Each routed path and method exists in the reference's document for its plugin."""
    from slurmrestd_py import openapi

    for route in api.routes(versions.PLUGINS.values()):
        name = route.plugin or "v0.0.38"
        if versions.PLUGINS[name].parser:
            continue  # a parser version's document is made from its tables: test_parser_openapi.py
        doc = openapi._load(name)
        assert route.template in doc["paths"], route.template
        assert route.method.lower() in doc["paths"][route.template], (route.method, route.template)


def test_deprecated_as_the_reference_documents():
    """A plugin is deprecated exactly when the reference's document tags its operations so."""
    from slurmrestd_py import openapi

    for plugin in LEGACY:
        ops = [op for item in openapi._load(plugin.name)["paths"].values() for op in item.values()
               if isinstance(op, dict) and "responses" in op and "tags" in op
               and "openapi" not in op["tags"]]
        assert ops and {bool(op.get("deprecated")) for op in ops} == {plugin.deprecated}, plugin.name


def test_every_documented_operation_is_served():
    """The converse: each plugin serves every operation its reference document lists."""
    from slurmrestd_py import openapi

    served = {(r.method, r.template) for r in api.routes(versions.PLUGINS.values())}
    for plugin in LEGACY:
        for path, item in openapi._load(plugin.name)["paths"].items():
            for method in item:
                if method in ("get", "post", "delete"):
                    assert (method.upper(), path) in served, (plugin.name, method, path)


def test_every_operation_reference_names_an_operation():
    """The table's "module:name" references resolve (a typo would only show on a request)."""
    for route in api.routes(versions.PLUGINS.values()):
        assert isinstance(api.operation(route.operation), api.Operation), route


def test_the_route_table_imports_no_handler():
    """Building the routes imports no handler module: a connection imports only the one it calls."""
    import subprocess
    import sys

    code = ("import sys; from slurmrestd_py import api, versions; api.routes(versions.PLUGINS.values()); "
            "print(sorted(m for m in sys.modules if m.startswith('slurmrestd_py.api.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/",
                         env={"PYTHONPATH": ":".join(p for p in sys.path if p)}).stdout
    assert out.strip() == "[]"
